"""Pagination that stays cheap on a large archive."""

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import F, OrderBy
from django.utils.functional import cached_property

from .freshness import cached_count


def ends_in_unique_column(queryset) -> bool:
    """Whether the queryset's ordering ends in a column no two rows share (the
    primary key or a unique field of the model itself): only then is the
    order total, and reading it backwards gives the same rows in reverse."""
    query = queryset.query
    ordering = query.order_by or (query.default_ordering and queryset.model._meta.ordering)
    if query.extra_order_by or not ordering:
        return False
    last = ordering[-1]
    if isinstance(last, OrderBy):
        last = last.expression
    if isinstance(last, F):
        last = last.name
    if not isinstance(last, str):
        return False
    name = last.removeprefix("-")
    if name == "pk":
        return True
    try:
        field = queryset.model._meta.get_field(name)
    except FieldDoesNotExist:  # an annotation, or a lookup through a relation
        return False
    return field.unique and not field.null


class ArchivePaginator(Paginator):
    """Counts once per archive version (the count is cached) unless given the
    count, and reads the
    deep half of a list from its other end, so that the last page costs what
    the first does instead of an OFFSET walking the whole table. Only a total
    order can be read backwards: with ties (companies of the same name) the
    database may order them differently each way, and a row would show on two
    pages and another on none; such lists are read the ordinary way."""

    def __init__(self, object_list, per_page, *args, count=None, rows=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        # The count, when something already knows it (articles.counting).
        self.known_count = count
        # Optional: given the ids of a page's rows (a subquery), the rows with
        # all they show. The page's ids are then picked on the list's own
        # table before anything is joined: a giant company's 12,700 deals were
        # joined to their target and seller, and only then sorted for 25.
        self.rows = rows

    @cached_property
    def count(self):
        if self.known_count is not None:
            return self.known_count
        return cached_count(self.object_list)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if (
            bottom <= self.count // 2
            or self.object_list.query.is_sliced  # a short list, cut at its first rows
            or not ends_in_unique_column(self.object_list)
        ):
            return self._get_page(self._slice(self.object_list, bottom, top), number, self)
        rows = self._slice(self.object_list.reverse(), self.count - top, self.count - bottom)
        if self.rows is None:  # read backwards: turn them round
            rows = list(rows)
            rows.reverse()
        return self._get_page(rows, number, self)

    def _slice(self, queryset, start, stop):
        if self.rows is None:
            return queryset[start:stop]
        return self.rows(queryset.values("pk")[start:stop])


class TwoPartPaginator(ArchivePaginator):
    """A list in two parts: most of it a queryset read in the list's order
    (``object_list``, of which a page reads only the rows up to it, from
    whichever end is nearer), and a few more rows known by their ids. A
    page is picked among the rows it can hold, the first part's up to it
    and the few, ordered by the whole list (``listed``), so the database's
    own order decides where the few fall. For the deals known on a day
    before their announcement (DealQuerySet.with_status_on)."""

    def __init__(self, object_list, per_page, *args, listed, extra_ids, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.listed = listed
        self.extra_ids = list(extra_ids)

    def _slice(self, queryset, start, stop):
        reading_backwards = not queryset.query.standard_ordering
        first = list(queryset.values_list("pk", flat=True)[:stop])
        candidates = self.listed.filter(pk__in=[*first, *self.extra_ids])
        if reading_backwards:
            candidates = candidates.reverse()
        return super()._slice(candidates, start, stop)
