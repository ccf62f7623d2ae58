"""Lookups Django does not ship."""

from typing import Any

from django.db.models.lookups import In


class AnyOf(In):
    """``pk__any_of=ids``: as ``pk__in=ids``, but one array on PostgreSQL
    (``= ANY(%s)``) instead of a parameter per id. A q= list reads its
    thousand matches by id in each of its queries: counting them took
    20 ms with a thousand parameters, 4 ms with one array (100k deals)."""

    lookup_name = "any_of"

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [value for value in self.rhs if value is not None]
        return f"{lhs} = ANY(%s)", (*lhs_params, values)
