"""One company's deals (company=, buyer=, seller=, target=): on PostgreSQL
listed and counted from each company's rows by role (CompanyDealRole), kept
by triggers; elsewhere from the deals and bids. Both are checked against
the records themselves, whatever writes them."""

import contextlib
import random
from collections import Counter
from unittest import mock

import pytest
from django.urls import reverse

from articles import chart_data, counting, dialect, freshness
from articles.models import Bid, Company, CompanyDealRole, Deal, Review
from tests.factories import BidFactory, CompanyFactory, DealFactory, ReviewFactory

URL = reverse("articles:deal_list")
S, T = Deal.Status, Deal.Type


def roles_kept() -> bool:
    return dialect.of("default").keeps_tallies


def deals_of(company: Company, roles: tuple[str, ...]) -> dict[str, Deal]:
    """The company's deals in ``roles``, read from the records."""
    found = {}
    for deal in Deal.objects.prefetch_related("bids__bidders"):
        held = {
            "target": deal.target_id == company.pk,
            "seller": deal.seller_id == company.pk,
            "bidder": any(b.pk == company.pk for bid in deal.bids.all() for b in bid.bidders.all()),
        }
        if any(held[role] for role in roles):
            found[deal.slug] = deal
    return found


@contextlib.contextmanager
def override_keeps_tallies(keeps: bool):
    """Read as if the database kept its tallies (or not)."""
    real = dialect.of

    def pretend(using):
        # A Mock would answer every other capability with a (true) Mock.
        database = real(using)
        return mock.Mock(
            wraps=database,
            keeps_tallies=keeps,
            keeps_record_versions=database.keeps_record_versions,
        )

    with mock.patch.object(dialect, "of", pretend):
        yield


def bump() -> int:
    """A new archive version: nothing cached is read again."""
    freshness.bump_archive_version()
    return freshness.archive_version()


def check(client, rng: random.Random, companies: list[Company]) -> None:
    for company in companies:
        for name, roles in counting.COMPANY_ROLES.items():
            query = {name: company.slug}
            if rng.random() < 0.3:
                query["status"] = rng.choice(S.values)
            expected = deals_of(company, roles)
            counts = Counter(deal.status for deal in expected.values())
            if "status" in query:
                expected = {s: d for s, d in expected.items() if d.status == query["status"]}
            response = client.get(URL, query, follow=True)  # to the canonical order
            assert response.status_code == 200
            listed = {deal.slug for deal in response.context["object_list"]}
            assert listed == set(expected), query
            assert response.context["paginator"].count == len(expected), query
            shown = {c["value"]: c["count"] for c in response.context["facets"]["status"]}
            assert +Counter(shown) == counts, query
            # Each review status once per deal listed that has such a review.
            reviewed = Counter(
                status
                for deal in expected.values()
                for status in set(deal.reviews.values_list("status", flat=True))
            )
            shown = {c["value"]: c["count"] for c in response.context["facets"]["review"]}
            assert +Counter(shown) == reviewed, query
            source = response.context["filter"].counts.source
            if source == counting.Source.NOTHING:  # e.g. a buyer that never bid
                assert not expected, query
            else:
                assert (source == counting.Source.COMPANY) == roles_kept(), query


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2])
def test_company_lists_agree_with_the_records_whatever_writes_them(client, seed):
    rng = random.Random(seed)
    companies = [CompanyFactory() for _ in range(6)]
    for _ in range(14):
        target = rng.choice(companies)
        deal = DealFactory(
            target=target,
            seller=rng.choice([None, *(c for c in companies if c != target)]),
            status=rng.choice(S.values),
            deal_type=rng.choice([T.ACQUISITION, T.MERGER]),
        )
        for _ in range(rng.randrange(3)):  # now and then a company bids twice
            BidFactory(deal=deal, bidders=rng.sample(companies, rng.randrange(1, 3)))
        for _ in range(rng.randrange(3)):  # reviewed by none, one or two authorities
            ReviewFactory(deal=deal, status=rng.choice(sorted(Review.OPEN_STATUSES)))
    check(client, rng, companies)

    # What moves a company's rows: bidders added and removed, a bid moved to
    # another deal, a target changed, statuses changed in bulk, deletions.
    bid = Bid.objects.order_by("pk").first()
    bid.bidders.add(companies[5])
    bid.bidders.remove(*bid.bidders.exclude(pk=companies[5].pk)[:1])
    other = Bid.objects.order_by("-pk").first()
    Bid.objects.filter(pk=other.pk).update(deal=Deal.objects.order_by("pk").first())
    deal = Deal.objects.exclude(seller=companies[0]).order_by("-pk").first()
    deal.target = companies[0]
    deal.save()
    Deal.objects.filter(pk__in=Deal.objects.order_by("pk")[:4].values("pk")).update(
        status=S.BLOCKED
    )
    Deal.objects.order_by("pk")[5].delete()
    Bid.bidders.through.objects.filter(company=companies[4]).delete()
    check(client, rng, companies)
    for company in companies:  # its page: the chart of its deals per year by role
        kept = chart_data.company_per_year("years", company).table
        with override_keeps_tallies(False):
            bumped = bump()
            assert chart_data.company_per_year("years", company).table == kept, bumped
    if roles_kept():
        held = set(CompanyDealRole.objects.values_list("company_id", "role", "deal_id"))
        expected = {
            (company.pk, role, deal.pk)
            for company in companies
            for role in ("target", "seller", "bidder")
            for deal in deals_of(company, (role,)).values()
        }
        assert held == expected


@pytest.mark.django_db
def test_a_company_whose_deals_hold_too_many_reviews_leaves_their_choices_uncounted(
    client, monkeypatch
):
    buyer = CompanyFactory()
    deals = [DealFactory() for _ in range(3)]
    for deal in deals:
        BidFactory(deal=deal, bidders=[buyer])
        ReviewFactory(deal=deal)
    ReviewFactory(deal=deals[0])
    monkeypatch.setattr(counting, "REVIEW_ROWS", 3)
    response = client.get(URL, {"buyer": buyer.slug})
    assert not response.context["filter"].review_counts.counted
    if roles_kept():  # known from the company's rows: 4 reviews
        assert response.context["filter"].counts.facets["reviews"] == 4
    # Narrowed to two of its deals (two reviews): counted.
    Deal.objects.filter(pk=deals[0].pk).update(status=S.BLOCKED)
    response = client.get(URL, {"buyer": buyer.slug, "status": S.ANNOUNCED})
    assert response.context["filter"].review_counts.counted
    review = {c["value"]: c["count"] for c in response.context["facets"]["review"]}
    assert review["under_review"] == 2
