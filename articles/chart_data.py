"""The numbers behind each page's charts, and the charts they make
(articles.charts).

The deal list's and the home page's charts read the facet counts the page
already makes (articles.counting: by status, type, country and year, from
the tally on PostgreSQL), which cost nothing more. The others are one
grouped query each over what the page already filters, read once per
archive version (the ``charts`` cache layer)."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import EmptyResultSet
from django.db.models import Count, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear, TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from . import charts, dialect
from .freshness import cached
from .models import Bid, CompanyDealRole, DeadlineMonthTally, Deal, DealValueTally, Review

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

TOP_ITEMS = 8
MONTHS = 48  # the deadlines chart's widest window


def year_categories(values: Mapping[tuple[str, str], int]) -> list[tuple[str, StrOrPromise]]:
    """Every year from the first to the last counted, the empty ones too."""
    years = sorted({int(year) for year, _k in values})
    if not years:
        return []
    return [(str(y), str(y)) for y in range(years[0], years[-1] + 1)]


def deals_per_year(chart_id: str, facets: Mapping[str, Counter[Any]]) -> charts.Chart:
    """From the facet counts, which count the listed deals by year and
    status too (a tally on PostgreSQL): no query of its own."""
    values = {(str(year), status): n for (year, status), n in facets["years"].items() if year}
    return charts.stacked_columns(
        chart_id,
        _("Deals per year announced, by status"),
        year_categories(values),
        charts.series([(str(v), label) for v, label in Deal.Status.choices], charts.STATUS_COLOURS),
        values,
        _("Year"),
    )


def top_countries(chart_id: str, facets: Mapping[str, Counter[str]]) -> charts.Chart:
    items = [(countries.name(code), n) for code, n in facets["country"].most_common(TOP_ITEMS) if n]
    return charts.horizontal_bars(chart_id, _("Top countries"), items, _("Country"), _("Deals"))


def top_types(chart_id: str, facets: Mapping[str, Counter[str]]) -> charts.Chart:
    labels = dict(Deal.Type.choices)
    items = [(labels.get(t, t), n) for t, n in facets["type"].most_common(TOP_ITEMS) if n]
    return charts.horizontal_bars(chart_id, _("Deals by type"), items, _("Type"), _("Deals"))


def deadlines_per_month(
    chart_id: str, deadlines: QuerySet[Any], today: datetime.date
) -> charts.Chart:
    """The deadlines per month, this month and those after highlighted."""

    def count() -> Counter[datetime.date]:
        if not deadlines.query.where and dialect.of(deadlines.db).keeps_tallies:
            # Every deadline: the tally PostgreSQL keeps.
            tally = DeadlineMonthTally.objects.using(deadlines.db).filter(deadlines__gt=0)
            return Counter(dict(tally.values_list("month", "deadlines")))
        rows = (
            deadlines.order_by()
            .annotate(month=TruncMonth("due_on"))
            .values_list("month")
            .annotate(n=Count("pk"))
        )
        return Counter({_as_date(month): n for month, n in rows})

    try:
        question = str(deadlines.order_by().query)
    except EmptyResultSet:  # a filter that names nothing: no SQL, nothing to count
        per_month: Counter[datetime.date] = Counter()
    else:
        per_month = cached("charts", ("months", question), count)
    this_month = today.replace(day=1)
    # From the first month with deadlines to the last, at most MONTHS of them:
    # an archive of past deals shows its own years, not an empty present.
    last = max(per_month, default=this_month)
    first = max(min(per_month, default=last), _add_months(last, 1 - MONTHS))
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    months = [_add_months(first, n) for n in range(span)]
    values = {
        (m.isoformat(), "upcoming" if m >= this_month else "past"): per_month.get(m, 0)
        for m in months
    }
    categories = [(m.isoformat(), date_format(m, "M Y")) for m in months]
    stack = charts.series(
        [("past", _("Past")), ("upcoming", _("This month and after"))],
        {"past": charts.SKY_BLUE, "upcoming": charts.VERMILLION},
    )
    return charts.stacked_columns(
        chart_id, _("Deadlines per month"), categories, stack, values, _("Month"), label_width=56
    )


def _as_date(month: datetime.date | datetime.datetime) -> datetime.date:
    return month.date() if isinstance(month, datetime.datetime) else month


def _add_months(month: datetime.date, n: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


ROLES: tuple[tuple[str, StrOrPromise], ...] = (
    ("bidder", _("As bidder")),
    ("target", _("As target")),
    ("seller", _("As seller")),
)


def company_per_year(chart_id: str, company: Any) -> charts.Chart:
    """The company's deals per year by its role in them: one query (on
    PostgreSQL the company's rows by role; elsewhere a union of the three
    roles, each through its own index)."""

    def count() -> Counter[tuple[str, str]]:
        if dialect.of(Deal.objects.db).keeps_tallies:
            return Counter(
                {
                    (str(year), role): n
                    for year, role, n in CompanyDealRole.objects.per_year(company)
                }
            )

        def part(deals: QuerySet[Deal], role: str) -> QuerySet[Any]:
            return (
                deals.order_by()
                .filter(announced_on__isnull=False)
                .annotate(year=ExtractYear("announced_on"), role=Value(role))
                .values_list("year", "role")
                .annotate(n=Count("pk", distinct=True))
            )

        # Bid.objects.by_bidder's semi-join, on the deals.
        bids = Bid.bidders.through.objects.filter(company=company).values("bid_id")
        bid_on = Deal.objects.filter(pk__in=Bid.objects.filter(pk__in=bids).values("deal_id"))
        rows = (
            part(bid_on, "bidder")
            .union(
                part(Deal.objects.filter(target=company), "target"),
                part(Deal.objects.filter(seller=company), "seller"),
                all=True,
            )
            .order_by()
        )
        return Counter({(str(year), role): n for year, role, n in rows})

    values = cached("charts", ("company", company.pk), count)
    return charts.stacked_columns(
        chart_id,
        _("Its deals per year announced, by role"),
        year_categories(values),
        charts.series(ROLES),
        values,
        _("Year"),
    )


def authority_per_year(chart_id: str, authority: Any) -> tuple[charts.Chart, int]:
    """The authority's reviews per year by outcome: decided ones in the year
    of their decision, open ones in the year they opened. One grouped query
    (through the review's authority index), read once per archive version.
    With the chart, how many reviews have no date at all (left out of it)."""

    def count() -> Counter[tuple[str, str]]:
        rows = (
            Review.objects.filter(authority=authority)
            .order_by()
            .annotate(year=ExtractYear(Coalesce("decided_on", "opened_on")))
            .values_list("year", "status")
            .annotate(n=Count("pk"))
        )
        return Counter({(str(year or ""), status): n for year, status, n in rows})

    counts = cached("charts", ("authority", authority.pk), count)
    undated = sum(n for (year, _s), n in counts.items() if not year)
    values = {key: n for key, n in counts.items() if key[0]}
    chart = charts.stacked_columns(
        chart_id,
        _("Reviews per year, by outcome"),
        year_categories(values),
        charts.series(Review.Status.choices, charts.REVIEW_COLOURS),
        values,
        _("Year"),
    )
    return chart, undated


def value_by_currency(deals: QuerySet[Deal]) -> list[tuple[str, Any]]:
    """The total value of the deals whose value was reported, per currency,
    largest first: one query."""

    def total() -> list[tuple[str, Any]]:
        if not deals.query.where and dialect.of(deals.db).keeps_tallies:
            # Every deal: the tally PostgreSQL keeps.
            tally = DealValueTally.objects.using(deals.db).exclude(currency="")
            return list(
                tally.filter(total__gt=0).order_by("-total").values_list("currency", "total")
            )
        rows = (
            deals.order_by()
            .exclude(value__isnull=True)
            .exclude(currency="")
            .values_list("currency")
            .annotate(total=Sum("value"))
            .order_by("-total")
        )
        return list(rows)

    return cached("charts", ("value", str(deals.order_by().query)), total)
