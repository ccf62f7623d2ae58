"""The lists' counts: the deal list's counts and facets in one pass over what
the other filters leave, or from the tallies that PostgreSQL keeps current
with triggers (articles.tallies), exact either way."""

import datetime
import itertools
import random
from collections import Counter

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import chart_data, status_history
from articles.counting import FacetChoice
from articles.filters import DealFilterSet
from articles.models import (
    ArticleTally,
    Deadline,
    DeadlineMonthTally,
    DeadlineTally,
    Deal,
    DealCountryTally,
    DealStatusDayTally,
    DealStatusPeriod,
    DealTally,
)
from articles.status_history import StatusChange
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
    """The tally, by status, type and country (and year, if asked); the
    tally without the year (DealCountryTally) holds the same sums."""
    found: Counter = Counter()
    without_year: Counter = Counter()
    for status, deal_type, country, year, n in DealTally.objects.filter(deals__gt=0).values_list(
        "status", "deal_type", "country", "year", "deals"
    ):
        found[(status, deal_type, country, year) if by_year else (status, deal_type, country)] += n
        without_year[status, deal_type, country] += n
    by_country = Counter(
        {
            (status, deal_type, country): n
            for status, deal_type, country, n in DealCountryTally.objects.values_list(
                "status", "deal_type", "country", "deals"
            )
        }
    )
    assert +by_country == +without_year
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
        # (One company's deals also say how many reviews they hold.)
        counts = {k: v for k, v in filterset.counts.facets.items() if k != "reviews"}
        assert counts == expected_counts(statuses, types, country, **narrowed), query
        assert counts["total"] == filterset.qs.count(), query


def test_the_list_counts_its_deals_and_facets_in_one_query(client, deals):
    BidFactory(deal=deals[0])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"status": "announced", "country": "us"})
    # The archive's version, the count and the three facets, the review
    # facets (authorities, reviews), then the page's deals, their upcoming
    # deadlines, and the bidders of the rows drawn.
    assert len(queries) == 7
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


def day_tally_agrees_with_the_periods(days) -> None:
    """The day tally's facets equal those counted from the periods open on
    each day, for every choice of status, type and country, and the deals
    listed that day are those periods' deals."""
    choices = [
        FacetChoice((), (), ""),
        FacetChoice(("announced",), (), ""),
        FacetChoice((), ("acquisition",), "US"),
        FacetChoice(("abandoned", "announced"), (), "FR"),
    ]
    for day in days:
        # The deals listed that day: those announced by then, and the few
        # read from the periods that began before their announcement.
        known = set(DealStatusPeriod.objects.on(day).values_list("deal_id", flat=True))
        assert set(Deal.objects.with_status_on(day).values_list("pk", flat=True)) == known, day
        for choice in choices:
            tallied = choice.count_tally(DealStatusDayTally.objects.counts_on(day))
            counted_then = choice.count_on(day, None)
            assert tallied == counted_then, (day, choice)


@postgresql_only
@pytest.mark.django_db
def test_the_as_of_tallies_follow_periods_and_deals_whatever_changes():
    rng = random.Random(16)
    start = datetime.date(2019, 11, 20)
    deals = []
    for number in range(25):
        day = start + datetime.timedelta(days=rng.randrange(500))
        deal = DealFactory(
            status=S.RUMOURED,
            deal_type=rng.choice([T.ACQUISITION, T.MERGER]),
            countries=rng.sample(["US", "FR", "GB"], rng.randrange(3)),
            announced_on=day if number % 5 else None,
        )
        status_history.replace_history(deal, [(S.RUMOURED, day, None, None)])
        for status in rng.sample([S.ANNOUNCED, S.PENDING_APPROVAL, S.ABANDONED], 2):
            day += datetime.timedelta(days=rng.randrange(0, 70))  # some the same day
            deal.status, deal.status_change = status, StatusChange(on=day)
            deal.save()
        deals.append(deal)
    # A change whose date is not known: that deal is on no later day's list.
    deals[0].status, deals[0].status_change = S.COMPLETED, StatusChange(on=None)
    deals[0].save()
    # What moves a deal's periods to other keys, by the ORM and in bulk.
    deals[1].countries = ["FR"]
    deals[1].save()
    Deal.objects.filter(pk__in=[deals[2].pk, deals[3].pk]).update(
        announced_on=datetime.date(2018, 1, 1), deal_type=T.DIVESTITURE
    )
    first = DealStatusPeriod.objects.filter(deal=deals[4]).order_by("started_on")[:1]
    DealStatusPeriod.objects.filter(pk__in=first).update(
        started_on=F("started_on") - datetime.timedelta(days=40)
    )
    deals[5].delete()
    DealStatusPeriod.objects.filter(deal=deals[6]).delete()
    days = [start + datetime.timedelta(days=n) for n in range(-1, 700, 23)]
    day_tally_agrees_with_the_periods([*days, datetime.date(2021, 1, 1)])
    assert DealStatusDayTally.objects.counts_on(days[-1]).exists()

    DealStatusPeriod.objects.all().delete()
    assert not DealStatusDayTally.objects.counts_on(days[-1]).exists()


@postgresql_only
@pytest.mark.django_db
def test_the_list_as_of_a_day_is_counted_from_the_day_tally(client, deals):
    for deal in deals:  # their current periods, begun when they were announced
        status_history.replace_history(deal, [(deal.status, datetime.date(2024, 3, 9), None, None)])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"as_of": "2024-03-10", "country": "US"})
    facets = {c["value"]: c["count"] for c in response.context["facets"]["status"]}
    assert facets["announced"] == 2 and facets["blocked"] == 1
    assert response.context["paginator"].count == 3
    assert any("articles_dealstatusdaytally" in q["sql"] for q in queries.captured_queries)
    assert not any(
        "articles_dealstatusperiod" in q["sql"] and "GROUP BY" in q["sql"]
        for q in queries.captured_queries
    )
    before = client.get(URL, {"as_of": "2024-03-08", "country": "US"})
    assert before.context["paginator"].count == 0


@postgresql_only
@pytest.mark.django_db
def test_the_deadline_month_tally_follows_due_dates_and_draws_the_chart():
    day = datetime.date
    deadlines = [DeadlineFactory(due_on=on) for on in (day(2024, 1, 5), day(2024, 1, 20))]
    DeadlineFactory(due_on=day(2024, 3, 1))

    def months():
        tally = DeadlineMonthTally.objects.filter(deadlines__gt=0)
        return dict(tally.values_list("month", "deadlines"))

    assert months() == {day(2024, 1, 1): 2, day(2024, 3, 1): 1}
    Deadline.objects.filter(pk=deadlines[0].pk).update(due_on=day(2024, 3, 9))
    deadlines[1].delete()
    assert months() == {day(2024, 3, 1): 2}
    # The chart of every deadline reads the tally; of a filtered list, the
    # deadlines themselves: the same months.
    today = day(2024, 2, 1)
    everything = chart_data.deadlines_per_month("months", Deadline.objects.all(), today)
    counted = chart_data.deadlines_per_month("months", Deadline.objects.filter(pk__gt=0), today)
    assert everything.table == counted.table


@postgresql_only
@pytest.mark.django_db
def test_the_value_tally_adds_up_each_currency_as_the_deals_do():
    from decimal import Decimal

    deals = [
        DealFactory(value=Decimal("10.50"), currency="USD"),
        DealFactory(value=Decimal("4.25"), currency="USD"),
        DealFactory(value=Decimal("7"), currency="EUR"),
        DealFactory(value=None, currency=""),
    ]
    Deal.objects.filter(pk=deals[1].pk).update(value=Decimal("5.25"))
    Deal.objects.filter(pk=deals[2].pk).update(currency="GBP")
    deals[0].delete()
    # The home page's totals from the tally, and from the deals themselves.
    kept = chart_data.value_by_currency(Deal.objects.all())
    counted = chart_data.value_by_currency(Deal.objects.filter(pk__gt=0))
    assert kept == counted == [("GBP", Decimal("7.00")), ("USD", Decimal("5.25"))]
