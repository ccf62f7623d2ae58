"""The curators' worklist on the admin's index: each item counts what needs
attention and links to the admin list of exactly those records."""

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    BidFactory,
    CompanyFactory,
    DeadlineFactory,
    DealFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(db):
    today = timezone.localdate()
    # Names far apart: the factory's "Company 1", "Company 2" are near on
    # PostgreSQL (trigrams), so they would count as likely duplicates there.
    covered, bare, other_bare = (
        DealFactory(target=CompanyFactory(name=name)) for name in ("Alstom", "Heineken", "Nokia")
    )
    ArticleFactory(deals=[covered])
    ArticleFactory(deals=[])
    DeadlineFactory(deal=covered, status="pending", due_on=today - datetime.timedelta(days=3))
    DeadlineFactory(deal=covered, status="pending", due_on=today - datetime.timedelta(days=1))
    DeadlineFactory(deal=covered, status="met", due_on=today - datetime.timedelta(days=9))
    DeadlineFactory(deal=covered, status="pending", due_on=today + datetime.timedelta(days=2))
    BidFactory(deal=bare, submitted_on=None, bidders=[CompanyFactory(name="Danone")])
    BidFactory(
        deal=other_bare,
        submitted_on=datetime.date(2020, 8, 27),
        bidders=[CompanyFactory(name="Unilever")],
    )
    CompanyFactory(name="TikTok")
    CompanyFactory(name="TIKTOK")
    CompanyFactory(name="ByteDance")
    CompanyFactory(name="Bytédance Ltd.")
    CompanyFactory(name="Oracle")


EXPECTED = {
    "Deadlines passed but still pending": 2,
    "Deals with no article": 2,
    "Bids with no date": 1,
    "Articles linked to no deal": 1,
    "Companies that look like duplicates": 4,
}


def worklist(page: str) -> dict[str, tuple[str, int]]:
    module = page[page.index('id="worklist-module"') :]
    module = module[: module.index("</table>")]
    rows = re.findall(r'<a href="([^"]+)">([^<]+)</a></th>\s*<td>(\d+)</td>', module)
    return {label: (unescape(url), int(count)) for url, label, count in rows}


def test_the_worklist_counts_what_needs_attention(curator_client, archive):
    found = worklist(curator_client.get("/admin/").content.decode())
    assert {label: count for label, (_url, count) in found.items()} == EXPECTED


@pytest.mark.parametrize("label", EXPECTED)
def test_each_item_links_to_the_list_of_what_it_counted(curator_client, archive, label):
    url, count = worklist(curator_client.get("/admin/").content.decode())[label]

    response = curator_client.get(url)

    assert response.status_code == 200
    assert response.context["cl"].result_count == count


def test_a_curator_sees_only_the_items_they_may_see(client, archive):
    user = User.objects.create_user("reader", password="not-used", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_bid"))
    client.force_login(user)

    found = worklist(client.get("/admin/").content.decode())

    assert list(found) == ["Bids with no date"]


@pytest.mark.parametrize(
    "names",
    [
        ["TikTok", "tiktok"],
        ["ByteDance", "Bytédance"],
        ["ByteDance", "Byte-Dance"],
        ["Oracle", "Oracle Corp."],
        ["Siemens", "Siemens GmbH"],
        ["Walmart", "WALMART, Inc."],
        ["Carrefour", "Carrefour SA"],
    ],
)
def test_duplicates_are_names_the_desk_would_ask_about(curator_client, names):
    for name in names:
        CompanyFactory(name=name)
    CompanyFactory(name="Microsoft")

    url, count = worklist(curator_client.get("/admin/").content.decode())[
        "Companies that look like duplicates"
    ]
    listed = curator_client.get(url).context["cl"].result_list

    assert count == 2
    assert sorted(company.name for company in listed) == sorted(names)


@pytest.mark.postgres(reason="trigram similarity is PostgreSQL's pg_trgm")
def test_similar_names_are_duplicates_on_postgresql(curator_client):
    CompanyFactory(name="Microsoft Corporation")
    CompanyFactory(name="Microsoft Corp")
    CompanyFactory(name="Mircosoft")
    CompanyFactory(name="Walmart")

    url, count = worklist(curator_client.get("/admin/").content.decode())[
        "Companies that look like duplicates"
    ]

    assert count == 2
    listed = curator_client.get(url).context["cl"].result_list
    assert sorted(company.name for company in listed) == ["Microsoft Corp", "Microsoft Corporation"]


def test_the_duplicates_are_found_in_as_many_queries_however_many_companies(curator_client):
    def index_queries() -> tuple[int, int]:
        cache.clear()  # the duplicates are kept for the archive's version
        with CaptureQueriesContext(connection) as queries:
            found = worklist(curator_client.get("/admin/").content.decode())
        return len(queries), found["Companies that look like duplicates"][1]

    CompanyFactory(name="Company 0")
    CompanyFactory(name="company 0 ltd")
    few = index_queries()
    for number in range(1, 30):
        CompanyFactory(name=f"Company {number}")
        CompanyFactory(name=f"company {number} ltd")

    assert index_queries() == (few[0], 60)
    assert few[1] == 2
