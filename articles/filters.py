"""The public filters. Their parameter names are a contract: bookmarked and
shared URLs, feeds and exports all use them."""

import functools
from collections import Counter
from dataclasses import dataclass

import django_filters
from django.db.models import Count, F, Sum
from django.utils.translation import gettext_lazy as _

from . import tallies
from .filter_fields import (
    MAX_QUERY_LENGTH,
    CompanyField,
    CompanyFilter,
    CountryFilter,
    SlugFilter,
    SourceFilter,
)
from .freshness import cached, cached_count
from .models import (
    Article,
    ArticleTally,
    Company,
    Deadline,
    DeadlineTally,
    Deal,
    DealTally,
)


class ArchiveFilterSet(django_filters.FilterSet):
    def chosen(self) -> set[str]:
        """The filters given a valid value (an invalid one is ignored)."""
        if not self.is_bound:
            return set()
        self.is_valid()  # cleans the form, valid or not
        return {
            name for name, value in self.form.cleaned_data.items() if value not in (None, "", [])
        }

    def reads_tallies(self) -> bool:
        return tallies.kept(self.queryset.db)

    def known_count(self) -> int | None:
        """How many rows the list holds, when it is known without counting
        them (from a tally, or counted with something else); None otherwise."""
        return None

    @property
    def ambiguous(self) -> dict[str, list[Company]]:
        """Fields whose text matched several companies, with the candidates."""
        return {
            name: field.candidates
            for name, field in self.form.fields.items()
            if isinstance(field, CompanyField) and field.candidates
        }


class FacetedFilterSet(ArchiveFilterSet):
    """A FilterSet whose choice filters (``facets``) are counted: for each
    choice, the rows the result would hold with it, all other filters applied
    (queryset_without gives what those others leave)."""

    facets: tuple[str, ...] = ()  # the choice filters counted

    def queryset_without(self, *excluded):
        qs = self.queryset.all()
        if not self.is_bound:
            return qs
        for name, value in self.form.cleaned_data.items():
            if name not in excluded and name != "sort":
                qs = self.filters[name].filter(qs, value)
        return qs


@dataclass(frozen=True)
class FacetChoice:
    """The statuses, types and country chosen, and how to count each facet's
    choices with the other two applied (the list holds what passes all three)."""

    statuses: tuple  # sorted, as it is part of a cache key
    types: tuple
    country: str

    def count_deals(self, deals) -> dict:
        """Counts over ``deals``, read once, grouped by status, type and countries."""
        counts = {"total": 0, "status": Counter(), "type": Counter(), "country": Counter()}
        grouped = deals.values_list("status", "deal_type", "countries").annotate(n=Count("pk"))
        for status, deal_type, codes, n in grouped:
            codes = codes.split(",") if codes else []
            in_status, in_type = self._passes(status, deal_type)
            in_country = not self.country or self.country in codes
            self._add(counts, status, deal_type, n, in_status, in_type, in_country)
            if in_status and in_type:
                counts["country"].update(dict.fromkeys(codes, n))
        return counts

    def count_tally(self, tally) -> dict:
        """Counts from the tally: its country "" rows hold every deal once,
        the others the deals covering that country."""
        counts = {"total": 0, "status": Counter(), "type": Counter(), "country": Counter()}
        for status, deal_type, code, n in tally.filter(deals__gt=0).values_list(
            "status", "deal_type", "country", "deals"
        ):
            in_status, in_type = self._passes(status, deal_type)
            if code == self.country:  # "" when no country is chosen
                self._add(counts, status, deal_type, n, in_status, in_type, True)
            if code and in_status and in_type:
                counts["country"][code] += n
        return counts

    def _passes(self, status, deal_type) -> tuple[bool, bool]:
        return (not self.statuses or status in self.statuses), (
            not self.types or deal_type in self.types
        )

    @staticmethod
    def _add(counts, status, deal_type, n, in_status, in_type, in_country) -> None:
        if in_status and in_type and in_country:
            counts["total"] += n
        if in_type and in_country:
            counts["status"][status] += n
        if in_status and in_country:
            counts["type"][deal_type] += n


class DealFilterSet(FacetedFilterSet):
    company = CompanyFilter(label=_("Company (any role)"), method="filter_company")
    buyer = CompanyFilter(label=_("Buyer"), method="filter_buyer")
    seller = CompanyFilter(label=_("Seller"), method="filter_seller")
    target = CompanyFilter(label=_("Target"), method="filter_target")
    country = CountryFilter(label=_("Country"), method="filter_country")
    # distinct=False: these columns are the deal's own, so no row can repeat,
    # and a DISTINCT would make PostgreSQL sort every matching row.
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), field_name="status", choices=Deal.Status.choices, distinct=False
    )
    type = django_filters.MultipleChoiceFilter(
        label=_("Type"), field_name="deal_type", choices=Deal.Type.choices, distinct=False
    )
    announced_after = django_filters.DateFilter(
        label=_("Announced on or after"), field_name="announced_on", lookup_expr="gte"
    )
    announced_before = django_filters.DateFilter(
        label=_("Announced on or before"), field_name="announced_on", lookup_expr="lte"
    )
    q = django_filters.CharFilter(
        label=_("Words"), method="filter_text", max_length=MAX_QUERY_LENGTH
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="sort_by",
        empty_label=None,
        choices=[
            ("-announced", _("Newest first")),
            ("announced", _("Oldest first")),
            ("title", _("Title")),
            ("-value", _("Highest value")),
        ],
    )

    facets = ("status", "type", "country")
    _facet_counts = None
    # Deals not yet announced, or of unknown value, sort last either way.
    orderings = {
        "-announced": [F("announced_on").desc(nulls_last=True), "title", "pk"],
        "announced": [F("announced_on").asc(nulls_last=True), "title", "pk"],
        "title": ["title", "pk"],
        "-value": [F("value").desc(nulls_last=True), "title", "pk"],
    }

    class Meta:
        model = Deal
        fields = []

    def filter_company(self, qs, name, company):
        return qs.involving(company)

    def filter_buyer(self, qs, name, company):
        return qs.with_buyer(company)

    def filter_seller(self, qs, name, company):
        return qs.filter(seller=company)

    def filter_target(self, qs, name, company):
        return qs.filter(target=company)

    def filter_country(self, qs, name, code):
        return qs.in_country(code) if code else qs

    # Set by the deal list: it lists at most this many matches of q=, which
    # lets PostgreSQL read only those (exports and feeds take every match).
    match_limit = None

    def ordering(self) -> list:
        """The chosen order (newest first when none is, or none could be read)."""
        chosen = getattr(self.form, "cleaned_data", {}).get("sort")
        return self.orderings[chosen or "-announced"]

    def filter_text(self, qs, name, text):
        # Applied after every other filter but the order, which it must know.
        return qs.search_text(text, limit=self.match_limit, order=self.ordering())

    def queryset_without(self, *excluded, limited: bool = False):
        # A facet counts every match of the words, not only the first ones
        # the list shows: the count of a choice is of all the deals with it.
        limit, self.match_limit = self.match_limit, (self.match_limit if limited else None)
        try:
            return super().queryset_without(*excluded)
        finally:
            self.match_limit = limit

    @property
    def counts_facets(self) -> bool:
        """Whether facet_counts() counts: not when words (q=) match
        ``match_limit`` deals or more, status, type and country set aside.
        Counting a common word's tens of thousands of matches by status,
        type and country takes a second (84k matches: 1 s), and most
        searches are asked once."""
        if not self.limits_matches:
            return True
        first = self.queryset_without(*self.facets, limited=True).order_by()[: self.match_limit]
        return cached_count(first) < self.match_limit

    def facet_counts(self) -> dict | None:
        """How many deals each status, type and country would show, the other
        filters applied, and how many the list holds ("total"), cached until
        the archive changes; None when not counted (counts_facets). One pass
        over what the other filters leave (status, type and country set
        aside); with no other filter, over the tally of every deal
        (DealTally) instead of a million deals."""
        if self._facet_counts is None and self.counts_facets:
            self.is_valid()  # cleans the form, valid or not
            chosen = self.form.cleaned_data if self.is_bound else {}
            choice = FacetChoice(
                tuple(sorted(chosen.get("status") or ())),
                tuple(sorted(chosen.get("type") or ())),
                chosen.get("country") or "",
            )
            others = self.queryset_without(*self.facets).order_by()
            if not others.query.where and self.reads_tallies():
                compute = functools.partial(choice.count_tally, DealTally.objects.using(others.db))
                parts = ("tally", choice)
            else:
                compute = functools.partial(choice.count_deals, others)
                parts = (others.query.sql_with_params(), choice)
            self._facet_counts = cached("facets", parts, compute)
        return self._facet_counts

    def known_count(self) -> int | None:
        """Counted with the facets, unless the list is cut at the first matches."""
        return None if self.limits_matches else self.facet_counts()["total"]

    @property
    def limits_matches(self) -> bool:
        """Whether the list is cut at ``match_limit`` matches of q=."""
        return bool(self.match_limit and self.is_valid() and self.form.cleaned_data.get("q"))

    def sort_by(self, qs, name, key):
        return qs.order_by(*self.orderings[key]) if key else qs

    @property
    def qs(self):
        qs = super().qs
        if not qs.query.order_by:
            qs = qs.order_by(*self.ordering())
        if self.limits_matches:
            qs = qs[: self.match_limit]
        return qs


class CompanyFilterSet(ArchiveFilterSet):
    q = django_filters.CharFilter(
        label=_("Name"), method="filter_name", max_length=MAX_QUERY_LENGTH
    )
    country = CountryFilter(label=_("Country"), field_name="country")

    class Meta:
        model = Company
        fields = []

    def filter_name(self, qs, name, text):
        return qs.matching(text) if text.strip() else qs


class ArticleFilterSet(ArchiveFilterSet):
    source = SourceFilter(label=_("Source"))
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=Article.objects.language_choices, empty_label=_("Any language")
    )
    company = CompanyFilter(label=_("Company"), field_name="companies")
    deal = SlugFilter(label=_("Deal"), field_name="deals", queryset=Deal.objects.all())
    published_after = django_filters.DateFilter(
        label=_("Published on or after"), field_name="published_on", lookup_expr="gte"
    )
    published_before = django_filters.DateFilter(
        label=_("Published on or before"), field_name="published_on", lookup_expr="lte"
    )

    class Meta:
        model = Article
        fields = []

    def known_count(self) -> int | None:
        """From the tally, when no filter but the language is chosen."""
        chosen = self.chosen()
        if not self.reads_tallies() or chosen - {"language"}:
            return None
        tally = ArticleTally.objects.using(self.queryset.db)
        if "language" in chosen:
            tally = tally.filter(language=self.form.cleaned_data["language"])
        return tally.aggregate(n=Sum("articles"))["n"] or 0


class DeadlineFilterSet(ArchiveFilterSet):
    company = CompanyFilter(label=_("Company (any role)"), method="filter_company")
    country = CountryFilter(label=_("Country"), method="filter_country")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Deadline.Kind.choices, empty_label=_("Any kind")
    )

    class Meta:
        model = Deadline
        fields = []

    def filter_company(self, qs, name, company):
        return qs.filter(deal__in=Deal.objects.involving(company))

    def filter_country(self, qs, name, code):
        return qs.filter(deal__in=Deal.objects.in_country(code)) if code else qs

    def tallied_past_count(self) -> int | None:
        """How many deadlines are past (settled: any status but pending), from
        the tally when no filter is chosen (None otherwise)."""
        if not self.reads_tallies() or self.chosen():
            return None
        tally = DeadlineTally.objects.using(self.queryset.db)
        past = tally.exclude(status=Deadline.Status.PENDING)
        return past.aggregate(n=Sum("deadlines"))["n"] or 0
