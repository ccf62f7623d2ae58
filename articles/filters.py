"""The public filters. Their parameter names are a contract: bookmarked and
shared URLs, feeds and exports all use them."""

import datetime
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import EmptyResultSet
from django.core.validators import MinValueValidator
from django.db.models import F, QuerySet, Value
from django.forms.renderers import Jinja2
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from . import counting, dialect
from .filter_fields import (
    MAX_QUERY_LENGTH,
    CompanyField,
    CompanyFilter,
    CountryFilter,
    JurisdictionFilter,
    SlugFilter,
    SourceFilter,
)
from .locale_data import language_choices
from .models import EARLIEST_DATE, Article, Authority, Bid, Company, Deadline, Deal, Review
from .querysets import today
from .search_text import check_readable

# The error codes of a value that names no record (filter_fields).
NAMES_NOTHING = {"unknown", "unknown_country"}


def _not_after_today(day: datetime.date) -> None:
    if day > today():
        raise forms.ValidationError(_("Give a date no later than today."), code="future")


class AsOfFilter(django_filters.DateFilter):
    """A day written YYYY-MM-DD (one spelling: one cached page), from the
    archive's earliest date to today."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        kwargs.setdefault("validators", [MinValueValidator(EARLIEST_DATE), _not_after_today])
        kwargs.setdefault(
            "error_messages",
            {"invalid": _("Give a date as YYYY-MM-DD, for example 2023-01-01.")},
        )
        super().__init__(*args, **kwargs)


# The public lists' filter boxes are drawn from Django's Jinja2 widget
# templates: the same HTML as its Django templates, the deal list's five
# boxes in 0.4 ms instead of 1.0.
PUBLIC_FORMS = Jinja2()


class ArchiveFilterSet(django_filters.FilterSet):
    def get_form_class(self) -> type[forms.Form]:
        form_class = super().get_form_class()
        form_class.default_renderer = PUBLIC_FORMS
        return form_class

    def valid_data(self) -> dict[str, Any]:
        """The filters' cleaned values (an invalid one is left out)."""
        if not self.is_bound:
            return {}
        self.is_valid()  # cleans the form, valid or not
        return self.form.cleaned_data

    @property
    def matches_nothing(self) -> bool:
        """Whether a filter was given a value that names nothing in the archive
        (a company, source or country no record is): then the list is empty,
        never the list unfiltered."""
        if not self.is_bound or self.is_valid():
            return False
        return any(
            error.code in NAMES_NOTHING
            for errors in self.form.errors.as_data().values()
            for error in errors
        )

    @property
    def qs(self):
        return self.queryset.none() if self.matches_nothing else super().qs

    def chosen(self) -> set[str]:
        """The filters given a valid value (an invalid one is ignored)."""
        return {name for name, value in self.valid_data().items() if value not in (None, "", [])}

    @cached_property
    def counts(self) -> counting.Counts:
        """How many rows the list holds, when known without counting them
        (articles.counting); made once, read by the view and the paginator."""
        return counting.PAGINATOR

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

    def queryset_without(self, *excluded: str) -> QuerySet[Any]:
        if self.matches_nothing:
            return self.queryset.none()
        qs = self.queryset.all()
        for name, value in self.valid_data().items():
            if name not in excluded and name != "sort":
                qs = self.filters[name].filter(qs, value)
        return qs


class DealFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # Words PostgreSQL's parser still refuses after they were normalised
        # (articles.search_text) are a form error, not a server error.
        check_readable(self, using=Deal.objects.db)
        return cleaned


class DealFilterSet(FacetedFilterSet):
    company = CompanyFilter(label=_("Company (any role)"), method="filter_company")
    buyer = CompanyFilter(label=_("Buyer"), method="filter_buyer", role="buyer")
    seller = CompanyFilter(label=_("Seller"), method="filter_seller", role="seller")
    target = CompanyFilter(label=_("Target"), method="filter_target", role="target")
    country = CountryFilter(label=_("Country"), method="filter_country")
    # distinct=False: these columns are the deal's own, so no row can repeat,
    # and a DISTINCT would make PostgreSQL sort every matching row.
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        method="filter_status",
        choices=Deal.Status.choices,
        distinct=False,
    )
    type = django_filters.MultipleChoiceFilter(
        label=_("Type"), field_name="deal_type", choices=Deal.Type.choices, distinct=False
    )
    # Through the deals' reviews: each a semi-join on the reviews' indexes.
    authority = SlugFilter(
        label=_("Reviewed by"), method="filter_authority", queryset=Authority.objects.all()
    )
    review = django_filters.MultipleChoiceFilter(
        label=_("Review"), method="filter_review", choices=Review.Status.choices
    )
    jurisdiction = JurisdictionFilter(
        label=_("Reviewed in (jurisdiction)"), method="filter_jurisdiction"
    )
    announced_after = django_filters.DateFilter(
        label=_("Announced on or after"), field_name="announced_on", lookup_expr="gte"
    )
    announced_before = django_filters.DateFilter(
        label=_("Announced on or before"), field_name="announced_on", lookup_expr="lte"
    )
    # The status filter and facet then read each deal's status on that day
    # (articles.status_history), and the list holds the deals whose status
    # on that day is known.
    as_of = AsOfFilter(label=_("Status as of"), method="filter_as_of")
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
            ("value", _("Lowest value")),
        ],
    )

    facets = ("status", "type", "country")
    # Deals not yet announced, or of unknown value, sort last either way.
    orderings = {
        "-announced": [F("announced_on").desc(nulls_last=True), "title", "pk"],
        "announced": [F("announced_on").asc(nulls_last=True), "title", "pk"],
        "title": ["title", "pk"],
        "-value": [F("value").desc(nulls_last=True), "title", "pk"],
        "value": [F("value").asc(nulls_last=True), "title", "pk"],
    }
    default_sort = "-announced"

    class Meta:
        model = Deal
        fields = []
        form = DealFilterForm

    def __init__(self, *args, match_limit: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # The deal list shows at most this many matches of q=, which lets
        # PostgreSQL read only those (exports and feeds take every match).
        self.match_limit = match_limit
        self._matched_ids: dict[tuple, list[int]] = {}
        self._not_yet_announced: dict[tuple, list[int]] = {}

    def filter_company(self, qs, name, company):
        return qs.involving(company)

    def filter_status(self, qs, name, statuses):
        if not statuses or self.valid_data().get("as_of"):
            return qs  # as of a date, filter_as_of reads the status then
        return qs.filter(status__in=statuses)

    def filter_as_of(self, qs, name, on):
        if not on:
            return qs
        statuses = tuple(self.valid_data().get("status") or ())
        # Read once, whichever parts of the list (page, facets) filter by it.
        key = (on, statuses)
        if key not in self._not_yet_announced:
            self._not_yet_announced[key] = qs.not_yet_announced_on(on, statuses)
        return qs.with_status_on(on, statuses, self._not_yet_announced[key])

    def as_of_parts(self):
        """For paging an as-of list on PostgreSQL: its deals announced by
        that day, in the list's order, and the ids of the few known that day
        before their announcement; None when there are none such (the list
        is then read whole, in order) or the list is not as of a day."""
        on = self.valid_data().get("as_of")
        if not on or self.matches_nothing or self.limits_matches or self.counts.total is None:
            return None
        statuses = tuple(self.valid_data().get("status") or ())
        if not (early := self._not_yet_announced.get((on, statuses))):
            return None
        walked = self.queryset_without("as_of").announced_with_status_on(on, statuses)
        return walked.order_by(*self.ordering()), early

    def filter_buyer(self, qs, name, company):
        return qs.with_buyer(company)

    def filter_seller(self, qs, name, company):
        return qs.filter(seller=company)

    def filter_target(self, qs, name, company):
        return qs.filter(target=company)

    def filter_country(self, qs, name, code):
        return qs.in_country(code) if code else qs

    # As of a date, the review filters read the reviews as they stood then.
    def filter_authority(self, qs, name, authority):
        return qs.reviewed_by(authority, on=self.valid_data().get("as_of"))

    def filter_review(self, qs, name, statuses):
        if not statuses:
            return qs
        return qs.with_review_status(statuses, on=self.valid_data().get("as_of"))

    def filter_jurisdiction(self, qs, name, code):
        return qs.reviewed_in(code, on=self.valid_data().get("as_of")) if code else qs

    def ordering(self) -> list:
        """The chosen order (newest first when none is, or none could be read)."""
        chosen = getattr(self.form, "cleaned_data", {}).get("sort")
        return self.orderings[chosen or self.default_sort]

    def filter_text(self, qs, name, text):
        # Applied after every other filter but the order, which it must know.
        matches = qs.search_text(text, limit=self.match_limit, order=self.ordering())
        if not (self.match_limit and dialect.of(qs.db).full_text_search):
            return matches
        # The list reads its matches up to five times (count, facets, review
        # facets, the page): PostgreSQL finds them once for each set of the
        # other filters (once when q= is alone, twice with a facet chosen,
        # whose counts set it aside), then reads them by id (at most four
        # times match_limit ids, one per part of the search).
        try:
            key = matches.query.sql_with_params()
        except EmptyResultSet:  # another filter names nothing
            return matches
        if key not in self._matched_ids:
            self._matched_ids[key] = list(matches.order_by().values_list("pk", flat=True))
        ids = self._matched_ids[key]
        # Not pk__any_of=[]: a list's counts are cached under its SQL, which that lacks.
        return qs.filter(pk__any_of=ids) if ids else qs.filter(Value(False))

    @cached_property
    def counts(self) -> counting.Counts:
        return counting.deals(self)

    @cached_property
    def review_counts(self) -> counting.ReviewFacets:
        return counting.review_facets(self)

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


class AuthorityFilterSet(ArchiveFilterSet):
    jurisdiction = JurisdictionFilter(label=_("Jurisdiction"), field_name="jurisdiction")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Authority.Kind.choices, empty_label=_("Any kind")
    )

    class Meta:
        model = Authority
        fields = []


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

    @cached_property
    def counts(self) -> counting.Counts:
        return counting.articles(self)


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

    @cached_property
    def past_counts(self) -> counting.Counts:
        """The count of the past section (the other two are counted)."""
        return counting.past_deadlines(self)


# The API's lists (articles.api) take the site's FilterSets; these add what a
# list without a page of its own, or a page's sections, stand for.


class ApiArticleFilterSet(ArticleFilterSet):
    """/articles/'s filters, the language among every ISO 639-1 code: the
    API's schema cannot change with the languages the archive holds (one it
    holds no article in lists nothing)."""

    language = django_filters.ChoiceFilter(label=_("Language"), choices=language_choices)


class ApiDeadlineFilterSet(DeadlineFilterSet):
    """/deadlines/'s filters, with the deal, a range of due dates and the
    status that the page's three sections stand for."""

    deal = SlugFilter(label=_("Deal"), field_name="deal", queryset=Deal.objects.all())
    due_after = django_filters.DateFilter(
        label=_("Due on or after"), field_name="due_on", lookup_expr="gte"
    )
    due_before = django_filters.DateFilter(
        label=_("Due on or before"), field_name="due_on", lookup_expr="lte"
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), field_name="status", choices=Deadline.Status.choices, distinct=False
    )


class BidFilterSet(ArchiveFilterSet):
    """The bids (the API's; no page lists them): by deal, bidder and status."""

    deal = SlugFilter(label=_("Deal"), field_name="deal", queryset=Deal.objects.all())
    bidder = CompanyFilter(label=_("Bidder"), method="filter_bidder")
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), field_name="status", choices=Bid.Status.choices, distinct=False
    )

    class Meta:
        model = Bid
        fields = []

    def filter_bidder(self, qs, name, company):
        return qs.by_bidder(company)


class ReviewFilterSet(ArchiveFilterSet):
    """The reviews (the API's; an authority's page lists its own): by deal,
    authority, jurisdiction, status, kind, phase and dates."""

    deal = SlugFilter(label=_("Deal"), field_name="deal", queryset=Deal.objects.all())
    authority = SlugFilter(
        label=_("Authority"), field_name="authority", queryset=Authority.objects.all()
    )
    jurisdiction = JurisdictionFilter(label=_("Jurisdiction"), field_name="authority__jurisdiction")
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), field_name="status", choices=Review.Status.choices, distinct=False
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Review.Kind.choices)
    phase = django_filters.ChoiceFilter(label=_("Phase"), choices=Review.Phase.choices)
    opened_after = django_filters.DateFilter(
        label=_("Opened on or after"), field_name="opened_on", lookup_expr="gte"
    )
    opened_before = django_filters.DateFilter(
        label=_("Opened on or before"), field_name="opened_on", lookup_expr="lte"
    )
    decided_after = django_filters.DateFilter(
        label=_("Decided on or after"), field_name="decided_on", lookup_expr="gte"
    )
    decided_before = django_filters.DateFilter(
        label=_("Decided on or before"), field_name="decided_on", lookup_expr="lte"
    )

    class Meta:
        model = Review
        fields = []
