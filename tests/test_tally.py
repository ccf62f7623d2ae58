"""The lists' counts: the deal list's counts and facets in one pass over what
the other filters leave, or from the tallies that PostgreSQL keeps current
with triggers (articles.tallies), exact either way."""

import datetime
import itertools
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.filters import DealFilterSet
from articles.models import ArticleTally, Deadline, DeadlineTally, Deal, DealTally
from tests.factories import (
    ArticleFactory,
    BidFactory,
    CompanyFactory,
    DeadlineFactory,
    DealFactory,
)

URL = reverse("articles:deal_list")
S, T = Deal.Status, Deal.Type

postgresql_only = pytest.mark.postgres(
    reason="the tallies are kept by PostgreSQL triggers; elsewhere the records are counted"
)


def tally(by_year: bool = False) -> Counter:
    """The tally, by status, type and country (and year, if asked)."""
    found: Counter = Counter()
    for status, deal_type, country, year, n in DealTally.objects.filter(deals__gt=0).values_list(
        "status", "deal_type", "country", "year", "deals"
    ):
        found[(status, deal_type, country, year) if by_year else (status, deal_type, country)] += n
    return +found


def counted(by_year: bool = False) -> Counter:
    """The tally as it should be, from the deals themselves."""
    expected = Counter()
    for status, deal_type, countries, announced in Deal.objects.values_list(
        "status", "deal_type", "countries", "announced_on"
    ):
        year = announced.year if announced else 0
        for code in {"", *(countries.split(",") if countries else [])}:
            expected[(status, deal_type, code, year) if by_year else (status, deal_type, code)] += 1
    return expected


@pytest.fixture
def deals(db):
    return [
        DealFactory(status=S.ANNOUNCED, deal_type=T.ACQUISITION, countries=["US", "CA"]),
        DealFactory(status=S.ANNOUNCED, deal_type=T.MERGER, countries=["US"]),
        DealFactory(status=S.BLOCKED, deal_type=T.FORCED_SALE, countries=["US", "AU", "NZ"]),
        DealFactory(status=S.COMPLETED, deal_type=T.ACQUISITION, countries=[]),
    ]


@postgresql_only
def test_the_tally_follows_every_kind_of_change(deals):
    assert tally() == counted()
    assert tally()[S.ANNOUNCED, T.ACQUISITION, ""] == 1
    assert tally()[S.BLOCKED, T.FORCED_SALE, "NZ"] == 1

    deals[0].status = S.BLOCKED  # a curator's save
    deals[0].countries = ["CA"]
    deals[0].save()
    Deal.objects.filter(pk=deals[1].pk).update(deal_type=T.DIVESTITURE)  # in bulk
    BidFactory(deal=deals[2])  # moves the deal's version, not its tally
    Deal.objects.bulk_create([Deal(title="New", slug="new", target=CompanyFactory())])
    deals[3].delete()
    Deal.objects.filter(pk=deals[2].pk).update(announced_on=datetime.date(2019, 5, 1))
    assert tally() == counted()
    assert tally(by_year=True) == counted(by_year=True)
    assert tally(by_year=True)[S.BLOCKED, T.FORCED_SALE, "AU", 2019] == 1
    assert tally()[S.BLOCKED, T.ACQUISITION, "US"] == 0

    # Written past validation: ids moved, a code repeated, a code too long.
    moved = DealFactory(status=S.ANNOUNCED, deal_type=T.FORCED_SALE, countries=["NZ"])
    moved.status_periods.all().delete()  # they would hold on to the old id
    Deal.objects.filter(pk=moved.pk).update(id=moved.pk + 1000, status=S.COMPLETED)
    Deal.objects.filter(pk=deals[1].pk).update(countries="US,US,XYZ")
    assert tally() == counted()
    assert tally()[S.COMPLETED, T.FORCED_SALE, "NZ"] == 1
    assert tally()[S.ANNOUNCED, T.DIVESTITURE, "US"] == 1

    with connection.cursor() as cursor:  # as the benchmark's generator empties it
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # checked before the truncate
        cursor.execute("TRUNCATE articles_deal CASCADE")
    assert tally() == Counter()


def expected_counts(statuses=(), types=(), country="", **others) -> dict:
    """Each facet counted the plain way: a query for each choice."""

    def deals(with_status=True, with_type=True, with_country=True):
        qs = Deal.objects.filter(**others)
        if statuses and with_status:
            qs = qs.filter(status__in=statuses)
        if types and with_type:
            qs = qs.filter(deal_type__in=types)
        if country and with_country:
            qs = qs.in_country(country)
        return qs

    return {
        "total": deals().count(),
        "status": Counter(
            {s: n for s in S if (n := deals(with_status=False).filter(status=s).count())}
        ),
        "type": Counter(
            {t: n for t in T if (n := deals(with_type=False).filter(deal_type=t).count())}
        ),
        "country": Counter(
            code
            for countries in deals(with_country=False).values_list("countries", flat=True)
            for code in (countries.split(",") if countries else [])
        ),
        # The charts' deals per year announced and status, of the deals listed.
        "years": Counter(
            (announced.year if announced else 0, status)
            for announced, status in deals().values_list("announced_on", "status")
        ),
    }


CHOICES = list(
    itertools.product(
        [(), (S.ANNOUNCED,), (S.ANNOUNCED, S.BLOCKED)],
        [(), (T.ACQUISITION,), (T.ACQUISITION, T.FORCED_SALE)],
        ["", "US", "NZ", "FR"],
    )
)


@pytest.mark.parametrize("others", [False, True], ids=["alone", "with a buyer"])
def test_counts_and_facets_are_exact_for_every_choice(deals, others):
    buyer = CompanyFactory(slug="oracle")
    for deal in deals[:3]:
        BidFactory(deal=deal, bidders=[buyer])
    for statuses, types, country in CHOICES:
        query = {"status": list(statuses), "type": list(types), "country": country}
        if others:
            query["buyer"] = "oracle"
        filterset = DealFilterSet(query, queryset=Deal.objects.all())
        narrowed = {"bids__bidders": buyer} if others else {}
        counts = filterset.counts.facets
        assert counts == expected_counts(statuses, types, country, **narrowed), query
        assert counts["total"] == filterset.qs.count(), query


def test_the_list_counts_its_deals_and_facets_in_one_query(client, deals):
    BidFactory(deal=deals[0])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"status": "announced", "country": "us"})
    # The archive's version, the count and the three facets, the review
    # facets (authorities, reviews), then the page's deals, bids, bidders
    # and upcoming deadlines.
    assert len(queries) == 8
    assert response.context["paginator"].count == 2
    facets = response.context["facets"]
    assert {c["value"]: c["count"] for c in facets["status"]}["blocked"] == 1
    assert {c["value"]: c["count"] for c in facets["country"]} == {"CA": 1, "US": 2}
    assert "2 deals" in response.content.decode()


@postgresql_only
@pytest.mark.django_db
def test_the_article_and_deadline_tallies_follow_their_records():
    def articles():
        return dict(ArticleTally.objects.filter(articles__gt=0).values_list("language", "articles"))

    def deadlines():
        return dict(
            DeadlineTally.objects.filter(deadlines__gt=0).values_list("status", "deadlines")
        )

    english, french = ArticleFactory(language="en"), ArticleFactory(language="fr")
    ArticleFactory(language="fr")
    assert articles() == {"en": 1, "fr": 2}
    english.language = "de"
    english.save()
    french.delete()
    assert articles() == {"de": 1, "fr": 1}

    order = DeadlineFactory(status=Deadline.Status.PENDING)
    DeadlineFactory(status=Deadline.Status.MET)
    order.status = Deadline.Status.EXTENDED
    order.save()
    assert deadlines() == {"met": 1, "extended": 1}


@pytest.mark.django_db
def test_the_article_list_counts_by_language_and_the_past_deadlines(client):
    for language in ("en", "fr", "fr"):
        ArticleFactory(language=language)
    for status in ("pending", "met", "missed"):
        DeadlineFactory(status=status, due_on=datetime.date(2020, 1, 1))

    def count(url, query=None, section=None):
        response = client.get(url, query or {})
        if section is None:
            return response.context["paginator"].count
        sections = {s["key"]: s["page"] for s in response.context["sections"]}
        return sections[section].paginator.count

    assert count("/articles/") == 3
    assert count("/articles/", {"language": "fr"}) == 2
    assert count("/articles/", {"language": "xx"}) == 3  # ignored, and said
    assert count("/deadlines/", section="past") == 2
    assert count("/deadlines/", {"kind": "regulatory_review"}, section="past") == 2
    assert count("/deadlines/", {"kind": "shareholder_vote"}, section="past") == 0
