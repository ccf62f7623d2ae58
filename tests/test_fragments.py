"""The fragments Jinja2 draws inside Django's pages (articles.fragments): a
list's rows, kept per deal, and the charts."""

import datetime
import random

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from articles import fragments
from articles.models import Bid, Deal
from articles.querysets import distinct_parties
from tests.factories import BidFactory, CompanyFactory, DealFactory

pytestmark = pytest.mark.django_db


def rows_of(*slugs):
    return list(Deal.objects.for_list().filter(slug__in=slugs).order_by("slug"))


def stored_rows(monkeypatch):
    """The keys of the rows stored from now on: those Jinja2 drew."""
    stored = []
    keep = cache.set_many

    def store(values, *args, **kwargs):
        stored.extend(values)
        return keep(values, *args, **kwargs)

    monkeypatch.setattr(cache, "set_many", store)
    return stored


def test_text_is_escaped():
    DealFactory(slug="quoted", title="Bob's <b>bold</b> bid & co")
    html = fragments.deal_rows(rows_of("quoted"), "table")
    assert "Bob&#39;s &lt;b&gt;bold&lt;/b&gt; bid &amp; co" in html
    assert "<b>" not in html


def test_a_row_speaks_the_readers_language():
    DealFactory(slug="sold", status=Deal.Status.COMPLETED, target=CompanyFactory(name="Cible SA"))
    with translation.override("fr"):
        html = fragments.deal_rows(rows_of("sold"), "table")
    assert 'data-label="Cible"' in html
    assert '<span class="badge status-completed">Conclue</span>' in html


def test_rows_are_kept_and_drawn_again_only_after_a_change(monkeypatch):
    DealFactory(slug="first")
    DealFactory(slug="second")
    stored = stored_rows(monkeypatch)

    fragments.deal_rows(rows_of("first", "second"), "table")
    assert len(stored) == 2
    fragments.deal_rows(rows_of("first", "second"), "table")
    assert len(stored) == 2  # both kept: nothing drawn

    Deal.objects.filter(slug="first").update(title="First, renamed")
    html = fragments.deal_rows(rows_of("first", "second"), "table")
    assert "First, renamed" in html
    # Drawn again: the renamed row (PostgreSQL keeps the other on its own
    # version), or both (elsewhere every row is on the archive's version).
    assert len(stored) in (3, 4)


def test_a_table_row_and_a_card_are_kept_apart():
    DealFactory(slug="both")
    table = fragments.deal_rows(rows_of("both"), "table")
    card = fragments.deal_rows(rows_of("both"), "card")
    assert table.lstrip().startswith("<tr>")
    assert card.lstrip().startswith('<article class="deal-row">')


def test_a_row_names_a_handful_of_bidders_then_how_many_more():
    deal = DealFactory(slug="contested")
    for n in range(5):
        BidFactory(deal=deal, bidders=[CompanyFactory(name=f"Bidder {n}")])
    html = fragments.deal_rows(rows_of("contested"), "table")
    assert html.count(f'href="{reverse("articles:deal_list")}?buyer=') == fragments.PARTIES_SHOWN
    assert "and 2 more" in html


def test_a_joint_bid_is_one_party_and_a_second_bid_adds_none():
    deal = DealFactory(slug="tiktok")
    microsoft, walmart, oracle = (
        CompanyFactory(name=name) for name in ("Microsoft", "Walmart", "Oracle")
    )
    BidFactory(deal=deal, bidders=[walmart, microsoft])
    BidFactory(deal=deal, bidders=[oracle])
    BidFactory(deal=deal, bidders=[oracle])
    parties = Bid.objects.parties_by_deal([deal.pk], 3)[deal.pk]
    # In the order they first bid, each party's companies by name.
    assert [[bidder.name for bidder in party] for party in parties.shown] == [
        ["Microsoft", "Walmart"],
        ["Oracle"],
    ]
    assert parties.total == 2
    html = fragments.deal_rows(rows_of("tiktok"), "table")
    assert ">Microsoft</a> &amp; <a" in html and "more" not in html


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_parties_a_row_names_are_those_of_the_deals_page(seed):
    """Joint bids, a party bidding again, bids on the same day or on no known
    day: the first parties named and their number agree with the deal's
    page's grouping (distinct_parties), whichever database groups them."""
    rng = random.Random(seed)
    companies = [CompanyFactory(name=name) for name in ("Ant", "bee", "Cat", "Dog", "eel")]
    deals = [DealFactory() for _ in range(4)]
    days = [None, datetime.date(2024, 1, 1), datetime.date(2024, 1, 1), datetime.date(2024, 2, 1)]
    for deal in deals:
        for _ in range(rng.randrange(8)):
            BidFactory(
                deal=deal,
                submitted_on=rng.choice(days),
                bidders=rng.sample(companies, rng.choice([1, 1, 2, 3])),
            )
    listed = Bid.objects.parties_by_deal([deal.pk for deal in deals], 3)
    for deal in deals:
        bids = deal.bids.prefetch_related("bidders").order_by("submitted_on", "pk")
        parties = [
            [(company.pk, company.name) for company in party]
            for party, _bid in distinct_parties((bid, bid.bidders.all()) for bid in bids)
        ]
        if not parties:
            assert deal.pk not in listed
            continue
        shown = [
            [(company.pk, company.name) for company in party] for party in listed[deal.pk].shown
        ]
        assert (shown, listed[deal.pk].total) == (parties[:3], len(parties))
