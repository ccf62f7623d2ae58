"""The deal list exported as CSV and JSON, streamed, read back with the csv
and json modules. On PostgreSQL the database writes the rows (COPY); the
portable path (Python, from the ORM's rows) writes the same ones elsewhere:
tests taking ``path`` run on both."""

import codecs
import csv
import dataclasses
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from django.urls import reverse

from articles import dialect, exports
from articles.models import Deal, Review
from tests.factories import (
    AuthorityFactory,
    BidFactory,
    CompanyFactory,
    DealFactory,
    ReviewFactory,
)

CSV_URL = reverse("articles:export_deals_csv")
JSON_URL = reverse("articles:export_deals_json")


@pytest.fixture
def portable_path(monkeypatch):
    """Python writes the rows, as on a database other than PostgreSQL."""
    monkeypatch.setattr(dialect.Dialect, "writes_exports", property(lambda self: False))


@pytest.fixture(params=["portable", "database"])
def path(request, db):
    """Each export path in turn; the database's own is PostgreSQL's."""
    if request.param == "portable":
        request.getfixturevalue("portable_path")
    elif connection.vendor != "postgresql":
        pytest.skip(f"COPY is PostgreSQL's; this run is on {connection.vendor}")
    return request.param


def body(response) -> bytes:
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content)


def read_csv(response) -> list[dict]:
    content = body(response)
    assert content.startswith(codecs.BOM_UTF8)
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""))
    assert reader.fieldnames == exports.CSV_COLUMNS
    rows = list(reader)
    assert len(rows) == int(response[exports.COUNT_HEADER])
    return rows


def read_json(response) -> list[dict]:
    content = json.loads(body(response))
    assert content["count"] == len(content["results"]) == int(response[exports.COUNT_HEADER])
    return content["results"]


@pytest.fixture
def tiktok(db):
    bytedance = CompanyFactory(name="ByteDance", slug="bytedance")
    deal = DealFactory(
        slug="tiktok-us",
        title="Cession forcée de TikTok",
        target=CompanyFactory(name="TikTok", slug="tiktok"),
        seller=bytedance,
        status=Deal.Status.ABANDONED,
        deal_type=Deal.Type.FORCED_SALE,
        countries=["US", "CA"],
        announced_on=datetime.date(2020, 8, 6),
        closed_on=datetime.date(2020, 9, 14),
        value=Decimal("30000000000.00"),
        currency="USD",
        summary="Microsoft and Walmart bid jointly; Oracle alone.",
    )
    microsoft = CompanyFactory(name="Microsoft", slug="microsoft")
    walmart = CompanyFactory(name="Walmart", slug="walmart")
    BidFactory(deal=deal, bidders=[microsoft, walmart], submitted_on=datetime.date(2020, 8, 2))
    BidFactory(
        deal=deal,
        bidders=[CompanyFactory(name="Oracle", slug="oracle")],
        submitted_on=datetime.date(2020, 9, 1),
        amount=Decimal("1000.50"),
        currency="USD",
    )
    cfius = AuthorityFactory(
        name="Committee on Foreign Investment in the United States", short_name="CFIUS",
        slug="cfius", jurisdiction="US",
    )  # fmt: skip
    ReviewFactory(
        deal=deal,
        authority=cfius,
        kind=Review.Kind.FOREIGN_INVESTMENT,
        phase="",
        opened_on=None,
        status=Review.Status.ABANDONED,
        decided_on=datetime.date(2020, 9, 14),
    )
    return deal


def test_csv_has_one_readable_row_per_deal(client, path, tiktok):
    response = client.get(CSV_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="dealwatch-deals.csv"'
    [row] = read_csv(response)
    assert row == {
        "slug": "tiktok-us",
        "title": "Cession forcée de TikTok",
        "status": "abandoned",
        "status_label": "Abandoned",
        "type": "forced_sale",
        "type_label": "Forced sale",
        "target": "TikTok",
        "seller": "ByteDance",
        "bidders": "Microsoft & Walmart; Oracle",
        "countries": "CA; US",
        "country_names": "Canada; United States of America",
        "announced_on": "2020-08-06",
        "closed_on": "2020-09-14",
        "value": "30000000000.00",
        "currency": "USD",
        "url": "http://testserver/deals/tiktok-us/",
        "reviews": "CFIUS: Abandoned with the deal (2020-09-14)",
    }


def test_a_party_that_bid_twice_is_listed_once(client, path, tiktok):
    oracle = tiktok.bids.get(bidders__slug="oracle").bidders.get()
    BidFactory(deal=tiktok, bidders=[oracle], submitted_on=datetime.date(2020, 9, 5))
    [row] = read_csv(client.get(CSV_URL))
    assert row["bidders"] == "Microsoft & Walmart; Oracle"


@pytest.mark.django_db
@pytest.mark.parametrize("title", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx"])
def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_text(client, path, title):
    DealFactory(title=title)
    [row] = read_csv(client.get(CSV_URL))
    assert row["title"] == "'" + title


def test_json_is_a_documented_object_with_iso_dates_codes_and_labels(client, path, tiktok):
    response = client.get(JSON_URL)
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="dealwatch-deals.json"'
    [deal] = read_json(response)
    assert deal == {
        "slug": "tiktok-us",
        "url": "http://testserver/deals/tiktok-us/",
        "title": "Cession forcée de TikTok",
        "status": {"code": "abandoned", "label": "Abandoned"},
        "type": {"code": "forced_sale", "label": "Forced sale"},
        "target": {"slug": "tiktok", "name": "TikTok"},
        "seller": {"slug": "bytedance", "name": "ByteDance"},
        "bids": [
            {
                "bidders": [
                    {"slug": "microsoft", "name": "Microsoft"},
                    {"slug": "walmart", "name": "Walmart"},
                ],
                "status": {"code": "submitted", "label": "Submitted"},
                "amount": None,
                "currency": None,
                "submitted_on": "2020-08-02",
                "resolved_on": None,
            },
            {
                "bidders": [{"slug": "oracle", "name": "Oracle"}],
                "status": {"code": "submitted", "label": "Submitted"},
                "amount": "1000.50",
                "currency": "USD",
                "submitted_on": "2020-09-01",
                "resolved_on": None,
            },
        ],
        "reviews": [
            {
                "authority": {
                    "slug": "cfius",
                    "name": "Committee on Foreign Investment in the United States",
                    "short_name": "CFIUS",
                },
                "case_reference": None,
                "kind": {
                    "code": "foreign_investment",
                    "label": "Foreign investment or national security",
                },
                "phase": None,
                "status": {"code": "abandoned", "label": "Abandoned with the deal"},
                "opened_on": None,
                "phase_started_on": None,
                "decided_on": "2020-09-14",
                "remedies": "",
            }
        ],
        "countries": [
            {"code": "CA", "name": "Canada"},
            {"code": "US", "name": "United States of America"},
        ],
        "announced_on": "2020-08-06",
        "closed_on": "2020-09-14",
        "value": "30000000000.00",
        "currency": "USD",
        "summary": "Microsoft and Walmart bid jointly; Oracle alone.",
    }


@pytest.mark.django_db
def test_json_of_no_deals_is_an_empty_list(client, path):
    assert read_json(client.get(JSON_URL)) == []


@pytest.mark.django_db
def test_labels_follow_the_readers_language(client, path):
    DealFactory(status=Deal.Status.BLOCKED)
    [deal] = read_json(client.get(f"/fr{JSON_URL}"))
    assert deal["status"] == {"code": "blocked", "label": "Bloquée"}
    assert deal["countries"] == [{"code": "US", "name": "États-Unis d'Amérique"}]


@pytest.mark.django_db
def test_exports_take_the_filters_and_order_of_the_deal_list(client, path):
    microsoft = CompanyFactory(slug="microsoft")
    for title in ("Bravo", "Alpha", "Charlie"):
        BidFactory(deal=DealFactory(title=title, status=Deal.Status.BLOCKED), bidders=[microsoft])
    DealFactory(title="Delta", status=Deal.Status.BLOCKED)
    DealFactory(title="Echo", status=Deal.Status.COMPLETED)
    params = {"status": "blocked", "buyer": "microsoft", "sort": "title"}
    assert [row["title"] for row in read_csv(client.get(CSV_URL, params))] == [
        "Alpha",
        "Bravo",
        "Charlie",
    ]
    assert [deal["title"] for deal in read_json(client.get(JSON_URL, params))] == [
        "Alpha",
        "Bravo",
        "Charlie",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_bad_filters_get_a_400_saying_which(client, url):
    response = client.get(
        url, {"status": "sold", "announced_before": "2024-13-45", "sort": "random", "q": "x" * 500}
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()[1:]
    assert {line.split(": ", 1)[0] for line in lines} == {
        "status",
        "announced_before",
        "sort",
        "q",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_exports_read_deals_a_chunk_at_a_time_in_a_fixed_number_of_queries(
    client, django_assert_num_queries, monkeypatch, portable_path, url
):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    for _n in range(5):
        BidFactory(bidders=[CompanyFactory(), CompanyFactory()])
    # The count; the deals with their target and seller; then for each of
    # the three chunks of two, their bids, the bids' bidders and their
    # reviews. Around them, the export's snapshot, here a savepoint in the
    # test's transaction: SAVEPOINT, ROLLBACK TO SAVEPOINT (read only),
    # RELEASE SAVEPOINT.
    with django_assert_num_queries(1 + 1 + 3 * 3 + 3):
        response = client.get(url)
        content = body(response)
    assert content  # consumed inside the block: the queries run while streaming


@pytest.mark.django_db
@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_the_count_header_says_how_many_deals_follow(client, path, url):
    DealFactory.create_batch(3, status=Deal.Status.BLOCKED)
    DealFactory(status=Deal.Status.COMPLETED)
    response = client.get(url, {"status": "blocked"})
    assert response[exports.COUNT_HEADER] == "3"
    content = body(response)
    if url == JSON_URL:
        # The count is the last member: a cut export has none.
        assert content.endswith(b'\n], "count": 3}\n')
    else:
        assert len(content.decode("utf-8-sig").splitlines()) == 1 + 3


@pytest.mark.django_db
@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_head_tells_the_size_of_an_export_without_writing_it(client, path, url, monkeypatch):
    DealFactory.create_batch(2)
    for name in ("CSV", "JSON"):
        kind = getattr(exports, name)
        monkeypatch.setattr(exports, name, dataclasses.replace(kind, from_database=None))
    monkeypatch.setattr(exports, "_for_export", None)
    response = client.head(url)
    assert response.status_code == 200
    assert response[exports.COUNT_HEADER] == "2"
    assert b"".join(response.streaming_content) == b""


@pytest.fixture
def one_export_at_a_time(settings):
    settings.EXPORTS_PER_PROCESS = 1
    assert exports.SLOTS.taken == 0


@pytest.mark.django_db
@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_an_export_beyond_the_cap_is_refused_with_503_and_retry_after(
    client, one_export_at_a_time, url
):
    assert exports.SLOTS.take()  # an export streaming in another thread
    try:
        busy = client.get(url)
        busy_fr = client.get(f"/fr{url}")
    finally:
        exports.SLOTS.give_back()
    assert busy.status_code == busy_fr.status_code == 503
    assert busy["Retry-After"] == str(exports.RETRY_AFTER_SECONDS)
    assert busy["Content-Type"] == "text/plain; charset=utf-8"
    assert "Too many exports" in busy.text
    assert "Trop d'exportations" in busy_fr.text
    # Once the other export ends, this one is served.
    assert body(client.get(url)).startswith(b"\xef\xbb\xbfslug," if url == CSV_URL else b"{")


@pytest.mark.django_db
@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_an_export_gives_its_slot_back_read_or_not(client, one_export_at_a_time, path, url):
    DealFactory()
    read = client.get(url)
    body(read)
    unread = client.get(url)
    assert unread.status_code == 200
    # The client went away before the first byte: the server closes the
    # response (as the test client does, keeping the test's connection).
    request_finished.disconnect(close_old_connections)
    try:
        unread.close()
    finally:
        request_finished.connect(close_old_connections)
    assert exports.SLOTS.taken == 0
    body(client.get(url))


def _failing_copy(*args):
    """A COPY that sends rows, then fails, as a database that stops midway."""
    return (
        "COPY (SELECT CASE WHEN n < 3 THEN n::text ELSE (1 / (n - n))::text END"
        " FROM generate_series(1, 1000) AS n) TO STDOUT"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_an_export_that_fails_midway_is_logged_and_never_ends_complete(
    client, monkeypatch, caplog, one_export_at_a_time, path, url
):
    deals = DealFactory.create_batch(3)
    if path == "database":
        monkeypatch.setattr(exports, "BLOCK_SIZE", 1)
        for name in ("CSV", "JSON"):
            kind = dataclasses.replace(getattr(exports, name), statement=_failing_copy)
            monkeypatch.setattr(exports, name, kind)
    else:
        monkeypatch.setattr(exports, "CHUNK_SIZE", 1)
        broken = deals[1].slug  # the second deal of the list breaks it

        def get_absolute_url(deal):
            if deal.slug == broken:
                raise RuntimeError("the row could not be written")
            return f"/deals/{deal.slug}/"

        monkeypatch.setattr(Deal, "get_absolute_url", get_absolute_url)
    response = client.get(url)
    assert response.status_code == 200
    received = []
    with pytest.raises(Exception):  # noqa: B017 - whatever broke reaches the server
        for chunk in response.streaming_content:
            received.append(chunk)
    # Something was sent (the header line, a row), never the end.
    assert received
    assert b'"count"' not in b"".join(received)
    [record] = [r for r in caplog.records if r.name == "articles.exports"]
    assert record.levelname == "ERROR"
    assert "failed midway" in record.getMessage()
    assert url in record.getMessage()
    assert exports.SLOTS.taken == 0


@pytest.mark.postgres(reason="compares PostgreSQL's COPY with the portable path")
@pytest.mark.django_db
def test_the_database_writes_the_same_exports_as_the_portable_path(client, monkeypatch):
    bytedance = CompanyFactory(name="ByteDance")
    oracle = CompanyFactory(name="Oracle")
    namesake = CompanyFactory(name="Oracle")  # same name, another company
    formula = CompanyFactory(name="=cmd|' /C calc'!A0")  # made last, first by name
    joint = DealFactory(
        title='A "quoted", comma\nand a line',
        target=CompanyFactory(name="+Target; with, commas"),
        seller=bytedance,
        countries=["US", "CA", "FR"],
        value=Decimal("68700000000.00"),
        currency="USD",
        closed_on=datetime.date(2024, 3, 1),
        summary='Deux offres — « jointes ».\nUne "citation", un \\ et une tabulation\t.',
    )
    BidFactory(deal=joint, bidders=[oracle, formula], submitted_on=None)
    BidFactory(deal=joint, bidders=[namesake, oracle], amount=Decimal("0.50"), currency="EUR")
    BidFactory(deal=joint, bidders=[formula, oracle], submitted_on=datetime.date(2020, 1, 1))
    BidFactory(deal=joint, bidders=[], status=Deal.Status.RUMOURED)
    # Reviews: a formula-like authority, unknown dates, several per deal.
    sneaky = AuthorityFactory(name="=Sneaky Office", short_name="")
    ReviewFactory(deal=joint, authority=sneaky, opened_on=None)
    ReviewFactory(
        deal=joint,
        case_reference="M.1",
        phase="",
        status=Review.Status.CLEARED_WITH_REMEDIES,
        opened_on=datetime.date(2020, 1, 1),
        decided_on=datetime.date(2020, 3, 1),
        remedies='Sell the "cloud" rights;\nand more.',
    )
    ReviewFactory(deal=joint, opened_on=datetime.date(2020, 1, 1))
    DealFactory(title="-1", countries=[], announced_on=None, status=Deal.Status.BLOCKED)
    DealFactory(title="@home", deal_type=Deal.Type.JOINT_VENTURE, summary="")
    # Every row sent on its own: the blocks are joined as one whole.
    monkeypatch.setattr(exports, "BLOCK_SIZE", 1)

    def both(url, **params) -> tuple[bytes, bytes]:
        database = body(client.get(url, params))
        with monkeypatch.context() as patch:
            patch.setattr(dialect.Dialect, "writes_exports", property(lambda self: False))
            portable = body(client.get(url, params))
        return database, portable

    for url in (CSV_URL, f"/fr{CSV_URL}"):
        for params in ({}, {"sort": "title"}, {"q": "oracle"}):
            database, portable = both(url, **params)
            assert database == portable, (url, params)
    for url in (JSON_URL, f"/fr{JSON_URL}"):
        for params in ({}, {"sort": "-value"}):
            database, portable = both(url, **params)
            assert json.loads(database) == json.loads(portable), (url, params)
            assert json.loads(database)["count"] == 3
