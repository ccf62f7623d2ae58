"""The query parameters of the API, each declared once: what the OpenAPI
schema says a parameter accepts is what is checked here, before anything is
read. A list's filters are described from its FilterSet (articles.filters),
not written again; the FilterSet then cleans them as on the site, and its
errors (an unknown company, an ambiguous name) are the site's.

Checking is strict, where the site forgives: an unknown parameter, one given
twice, a value of the wrong form are refused with a 400 naming the parameter.
"""

import dataclasses
import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import django_filters
from django.utils.translation import gettext as _
from django_countries import countries
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from ..filter_fields import (
    MAX_QUERY_LENGTH,
    CompanyFilter,
    CountryFilter,
    JurisdictionFilter,
    SlugFilter,
    SourceFilter,
)
from ..filters import AsOfFilter
from ..locale_data import jurisdiction_choices
from ..models import EARLIEST_DATE

NO_NUL = "^[^\\u0000]*$"  # PostgreSQL refuses NUL in text
PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


@cache
def country_codes() -> tuple[str, ...]:
    """Every ISO 3166 code, in upper and lower case (both are accepted)."""
    codes = sorted(code for code, _name in countries)
    return (*codes, *(code.lower() for code in codes))


@cache
def jurisdiction_codes() -> tuple[str, ...]:
    """Every region's and country's code, in upper and lower case."""
    codes = sorted(code for code, _name in jurisdiction_choices())
    return (*codes, *(code.lower() for code in codes))


@dataclasses.dataclass(frozen=True)
class Param:
    """One query parameter: its name, the form of its values, and what it does."""

    name: str
    kind: str  # text, enum, date, datetime, integer, boolean
    description: str
    choices: tuple[str, ...] = ()
    multiple: bool = False
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    required: bool = False

    def openapi(self) -> OpenApiParameter:
        forms: dict[str, dict[str, Any]] = {
            "text": {"type": "string", "maxLength": self.max_length, "pattern": NO_NUL},
            "enum": {"type": "string", "enum": list(self.choices)},
            "date": {"type": "string", "format": "date"},
            "datetime": {"type": "string", "format": "date-time"},
            "integer": {"type": "integer", "minimum": self.minimum, "maximum": self.maximum},
            "boolean": {"type": "boolean"},
        }
        schema = {key: value for key, value in forms[self.kind].items() if value is not None}
        if self.multiple:
            schema = {"type": "array", "items": schema, "uniqueItems": True}
        return OpenApiParameter(
            self.name,
            type=schema,
            location=OpenApiParameter.QUERY,
            description=self.description,
            required=self.required,
            explode=True if self.multiple else None,
        )

    def clean(self, values: list[str]) -> Any:
        """The value, or a ValueError whose message says what is wrong."""
        if not self.multiple and len(values) > 1:
            raise ValueError(_("Give this parameter once."))
        cleaned = [self.clean_one(value) for value in values]
        if self.multiple:
            if len(set(values)) < len(values):
                raise ValueError(_("Give each value once."))
            return cleaned
        return cleaned[0]

    def clean_one(self, value: str) -> Any:
        if self.kind == "text":
            if self.max_length is not None and len(value) > self.max_length:
                raise ValueError(
                    _("Give at most %(limit)s characters.") % {"limit": self.max_length}
                )
            if "\x00" in value:
                raise ValueError(_("Null characters are not allowed."))
            return value
        if self.kind == "enum":
            if value not in self.choices:
                raise ValueError(
                    _("“%(value)s” is not one of the accepted values.") % {"value": value[:50]}
                )
            return value
        if self.kind == "date":
            return parse_date(value)
        if self.kind == "datetime":
            return parse_datetime(value)
        if self.kind == "integer":
            return self.clean_integer(value)
        if value not in ("true", "false"):
            raise ValueError(_("Give true or false."))
        return value == "true"

    def clean_integer(self, value: str) -> int:
        number = int(value) if re.fullmatch(r"-?[0-9]{1,9}", value) else None
        if number is None or not (self.minimum or 0) <= number <= (self.maximum or number):
            raise ValueError(
                _("Give a whole number from %(minimum)s to %(maximum)s.")
                % {"minimum": self.minimum, "maximum": self.maximum}
            )
        return number


DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
DATETIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def parse_date(value: str) -> datetime.date:
    """A date as YYYY-MM-DD, and no other spelling."""
    match = DATE.fullmatch(value)
    try:
        if match is None:
            raise ValueError
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValueError(_("Give a date as YYYY-MM-DD, such as 2026-11-30.")) from None


def parse_datetime(value: str) -> datetime.datetime:
    """A date and time as RFC 3339 writes it, with its offset (Z for UTC).
    Every time RFC 3339 allows is taken: a leap second counts as the second
    before it, and a time so early or late that it has no UTC equivalent
    here as the earliest or latest one."""
    match = DATETIME.fullmatch(value)
    try:
        if match is None:
            raise ValueError
        year, month, day, hour, minute, second = (int(part) for part in match.groups()[:6])
        fraction, offset = match.group(7) or "", match.group(8)
        if hour > 23 or minute > 59 or second > 60:
            raise ValueError
        micro = int((fraction[1:] + "000000")[:6]) if fraction else 0
        local = datetime.datetime(year, month, day, hour, minute, min(second, 59), micro)
        if offset in "Zz":
            return local.replace(tzinfo=datetime.UTC)
        sign = 1 if offset[0] == "+" else -1
        hours, minutes = int(offset[1:3]), int(offset[4:6])
        if hours > 23 or minutes > 59:
            raise ValueError
        shift = datetime.timedelta(hours=hours, minutes=minutes) * sign
    except ValueError:
        raise ValueError(
            _(
                "Give a date and time as in RFC 3339, with its offset, such as "
                "2026-11-30T09:00:00Z (in a URL, write + as %%2B)."
            )
        ) from None
    try:
        return (local - shift).replace(tzinfo=datetime.UTC)
    except OverflowError:
        edge = datetime.datetime.min if shift > datetime.timedelta(0) else datetime.datetime.max
        return edge.replace(tzinfo=datetime.UTC)


def from_filter(name: str, filter: django_filters.Filter) -> Param:
    """How the API describes and checks one filter of a FilterSet."""
    label = str(filter.label)
    if isinstance(filter, CompanyFilter):
        return Param(
            name,
            "text",
            f"{label}: a company's slug, or its name or part of it.",
            max_length=MAX_QUERY_LENGTH,
        )
    if isinstance(filter, SourceFilter):
        return Param(
            name,
            "text",
            f"{label}: a source's slug, or its name or part of it.",
            max_length=MAX_QUERY_LENGTH,
        )
    if isinstance(filter, SlugFilter):
        return Param(name, "text", f"{label}: its slug.", max_length=MAX_QUERY_LENGTH)
    if isinstance(filter, CountryFilter):
        return Param(
            name, "enum", f"{label}: an ISO 3166 code, in either case.", choices=country_codes()
        )
    if isinstance(filter, JurisdictionFilter):
        return Param(
            name,
            "enum",
            f"{label}: an ISO 3166 code or EU, in either case.",
            choices=jurisdiction_codes(),
        )
    if isinstance(filter, django_filters.MultipleChoiceFilter | django_filters.ChoiceFilter):
        choices = filter.extra["choices"]
        values = tuple(value for value, _label in (choices() if callable(choices) else choices))
        multiple = isinstance(filter, django_filters.MultipleChoiceFilter)
        how = " (repeat it for several: any of them)" if multiple else ""
        return Param(name, "enum", f"{label}{how}.", choices=values, multiple=multiple)
    if isinstance(filter, AsOfFilter):
        # A date format has no bounds in OpenAPI 3.0: they are said here.
        return Param(
            name,
            "date",
            f"{label} (YYYY-MM-DD, from {EARLIEST_DATE.isoformat()} to today; "
            "another day is a 400 naming it).",
        )
    if isinstance(filter, django_filters.DateFilter):
        return Param(name, "date", f"{label} (YYYY-MM-DD).")
    if isinstance(filter, django_filters.CharFilter):
        return Param(name, "text", f"{label}.", max_length=filter.extra.get("max_length"))
    raise TypeError(f"The API cannot describe the filter {name!r} ({type(filter).__name__}).")


def filter_params(filterset_class: type[django_filters.FilterSet] | None) -> list[Param]:
    if filterset_class is None:
        return []
    return [from_filter(name, f) for name, f in filterset_class.base_filters.items()]


UPDATED_SINCE = Param(
    "updated_since",
    "datetime",
    "Only the records changed at or after this time (RFC 3339, with its offset).",
)
SINCE = Param(
    "since",
    "datetime",
    "Only the records deleted at or after this time (RFC 3339, with its offset).",
    required=True,
)
CURSOR = Param(
    "cursor",
    "text",
    "Where the page starts: the `next` link of the page before carries it.",
    max_length=MAX_QUERY_LENGTH,
)
PAGE_SIZE_PARAM = Param(
    "page_size",
    "integer",
    f"How many records a page holds ({PAGE_SIZE} unless given).",
    minimum=1,
    maximum=MAX_PAGE_SIZE,
)
TOTAL = Param(
    "total",
    "boolean",
    "Count the whole list (`count`); without it, the count is given only where it costs nothing.",
)
PAGING = [CURSOR, PAGE_SIZE_PARAM]


def clean(params: Sequence[Param], query: Mapping[str, list[str]]) -> dict[str, Any]:
    """The query's values by name; a 400 naming every parameter that is
    unknown, repeated or of the wrong form."""
    known = {param.name: param for param in params}
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for name in query:
        if name not in known:
            errors[name] = [
                _("Unknown parameter: this address takes %(names)s.")
                % {"names": ", ".join(known) or _("none")}
            ]
    for name, param in known.items():
        given = list(query.get(name) or [])
        if not given:
            if param.required:
                errors[name] = [_("This parameter is required.")]
            continue
        try:
            values[name] = param.clean(given)
        except ValueError as error:
            errors[name] = [str(error)]
    if errors:
        raise ValidationError(errors)
    return values


def openapi(params: Iterable[Param]) -> list[OpenApiParameter]:
    return [param.openapi() for param in params]
