"""Counting a filtered list: how many rows it holds, how many each facet
choice would show, and where those figures come from.

A filter set makes one ``Counts`` (its ``counts`` property), once; the view,
the paginator, the feeds and the exports read it, and nothing changes it
afterwards. The figures come from, cheapest first:

- a tally that PostgreSQL keeps current (articles.tallies), when no filter
  but those the tally is by is chosen (and, for the statuses on a day, the
  day: the tally of status changes);
- one company's deals (company=, buyer=, seller=, target=, with no other
  filter but status, type and country): the company's rows by role
  (CompanyDealRole), which also say how many reviews those deals have;
- on a day with review filters chosen (authority, review status,
  jurisdiction) and no other but status, type and country: the rows of the
  deals' spans under those reviews open that day (DealReviewSpan), read
  through their GiST index and grouped, without probing each deal's status;
- one grouped pass over what the other filters leave, which counts the deal
  list and its three facets together;
- the paginator's own count of the list (cached per archive version), when
  nothing else knows it;
- nothing: words (q=) that match ``match_limit`` deals or more, status, type
  and country set aside, offer their facets uncounted (counting a common
  word's tens of thousands of matches by status, type and country takes a
  second, and most searches are asked once).

The review facets of the deal list (review status, authority, jurisdiction)
are counted apart (``review_facets``): from the reviews of the deals the
other filters leave, read at most REVIEW_ROWS of them. A list whose deals
hold more reviews than that (the whole archive, a broad filter), or a list
holding more deals than that either as of a date or with a review filter
chosen (each of its deals then has a review), offers those choices
uncounted, so that the count never grows with the archive; no tally keeps
them.
"""

from __future__ import annotations

import datetime
import enum
import functools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractYear

from . import dialect
from .freshness import cached, cached_count
from .models import (
    ArticleTally,
    Authority,
    CompanyDealRole,
    Deadline,
    DeadlineTally,
    DealCountryTally,
    DealReviewSpan,
    DealStatusDayTally,
    DealStatusPeriod,
    DealTally,
    Review,
    ReviewStatusPeriod,
)

if TYPE_CHECKING:
    from .filters import ArticleFilterSet, DeadlineFilterSet, DealFilterSet

# "total": int; "status", "type", "country": Counter of each choice; "years":
# Counter of (year announced, status) of the deals listed, 0 when not announced;
# "reviews", when known (one company's deals): how many reviews they have.
FacetCounts = dict[str, Any]


class Source(enum.StrEnum):
    TALLY = "tally"
    SPANS = "spans under review"
    COMPANY = "the company's deals by role"
    ONE_PASS = "one pass"
    PAGINATOR = "the paginator's count"
    UNCOUNTED = "uncounted"
    NOTHING = "a filter that names nothing"


@dataclass(frozen=True)
class Counts:
    """What a filtered list knows of its size before it is paged."""

    total: int | None  # None: the paginator counts the list (cached)
    source: Source
    facets: FacetCounts | None = None  # the deal list's, when counted

    @property
    def facets_counted(self) -> bool:
        return self.facets is not None


PAGINATOR = Counts(total=None, source=Source.PAGINATOR)
NOTHING_FOUND = Counts(
    total=0,
    source=Source.NOTHING,
    facets={"total": 0, "status": Counter(), "type": Counter(), "country": Counter()},
)

# Part of the facets' cache keys: counts cached before "years" was counted
# are not read as if they held it.
FORMAT = "with years"


# A tally's rows (status, type, country, year, deals) added up for each
# facet, each over the rows its choice keeps (the facet's own choice set
# aside): the statuses with the chosen type and country, the types with the
# chosen status and country, the countries with the chosen status and type,
# and the deals listed (the chosen status, type and country) by year and
# status. The rows of country "" hold every deal once, the others the deals
# covering that country. GROUPING() tells which sum a row holds, and a
# country facet's row is the one with a country.
#
# Two passes: the first three sums read only the chosen country's rows
# (country "" when none is chosen: a twentieth of the tally at 100k deals),
# the country facet one sum per country, from the same rows without their
# year where a tally keeps them so (DealCountryTally: 2,000 rows at 100k
# deals instead of 27,000). One pass over every row with four sums in four
# grouping sets took 23 ms at 100k deals, the two passes over DealTally 11.
TALLY_SUMS = """
WITH tally (status, deal_type, country, year, n) AS NOT MATERIALIZED ({rows}),
by_country (status, deal_type, country, n) AS NOT MATERIALIZED ({country_rows})
SELECT GROUPING(status, deal_type, year), status, deal_type, NULL, year,
       (SUM(n) FILTER (WHERE in_type))::bigint,
       (SUM(n) FILTER (WHERE in_status))::bigint,
       (SUM(n) FILTER (WHERE in_status AND in_type))::bigint
FROM (
    SELECT tally.*,
           (%(any_status)s OR tally.status = ANY(%(statuses)s::text[])) AS in_status,
           (%(any_type)s OR tally.deal_type = ANY(%(types)s::text[])) AS in_type
    FROM tally WHERE tally.country = %(country)s
) AS flagged
GROUP BY GROUPING SETS ((status), (deal_type), (year, status))
UNION ALL
SELECT NULL, NULL, NULL, country, NULL, NULL, NULL, SUM(n)::bigint
FROM by_country
WHERE country <> ''
  AND (%(any_status)s OR status = ANY(%(statuses)s::text[]))
  AND (%(any_type)s OR deal_type = ANY(%(types)s::text[]))
GROUP BY country
"""
# GROUPING(status, deal_type, year): a bit set for each column summed over,
# the first column's the highest.
BY_STATUS, BY_TYPE, BY_YEAR_AND_STATUS = 0b011, 0b101, 0b010


def _named(sql: str, params: tuple[Any, ...], name: str, named: dict[str, Any]) -> str:
    """``sql`` with its positional parameters named ``<name><n>`` and added
    to ``named``, its literal percent signs kept."""
    named.update({f"{name}{i}": param for i, param in enumerate(params)})
    return sql.replace("%%", "%%%%") % tuple(f"%({name}{i})s" for i in range(len(params)))


@dataclass(frozen=True)
class FacetChoice:
    """The statuses, types and country chosen, and how to count each facet's
    choices with the other two applied (the list holds what passes all three)."""

    statuses: tuple[str, ...]  # sorted, as it is part of a cache key
    types: tuple[str, ...]
    country: str

    def count_deals(self, deals: QuerySet[Any]) -> FacetCounts:
        """Counts over ``deals``, read once, grouped by status, type and countries."""
        grouped = (
            deals.annotate(year=ExtractYear("announced_on"))
            .values_list("status", "deal_type", "countries", "year")
            .annotate(n=Count("pk"))
        )
        return self.count_grouped(grouped)

    def count_on(self, day: datetime.date, deals: QuerySet[Any] | None) -> FacetCounts:
        """Counts of the status each deal had on ``day`` (its status period
        then: at most one is known per deal), over ``deals`` (None: all)."""
        periods = DealStatusPeriod.objects.on(day)
        if deals is not None:
            periods = periods.using(deals.db).filter(deal__in=deals)
        grouped = (
            periods.annotate(year=ExtractYear("deal__announced_on"))
            .values_list("status", "deal__deal_type", "deal__countries", "year")
            .annotate(n=Count("pk"))
        )
        return self.count_grouped(grouped)

    def count_grouped(
        self, grouped: Iterable[tuple[str, str, str, int | None, int]]
    ) -> FacetCounts:
        """Counts from rows of (status, type, countries, year announced, deals)."""
        counts = self._empty()
        for status, deal_type, stored, year, n in grouped:
            codes = stored.split(",") if stored else []
            in_status, in_type = self._passes(status, deal_type)
            in_country = not self.country or self.country in codes
            self._add(counts, status, deal_type, n, in_status, in_type, in_country, year or 0)
            if in_status and in_type:
                counts["country"].update(dict.fromkeys(codes, n))
        return counts

    def count_with_reviews(
        self, rows: Iterable[tuple[str, str, str, int | None, int, int]]
    ) -> FacetCounts:
        """As count_grouped, from rows that also say how many reviews their
        deals have: the counts also hold the reviews of the deals listed."""
        rows = list(rows)
        counts = self.count_grouped(row[:5] for row in rows)
        counts["reviews"] = sum(
            reviews
            for status, deal_type, stored, _year, _n, reviews in rows
            if self._passes(status, deal_type) == (True, True)
            and (not self.country or self.country in (stored.split(",") if stored else []))
        )
        return counts

    def count_tally(
        self, rows: QuerySet[Any], country_rows: QuerySet[Any] | None = None
    ) -> FacetCounts:
        """Counts from rows of a tally (status, type, country, year, deals):
        its country "" rows hold every deal once, the others the deals
        covering that country; the country facet's from ``country_rows``
        (status, type, country, deals), the same without the year, when
        given. Added up by PostgreSQL (TALLY_SUMS): a tally has tens of
        thousands of rows, and adding them up in Python took a third of an
        uncached list's time."""
        sql, params = rows.query.sql_with_params()
        chosen: dict[str, Any] = {
            "country": self.country,  # "" when no country is chosen
            "any_status": not self.statuses,
            "statuses": list(self.statuses),
            "any_type": not self.types,
            "types": list(self.types),
        }
        # The rows' own queries come with positional parameters: named here,
        # and their literal percent signs kept, for one dict of parameters.
        rows_sql = _named(sql, params, "rows", chosen)
        if country_rows is None:
            country_sql = "SELECT status, deal_type, country, n FROM tally"
        else:
            country_sql = _named(*country_rows.query.sql_with_params(), "country_rows", chosen)
        statement = TALLY_SUMS.format(rows=rows_sql, country_rows=country_sql)
        counts = self._empty()
        with connections[rows.db].cursor() as cursor:
            cursor.execute(statement, chosen)
            for grouped, status, deal_type, code, year, *sums in cursor.fetchall():
                by_status, by_type, listed = sums
                if code is not None:
                    if listed:
                        counts["country"][code] = listed
                elif grouped == BY_STATUS and by_status:
                    counts["status"][status] = by_status
                elif grouped == BY_TYPE and by_type:
                    counts["type"][deal_type] = by_type
                elif grouped == BY_YEAR_AND_STATUS and listed:
                    counts["years"][year, status] = listed
                    counts["total"] += listed
        return counts

    @staticmethod
    def _empty() -> FacetCounts:
        return {
            "total": 0,
            "status": Counter(),
            "type": Counter(),
            "country": Counter(),
            "years": Counter(),
        }

    def _passes(self, status: str, deal_type: str) -> tuple[bool, bool]:
        return (not self.statuses or status in self.statuses), (
            not self.types or deal_type in self.types
        )

    @staticmethod
    def _add(
        counts: FacetCounts,
        status: str,
        deal_type: str,
        n: int,
        in_status: bool,
        in_type: bool,
        in_country: bool,
        year: int,
    ) -> None:
        if in_status and in_type and in_country:
            counts["total"] += n
            counts["years"][year, status] += n
        if in_type and in_country:
            counts["status"][status] += n
        if in_status and in_country:
            counts["type"][deal_type] += n


def deals(filterset: DealFilterSet) -> Counts:
    """The deal list's count and facets, cached until the archive changes."""
    if filterset.matches_nothing:
        return NOTHING_FOUND
    if filterset.limits_matches and not _fewer_matches_than_the_limit(filterset):
        return Counts(total=None, source=Source.UNCOUNTED)
    chosen = filterset.valid_data()
    choice = FacetChoice(
        tuple(sorted(chosen.get("status") or ())),
        tuple(sorted(chosen.get("type") or ())),
        chosen.get("country") or "",
    )
    others = filterset.queryset_without(*filterset.facets, "as_of").order_by()
    parts: Any
    day = chosen.get("as_of")
    if day and tally_answers(filterset):
        # The statuses of that day, from the changes of status before it.
        source = Source.TALLY
        rows = DealStatusDayTally.objects.using(others.db).counts_on(day)
        compute = functools.partial(choice.count_tally, rows)
        parts = ("day tally", day, FORMAT, choice)
    elif day and (reviews := _reviews_alone(filterset)):
        # The statuses of that day of the deals then under the chosen
        # reviews, from their spans of days under review.
        source = Source.SPANS
        spans = DealReviewSpan.objects.using(others.db).on(day)
        compute = functools.partial(choice.count_grouped, spans.counts(reviews))
        parts = ("review spans", day, tuple(reviews), FORMAT, choice)
    elif day:
        # The statuses of that day, of the deals the other filters leave.
        source = Source.ONE_PASS
        compute = functools.partial(choice.count_on, day, others if others.query.where else None)
        parts = ("as_of", day, others.query.sql_with_params(), FORMAT, choice)
    elif company_roles := _company_alone(filterset):
        # One company's deals, from its rows by role.
        source = Source.COMPANY
        rows = CompanyDealRole.objects.using(others.db).counts(*company_roles)
        compute = functools.partial(choice.count_with_reviews, rows)
        parts = ("company", company_roles[0].pk, company_roles[1], FORMAT, choice)
    elif tally_answers(filterset):
        source = Source.TALLY
        rows = (
            DealTally.objects.using(others.db)
            .filter(deals__gt=0)
            .values_list("status", "deal_type", "country", "year", "deals")
        )
        by_country = (
            DealCountryTally.objects.using(others.db)
            .filter(deals__gt=0)
            .values_list("status", "deal_type", "country", "deals")
        )
        compute = functools.partial(choice.count_tally, rows, by_country)
        parts = ("tally", FORMAT, choice)
    else:
        source = Source.ONE_PASS
        compute = functools.partial(choice.count_deals, others)
        parts = (others.query.sql_with_params(), FORMAT, choice)
    facets = cached("facets", parts, compute)
    # A list cut at its first matches is counted as cut, by the paginator.
    total = None if filterset.limits_matches else facets["total"]
    return Counts(total=total, source=source, facets=facets)


def tally_answers(filterset: DealFilterSet) -> bool:
    """Whether the deal list's count and facets come from a tally, without
    reading the deals: only status, type and country are chosen, and maybe
    a date (as_of=), on PostgreSQL. The API gives the count of such lists
    unasked."""
    others = filterset.queryset_without(*filterset.facets, "as_of").order_by()
    return not others.query.where and dialect.of(others.db).keeps_tallies


def _reviews_alone(filterset: DealFilterSet) -> list[tuple[str, tuple[str, ...]]]:
    """The review filters chosen, as DealReviewSpan's facets and values,
    when no other filter but status, type, country and the date is (and
    PostgreSQL keeps the spans); else none."""
    others = filterset.queryset_without(*filterset.facets, "as_of", *REVIEW_FACETS)
    if others.query.where or not dialect.of(others.db).keeps_tallies:
        return []
    chosen = filterset.valid_data()
    reviews: list[tuple[str, tuple[str, ...]]] = []
    if authority := chosen.get("authority"):
        reviews.append(("authority", (str(authority.pk),)))
    if statuses := chosen.get("review"):
        reviews.append(("review", tuple(sorted(statuses))))
    if code := chosen.get("jurisdiction"):
        reviews.append(("jurisdiction", (code.upper(),)))
    return reviews


# The company filters, and the roles in which each finds a company's deals.
COMPANY_ROLES = {
    "company": ("target", "seller", "bidder"),
    "buyer": ("bidder",),
    "seller": ("seller",),
    "target": ("target",),
}


def _company_alone(filterset: DealFilterSet) -> tuple[Any, tuple[str, ...]] | None:
    """The company chosen and its roles, when one company filter is chosen
    and no other but status, type and country (and PostgreSQL keeps each
    company's rows by role); else None."""
    if not dialect.of(filterset.queryset.db).keeps_tallies:
        return None
    chosen = filterset.valid_data()
    for name, roles in COMPANY_ROLES.items():
        company = chosen.get(name)
        if company and not filterset.queryset_without(*filterset.facets, name).query.where:
            return company, roles
    return None


def _fewer_matches_than_the_limit(filterset: DealFilterSet) -> bool:
    """Whether the words match fewer deals than the limit, status, type and
    country set aside: then every match is among the first ones, and the
    facets count them all."""
    limit = filterset.match_limit
    assert limit is not None  # only asked when the list is cut at the limit
    first = filterset.queryset_without(*filterset.facets).order_by()[:limit]
    return cached_count(first) < limit


def articles(filterset: ArticleFilterSet) -> Counts:
    """From the tally, when no filter but the language is chosen."""
    if filterset.matches_nothing:
        return NOTHING_FOUND
    chosen = filterset.chosen()
    if not dialect.of(filterset.queryset.db).keeps_tallies or chosen - {"language"}:
        return PAGINATOR
    tally = ArticleTally.objects.using(filterset.queryset.db)
    if "language" in chosen:
        tally = tally.filter(language=filterset.valid_data()["language"])
    total = tally.aggregate(n=Sum("articles"))["n"] or 0
    return Counts(total=total, source=Source.TALLY)


def past_deadlines(filterset: DeadlineFilterSet) -> Counts:
    """How many deadlines are past (settled: any status but pending), from
    the tally when no filter is chosen."""
    if filterset.matches_nothing:
        return NOTHING_FOUND
    if not dialect.of(filterset.queryset.db).keeps_tallies or filterset.chosen():
        return PAGINATOR
    tally = DeadlineTally.objects.using(filterset.queryset.db)
    past = tally.exclude(status=Deadline.Status.PENDING)
    return Counts(total=past.aggregate(n=Sum("deadlines"))["n"] or 0, source=Source.TALLY)


# The most reviews read to count the review facets of one list.
REVIEW_ROWS = 5000
REVIEW_FACETS = ("review", "authority", "jurisdiction")


@dataclass(frozen=True)
class ReviewFacets:
    """The review facets of a deal list: every authority (slug, label,
    jurisdiction) to choose from, and, when counted, for each review
    status, authority and jurisdiction the deals the list would hold with
    it, the other filters applied."""

    authorities: tuple[tuple[str, str, str], ...]
    counts: dict[str, Counter[str]] | None = None

    @property
    def counted(self) -> bool:
        return self.counts is not None


@dataclass(frozen=True)
class ReviewChoice:
    """The review statuses, authority and jurisdiction chosen."""

    statuses: tuple[str, ...]  # sorted, as it is part of a cache key
    authority: str  # slug, "" for none
    jurisdiction: str

    def count(self, rows: list[tuple[int, str, str, str]]) -> dict[str, Counter[str]]:
        """Counts from (deal id, status, authority slug, jurisdiction) rows,
        each deal once per choice however many of its reviews have it."""
        reviews_of: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
        for deal_id, *review in rows:
            reviews_of[deal_id].append((review[0], review[1], review[2]))
        counts: dict[str, Counter[str]] = {name: Counter() for name in REVIEW_FACETS}
        for reviews in reviews_of.values():
            statuses = {status for status, _slug, _code in reviews}
            slugs = {slug for _status, slug, _code in reviews}
            codes = {code for _status, _slug, code in reviews}
            in_status = not self.statuses or bool(statuses & set(self.statuses))
            in_authority = not self.authority or self.authority in slugs
            in_jurisdiction = not self.jurisdiction or self.jurisdiction in codes
            if in_authority and in_jurisdiction:
                counts["review"].update(statuses)
            if in_status and in_jurisdiction:
                counts["authority"].update(slugs)
            if in_status and in_authority:
                counts["jurisdiction"].update(codes)
        return counts


def review_facets(filterset: DealFilterSet) -> ReviewFacets:
    """The deal list's review facets, cached until the archive changes: two
    queries (the authorities, and at most REVIEW_ROWS + 1 reviews)."""
    chosen = filterset.valid_data()
    authority = chosen.get("authority")
    choice = ReviewChoice(
        tuple(sorted(chosen.get("review") or ())),
        authority.slug if authority else "",
        chosen.get("jurisdiction") or "",
    )
    uncountable = filterset.limits_matches and not filterset.counts.facets_counted
    reviews_chosen = any(chosen.get(name) for name in REVIEW_FACETS)
    facets = filterset.counts.facets or {}
    if facets.get("reviews", 0) > REVIEW_ROWS:
        # One company's deals hold more reviews than that: they are not read.
        uncountable = True
    if (chosen.get("as_of") or reviews_chosen) and (filterset.counts.total or 0) > REVIEW_ROWS:
        # A list longer than that, with a review filter chosen (each deal
        # listed has a review) or as of a date, is not read for its reviews:
        # at 1M deals, finding the reviews known that day of the 71,000
        # deals announced then took 0.6 s, only to find more than REVIEW_ROWS.
        uncountable = True
    others = filterset.queryset_without(*REVIEW_FACETS).order_by()
    company_alone = _company_alone(filterset)
    listed_deals = filterset.counts.total or 0
    listed: QuerySet[Any, dict[str, Any]] | None
    if company_alone and not any(chosen.get(name) for name in (*filterset.facets, "as_of")):
        # One company's deals with a review, from its rows by role: a giant's
        # 1,262 deals at 100k are not all looked up for their 520 reviews.
        listed = (
            CompanyDealRole.objects.using(others.db)
            .of(*company_alone)
            .filter(reviews__gt=0)
            .values("deal_id")
        )
    else:
        listed = others.values("pk") if others.query.where else None

    def compute() -> ReviewFacets:
        authorities = tuple(
            (slug, short_name or name, code)
            for slug, short_name, name, code in Authority.objects.using(others.db)
            .order_by("name")
            .values_list("slug", "short_name", "name", "jurisdiction")
        )
        if uncountable:
            return ReviewFacets(authorities)
        if on := chosen.get("as_of"):
            # The reviews as they stood that day: those whose status then is known.
            reviews = ReviewStatusPeriod.objects.using(others.db).on(on)
            prefix = "review__"  # from the period to its review
        else:
            reviews, prefix = Review.objects.using(others.db), ""
        if listed is not None:
            reviews = reviews.filter(**{f"{prefix}deal__in": listed})
        elif (
            listed_deals > REVIEW_ROWS
            and reviews.order_by()[: REVIEW_ROWS + 1].count() > REVIEW_ROWS
        ):
            # Every deal is listed, so many that their reviews may be more
            # than the bound: counted up to it first, not read (at 100k
            # deals, reading the first REVIEW_ROWS + 1 took 8 ms, only to find
            # too many).
            return ReviewFacets(authorities)
        rows = list(
            reviews.order_by().values_list(
                f"{prefix}deal_id",
                "status",
                f"{prefix}authority__slug",
                f"{prefix}authority__jurisdiction",
            )[: REVIEW_ROWS + 1]
        )
        if len(rows) > REVIEW_ROWS:
            return ReviewFacets(authorities)
        return ReviewFacets(authorities, choice.count(rows))

    try:
        sql = others.query.sql_with_params()
    except EmptyResultSet:  # another filter matches nothing (an unknown name)
        sql = ("", ())
    parts = ("reviews", sql, choice, uncountable)
    return cached("facets", parts, compute)
