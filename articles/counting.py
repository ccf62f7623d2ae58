"""Counting a filtered list: how many rows it holds, how many each facet
choice would show, and where those figures come from.

A filter set makes one ``Counts`` (its ``counts`` property), once; the view,
the paginator, the feeds and the exports read it, and nothing changes it
afterwards. The figures come from, cheapest first:

- a tally that PostgreSQL keeps current (articles.tallies), when no filter
  but those the tally is by is chosen;
- one grouped pass over what the other filters leave, which counts the deal
  list and its three facets together;
- the paginator's own count of the list (cached per archive version), when
  nothing else knows it;
- nothing: words (q=) that match ``match_limit`` deals or more, status, type
  and country set aside, offer their facets uncounted (counting a common
  word's tens of thousands of matches by status, type and country takes a
  second, and most searches are asked once).
"""

from __future__ import annotations

import enum
import functools
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet, Sum

from . import dialect
from .freshness import cached, cached_count
from .models import ArticleTally, Deadline, DeadlineTally, DealTally

if TYPE_CHECKING:
    from .filters import ArticleFilterSet, DeadlineFilterSet, DealFilterSet

FacetCounts = dict[str, Any]  # "total": int; "status", "type", "country": Counter


class Source(enum.StrEnum):
    TALLY = "tally"
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


@dataclass(frozen=True)
class FacetChoice:
    """The statuses, types and country chosen, and how to count each facet's
    choices with the other two applied (the list holds what passes all three)."""

    statuses: tuple[str, ...]  # sorted, as it is part of a cache key
    types: tuple[str, ...]
    country: str

    def count_deals(self, deals: QuerySet[Any]) -> FacetCounts:
        """Counts over ``deals``, read once, grouped by status, type and countries."""
        counts = self._empty()
        grouped = deals.values_list("status", "deal_type", "countries").annotate(n=Count("pk"))
        for status, deal_type, codes, n in grouped:
            codes = codes.split(",") if codes else []
            in_status, in_type = self._passes(status, deal_type)
            in_country = not self.country or self.country in codes
            self._add(counts, status, deal_type, n, in_status, in_type, in_country)
            if in_status and in_type:
                counts["country"].update(dict.fromkeys(codes, n))
        return counts

    def count_tally(self, tally: QuerySet[Any]) -> FacetCounts:
        """Counts from the tally: its country "" rows hold every deal once,
        the others the deals covering that country."""
        counts = self._empty()
        for status, deal_type, code, n in tally.filter(deals__gt=0).values_list(
            "status", "deal_type", "country", "deals"
        ):
            in_status, in_type = self._passes(status, deal_type)
            if code == self.country:  # "" when no country is chosen
                self._add(counts, status, deal_type, n, in_status, in_type, True)
            if code and in_status and in_type:
                counts["country"][code] += n
        return counts

    @staticmethod
    def _empty() -> FacetCounts:
        return {"total": 0, "status": Counter(), "type": Counter(), "country": Counter()}

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
    ) -> None:
        if in_status and in_type and in_country:
            counts["total"] += n
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
    others = filterset.queryset_without(*filterset.facets).order_by()
    if not others.query.where and dialect.of(others.db).keeps_tallies:
        source = Source.TALLY
        compute = functools.partial(choice.count_tally, DealTally.objects.using(others.db))
        parts: Any = ("tally", choice)
    else:
        source = Source.ONE_PASS
        compute = functools.partial(choice.count_deals, others)
        parts = (others.query.sql_with_params(), choice)
    facets = cached("facets", parts, compute)
    # A list cut at its first matches is counted as cut, by the paginator.
    total = None if filterset.limits_matches else facets["total"]
    return Counts(total=total, source=source, facets=facets)


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
