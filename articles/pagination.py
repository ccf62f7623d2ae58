"""Pagination that stays cheap on a large archive."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from .cache import cached_count


class ArchivePaginator(Paginator):
    """Counts once per archive version (the count is cached), and reads the
    deep half of a list from its other end, so that the last page costs what
    the first does instead of an OFFSET walking the whole table."""

    @cached_property
    def count(self):
        return cached_count(self.object_list)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if bottom <= self.count // 2 or not self.object_list.ordered:
            return super().page(number)
        rows = list(self.object_list.reverse()[self.count - top : self.count - bottom])
        rows.reverse()
        return self._get_page(rows, number, self)
