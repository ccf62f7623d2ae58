"""Cursor pagination over any total order (keyset pagination).

A page ends at a row; the next page is the rows after that row's position in
the list's order (its sort values, then its id), read through the order's
index. Rows added or removed elsewhere in the list never shift a page, as an
offset would. A page is the next rows of the order's index after the
position; with a mixed order (newest first, then by title) PostgreSQL
cannot start its walk at the position, so a page deep in a long list walks
the index up to it (the first pages, which clients mostly read, cost
nothing extra).

The cursor is the position, signed: a client cannot forge one (a cursor this
list did not give answers 404, as REST framework's own cursors do), and one
made for another order is refused the same way.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
from collections.abc import Sequence
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Field, Model, OrderBy, Q, QuerySet
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.utils.urls import replace_query_param

from . import params

SALT = "dealwatch.api.cursor"


@dataclasses.dataclass(frozen=True)
class Key:
    """One column of the order; NULLs always come last."""

    field: str
    descending: bool = False
    nullable: bool = False

    def order(self) -> OrderBy:
        expression = F(self.field)
        if self.descending:
            return expression.desc(nulls_last=True if self.nullable else None)
        return expression.asc(nulls_last=True if self.nullable else None)

    def beyond(self, value: Any) -> Q | None:
        """The rows that come after ``value`` in this column alone (None:
        nothing does, as NULLs come last)."""
        if value is None:
            return None
        after = Q(**{f"{self.field}__{'lt' if self.descending else 'gt'}": value})
        return after | Q(**{f"{self.field}__isnull": True}) if self.nullable else after

    def same(self, value: Any) -> Q:
        if value is None:
            return Q(**{f"{self.field}__isnull": True})
        return Q(**{self.field: value})


def keys(model: type[Model], ordering: Sequence[Any]) -> tuple[Key, ...]:
    """The keys of an ordering as querysets take it ("-name", "pk",
    F("x").desc(nulls_last=True)); it must end in a unique column."""
    result = []
    for item in ordering:
        if isinstance(item, OrderBy) and isinstance(item.expression, F):
            # django-stubs' F lacks its ``name``.
            name, descending = item.expression.name, item.descending  # type: ignore[attr-defined]
        else:
            name, descending = str(item).removeprefix("-"), str(item).startswith("-")
        field = column(model, name)
        result.append(Key(field.attname if name != "pk" else "pk", descending, field.null))
    return tuple(result)


def column(model: type[Model], name: str) -> Field[Any, Any]:
    """The model's field of that name ("pk": the primary key)."""
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    if not isinstance(field, Field):
        raise TypeError(f"{name!r} is not a column of {model.__name__}")
    return field


class KeysetPage:
    """One page of a list: its rows, and where the next one starts."""

    def __init__(self, rows: list[Any], next_url: str | None) -> None:
        self.rows = rows
        self.next_url = next_url


def paginate(
    queryset: QuerySet[Any],
    ordering: Sequence[Any],
    request: Request,
    values: dict[str, Any],
) -> KeysetPage:
    """The page the request asks for (``cursor``, ``page_size``) of
    ``queryset`` in ``ordering``: page_size + 1 rows read, one query."""
    order = keys(queryset.model, ordering)
    size = values.get("page_size") or params.PAGE_SIZE
    queryset = queryset.order_by(*(key.order() for key in order))
    if cursor := values.get("cursor"):
        queryset = queryset.filter(after(order, decode(cursor, queryset.model, order)))
    rows = list(queryset[: size + 1])
    next_url = None
    if len(rows) > size:
        rows = rows[:size]
        token = encode(rows[-1], order)
        next_url = replace_query_param(request.build_absolute_uri(), "cursor", token)
    return KeysetPage(rows, next_url)


def after(order: Sequence[Key], position: Sequence[Any]) -> Q:
    """The rows after ``position``: the first key beyond it, or equal and
    the second beyond it, and so on."""
    conditions, equal = [], Q()
    for key, value in zip(order, position, strict=True):
        if (beyond := key.beyond(value)) is not None:
            conditions.append(equal & beyond)
        equal &= key.same(value)
    return functools.reduce(operator.or_, conditions, Q(pk__in=[]))


def _signature(order: Sequence[Key]) -> str:
    return ",".join(f"{'-' if key.descending else ''}{key.field}" for key in order)


def encode(row: Any, order: Sequence[Key]) -> str:
    position = [getattr(row, key.field) for key in order]
    as_json = [value.isoformat() if hasattr(value, "isoformat") else value for value in position]
    as_json = [
        str(value) if not isinstance(value, int | str | None) else value for value in as_json
    ]
    return signing.dumps([_signature(order), as_json], salt=SALT, compress=True)


def decode(token: str, model: type[Model], order: Sequence[Key]) -> list[Any]:
    """The position a cursor holds, or a 404 for any text this list did not give."""
    try:
        signature, position = signing.loads(token, salt=SALT)
        if signature != _signature(order) or len(position) != len(order):
            raise ValueError
        fields = [column(model, key.field) for key in order]
        return [
            None if value is None else field.to_python(value)
            for field, value in zip(fields, position, strict=True)
        ]
    except (signing.BadSignature, ValueError, TypeError, DjangoValidationError):
        raise NotFound(
            _("This cursor was not given by this list: start again without it.")
        ) from None
