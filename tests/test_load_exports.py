"""make load's mixed run checks each export it downloads: one counts as
complete only when it holds as many deals as its count says, so an export
cut short is never taken for a whole one."""

import pytest

from bench import benchmark
from tests.factories import DealFactory


@pytest.fixture
def bodies(client, db):
    DealFactory.create_batch(3, title='A "quoted", comma\nand a line')
    return {
        url: b"".join(client.get(url).streaming_content)
        for url in ("/export/deals.csv", "/export/deals.json?sort=title")
    }


def test_a_whole_export_counts_its_deals(bodies):
    for url, body in bodies.items():
        assert benchmark.export_rows(url, body) == 3, url


def whole(url: str, body: bytes) -> bool:
    try:
        return benchmark.export_rows(url, body) == 3
    except ValueError:
        return False


@pytest.mark.parametrize("cut", [3, 10, 200])
def test_an_export_cut_short_is_never_whole(bodies, cut):
    for url, body in bodies.items():
        assert not whole(url, body[:-cut]), url


def test_a_json_export_whose_count_differs_is_not_whole(bodies):
    body = bodies["/export/deals.json?sort=title"].replace(b'"count": 3', b'"count": 4')
    with pytest.raises(ValueError):
        benchmark.export_rows("/export/deals.json", body)
