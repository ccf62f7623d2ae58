"""make bench DATASETTE=1 compares the deal list with Datasette serving the
same archive exported to SQLite: the export holds the archive's rows, its
full-text index finds words in their English forms, and each Datasette
request selects the deals its dealwatch request does. Datasette itself is
not needed: its filters are written here as the SQL it runs for them."""

import datetime
import sqlite3
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db.models import F

from articles.models import Deal
from bench import datasette
from tests.factories import BidFactory, CompanyFactory, DealFactory


def exported(tmp_path) -> sqlite3.Connection:
    path = tmp_path / "dealwatch.db"
    datasette.export_archive(path)
    return sqlite3.connect(path)


def datasette_params(url: str) -> dict[str, list[str]]:
    parts = urlsplit(url)
    assert parts.path == "/dealwatch/deals"
    return parse_qs(parts.query)


@pytest.mark.django_db
def test_the_export_holds_deals_companies_bids_and_their_bidders(tmp_path):
    seller, buyer, partner = CompanyFactory.create_batch(3)
    deal = DealFactory(
        seller=seller,
        countries=["FR", "US"],
        value=Decimal("1250000.50"),
        currency="EUR",
        closed_on=datetime.date(2024, 5, 2),
        summary="A takeover.",
    )
    unvalued = DealFactory(countries=[], announced_on=None)
    joint = BidFactory(deal=deal, bidders=[buyer, partner])
    alone = BidFactory(deal=unvalued, bidders=[buyer])

    counts = datasette.export_archive(tmp_path / "dealwatch.db")
    db = sqlite3.connect(tmp_path / "dealwatch.db")

    assert counts == {"companies": 5, "deals": 2, "bids": 2, "bid_bidders": 3}
    rows = db.execute(
        "SELECT id, title, slug, target_id, seller_id, countries, deal_type, status, "
        "announced_on, closed_on, value, currency, summary FROM deals ORDER BY id"
    ).fetchall()
    assert rows == [
        (
            deal.pk, deal.title, deal.slug, deal.target_id, seller.pk, '["FR", "US"]',
            "acquisition", "announced", "2024-01-15", "2024-05-02", 1250000.5, "EUR",
            "A takeover.",
        ),
        (
            unvalued.pk, unvalued.title, unvalued.slug, unvalued.target_id, None, "[]",
            "acquisition", "announced", None, None, None, "", "",
        ),
    ]  # fmt: skip
    assert db.execute("SELECT id, deal_id, status FROM bids ORDER BY id").fetchall() == [
        (joint.pk, deal.pk, "submitted"),
        (alone.pk, unvalued.pk, "submitted"),
    ]
    assert set(db.execute("SELECT bid_id, company_id FROM bid_bidders")) == {
        (joint.pk, buyer.pk),
        (joint.pk, partner.pk),
        (alone.pk, buyer.pk),
    }
    assert db.execute("SELECT slug FROM companies WHERE id = ?", (buyer.pk,)).fetchone() == (
        buyer.slug,
    )
    # What Datasette's array facet counts: each code of each deal.
    facet = db.execute(
        "SELECT j.value, count(*) FROM deals JOIN json_each(deals.countries) j GROUP BY j.value"
    ).fetchall()
    assert facet == [("FR", 1), ("US", 1)]
    assert not (tmp_path / "dealwatch.partial").exists()


@pytest.mark.django_db
def test_the_full_text_index_finds_a_word_in_titles_and_summaries_in_any_form(tmp_path):
    in_title = DealFactory(title="Chipmaker buys a semiconductor plant")
    in_summary = DealFactory(summary="Two Semiconductors merge.")
    DealFactory(title="Airline merger", summary="Two carriers.")
    db = exported(tmp_path)

    # As Datasette's _search= asks it, each word quoted (escape_fts).
    found = db.execute(
        "SELECT rowid FROM deals_fts WHERE deals_fts MATCH ? ORDER BY rowid", ('"semiconductor"',)
    ).fetchall()
    assert found == [(in_title.pk,), (in_summary.pk,)]
    # And Datasette finds the index by the table it indexes.
    indexes = db.execute(
        "SELECT name FROM sqlite_master WHERE sql LIKE ?", ('%USING FTS%content="deals"%',)
    )
    assert indexes.fetchall() == [("deals_fts",)]


@pytest.mark.django_db
def test_each_datasette_request_selects_the_deals_of_its_dealwatch_request(tmp_path):
    giant, other = CompanyFactory.create_batch(2)
    french_pending = DealFactory(countries=["FR", "US"], status=Deal.Status.PENDING_APPROVAL)
    DealFactory(countries=["FR"], status=Deal.Status.COMPLETED)
    DealFactory(countries=["US"], status=Deal.Status.PENDING_APPROVAL)
    for deal in DealFactory.create_batch(3):
        BidFactory(deal=deal, bidders=[giant, other])  # joint bids count too
    BidFactory(bidders=[other])
    db = exported(tmp_path)
    requests = [
        ("deals, unfiltered", "/deals/"),
        ("deals, buyer=giant", f"/deals/?buyer={giant.slug}"),
        ("deals, country+status", "/deals/?country=fr&status=pending_approval"),
        ("deals, q=", "/deals/?q=semiconductor"),
        ("deals, sort=-value", "/deals/?sort=-value"),
        ("deals, as_of", "/deals/?as_of=2024-01-01"),  # not compared
    ]

    pairs = {name: (ours, theirs) for name, ours, theirs in datasette.request_pairs(requests, db)}

    assert list(pairs) == [
        "deals, unfiltered",
        "deals, buyer=giant",
        "deals, country+status",
        "deals, q=",
        "deals, sort=-value",
    ]
    assert pairs["deals, unfiltered"] == ("/deals/", "/dealwatch/deals")
    assert datasette_params(pairs["deals, q="][1]) == {"_search": ["semiconductor"]}
    assert datasette_params(pairs["deals, sort=-value"][1]) == {"_sort_desc": ["value"]}
    # The filters, run as Datasette runs them, pick dealwatch's deals.
    country = datasette_params(pairs["deals, country+status"][1])
    assert country == {"countries__arraycontains": ["FR"], "status": ["pending_approval"]}
    picked = db.execute(
        "SELECT id FROM deals WHERE status = ? AND ? IN (SELECT value FROM json_each(countries))",
        (country["status"][0], country["countries__arraycontains"][0]),
    ).fetchall()
    expected = Deal.objects.in_country("fr").filter(status=Deal.Status.PENDING_APPROVAL)
    assert [pk for (pk,) in picked] == [french_pending.pk] == [d.pk for d in expected]
    (where,) = datasette_params(pairs["deals, buyer=giant"][1])["_where"]
    picked = db.execute(f"SELECT id FROM deals WHERE {where} ORDER BY id").fetchall()
    expected = Deal.objects.with_buyer(giant).order_by("pk").values_list("pk", flat=True)
    assert [pk for (pk,) in picked] == list(expected) and len(picked) == 3


@pytest.mark.django_db
def test_a_deep_page_is_reached_by_the_keyset_of_the_row_before_it(tmp_path):
    first = datetime.date(2020, 1, 1)
    for day in range(30):
        DealFactory(announced_on=first + datetime.timedelta(days=day))
    undated = [DealFactory(announced_on=None).pk for _ in range(21)]
    db = exported(tmp_path)
    # dealwatch's order: newest first, the undated last (in the order they
    # were made, as Datasette orders them).
    newest_first = list(
        Deal.objects.order_by(F("announced_on").desc(nulls_last=True), "pk").values_list(
            "pk", "announced_on"
        )
    )
    size = datasette.PAGE_SIZE

    (token,) = datasette_params(datasette.datasette_url("/deals/?page=2", db))["_next"]

    pk, announced_on = newest_first[size - 1]
    assert token == f"{announced_on.isoformat()},{pk}"
    # Datasette's keyset clause for _sort_desc, as it writes it, gives
    # dealwatch's page 2.
    value, pk = token.split(",")
    page_two = db.execute(
        "SELECT id FROM deals WHERE (announced_on < :v OR announced_on IS NULL "
        "OR (announced_on = :v AND id > :pk)) ORDER BY announced_on DESC, id LIMIT :size",
        {"v": value, "pk": int(pk), "size": size},
    ).fetchall()
    assert [pk for (pk,) in page_two] == [pk for pk, _ in newest_first[size : 2 * size]]
    # Past every dated deal, the keyset says so as Datasette does.
    (token,) = datasette_params(datasette.datasette_url("/deals/?page=3", db))["_next"]
    assert token == f"$null,{undated[-2]}"
    with pytest.raises(ValueError, match="no row 75"):
        datasette.datasette_url("/deals/?page=4", db)


@pytest.mark.django_db
def test_a_filter_with_no_datasette_equivalent_is_refused(tmp_path):
    db = exported(tmp_path)
    with pytest.raises(ValueError, match="as_of="):
        datasette.datasette_url("/deals/?as_of=2024-01-01", db)
    with pytest.raises(ValueError, match="keysets"):
        datasette.datasette_url("/deals/?status=announced&page=3", db)
