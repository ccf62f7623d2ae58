"""Every list has one address per question asked: its query string is made
canonical before anything else is done, and a reader who typed another one
is redirected to it.

Empty parameters are dropped (a submitted form sends every box); a filter
given once keeps its last value; the choices of a filter that takes several
(status, type) are deduplicated, sorted, and those that are no choice are
left out, named in ``ignored=`` so that the page can say so. A company typed
by name becomes its slug, a country typed by name its code. Parameters that
are not the list's own (a newsletter's utm_source) are left as they are;
the page cache does not keep them (articles.freshness).

So a URL cannot make a page larger than its choices allow: 108 repeated
status= values made a 1 MB page, and as many cached variants."""

from typing import TYPE_CHECKING

from django import forms
from django.http import QueryDict

from .filter_fields import CompanyField, CountryCodeField

if TYPE_CHECKING:
    from .filters import ArchiveFilterSet

IGNORED = "ignored"


def canonical_query(
    filterset: "ArchiveFilterSet", query: QueryDict, page_params: tuple[str, ...]
) -> QueryDict:
    """The canonical form of ``query`` for ``filterset``'s list."""
    fields = filterset.form.fields
    cleaned = filterset.valid_data()
    canonical = QueryDict(mutable=True)
    ignored = {name for name in query.getlist(IGNORED) if name in fields}
    company_replaced = False
    for name in query:
        values = [value for value in query.getlist(name) if value.strip()]
        if name == IGNORED or not values:
            continue
        field = fields.get(name)
        if isinstance(field, forms.MultipleChoiceField):
            kept = sorted(value for value in set(values) if field.valid_value(value))
            if len(kept) < len(set(values)):
                ignored.add(name)
            values = kept
        elif field is not None or name in page_params:
            values = values[-1:]
            company = cleaned.get(name)
            if isinstance(field, CompanyField) and company and values != [company.slug]:
                values = [company.slug]
                company_replaced = True
            elif (
                # A name ("United States") or alpha-3 code becomes the code;
                # "us" and "US" are both the code.
                isinstance(field, CountryCodeField)
                and cleaned.get(name)
                and values[0].strip().upper() != cleaned[name]
            ):
                values = [cleaned[name]]
        if values:
            canonical.setlist(name, values)
    if company_replaced:
        canonical.pop("page", None)  # another company: its own first page
    if ignored:
        canonical.setlist(IGNORED, sorted(ignored))
    return canonical


def without_empty(query: QueryDict) -> QueryDict:
    """``query`` without its empty parameters (a page with no filters of its
    own, such as the search, drops at least those)."""
    kept = QueryDict(mutable=True)
    for name in query:
        if values := [value for value in query.getlist(name) if value.strip()]:
            kept.setlist(name, values)
    return kept


def ignored_labels(filterset: "ArchiveFilterSet", query: QueryDict) -> list[str]:
    """The labels of the filters some of whose values were left out."""
    fields = filterset.form.fields
    return [str(fields[name].label) for name in query.getlist(IGNORED) if name in fields]
