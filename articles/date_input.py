"""Dates typed in the admin are never misread.

Django reads "02/08/2020" month first in English and day first in French, so
a French curator working in the English admin saved 8 February for 2 August
without a word. Here a date is read only when it can mean one day: ISO dates
(2020-08-02), dates with a month name in English or French ("2 Aug 2020",
"August 2, 2020", "2 août 2020"), and slash or dot dates whose day cannot be
taken for the month (13/08/2020, 02/02/2020). Any other slash date is refused
with both of its readings, in the page's language.
"""

import datetime
import re
import unicodedata

from babel.dates import get_month_names
from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _

# The format the admin writes dates in (its calendar too, through the format
# modules in dealwatch/formats): the one no reader can misread.
ISO_FORMAT = "%Y-%m-%d"

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_WORDS = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)


def _plain(word: str) -> str:
    """Lower case, without accents or a trailing dot: "Févr." -> "fevr"."""
    decomposed = unicodedata.normalize("NFKD", word.lower().strip("."))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in ("en", "fr"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                names[_plain(name)] = number
    names["sept"] = 9  # "Sept 15, 2020", as English news writes it
    return names


MONTHS = _month_names()
# "le 2 août 2020", "2nd of August", "1er août": words a date may carry.
_FILLERS = {"le", "the", "of", "st", "nd", "rd", "th", "er"}


class AmbiguousDate(ValueError):
    def __init__(self, readings: tuple[datetime.date, datetime.date]):
        super().__init__(readings)
        self.readings = readings


def _day(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)  # ValueError for 31 February


def parse_date(text: str) -> datetime.date:
    """The one day ``text`` means; ValueError if none, AmbiguousDate if two."""
    text = text.strip()
    if match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return _day(year, month, day)
    if match := _NUMERIC.fullmatch(text):
        first, second, year = (int(part) for part in match.groups())
        if first == second or first > 12:
            return _day(year, second, first)  # day first
        if second > 12:
            return _day(year, first, second)  # month first
        raise AmbiguousDate((_day(year, second, first), _day(year, first, second)))
    return _parse_words(text)


def _parse_words(text: str) -> datetime.date:
    month = day = year = None
    for word in _WORDS.findall(text):
        plain = _plain(word)
        if plain in _FILLERS:
            continue
        if plain.isdigit():
            if len(plain) == 4 and year is None:
                year = int(plain)
            elif len(plain) <= 2 and day is None:
                day = int(plain)
            else:
                raise ValueError(text)
        elif plain in MONTHS and month is None:
            month = MONTHS[plain]
        else:
            raise ValueError(text)
    if month is None or day is None or year is None:
        raise ValueError(text)
    return _day(year, month, day)


def _spelt(day: datetime.date) -> str:
    return formats.date_format(day, "j F Y")


class UnambiguousDateField(forms.DateField):
    """A date field that reads only what cannot be misread (see the module)."""

    widget = AdminDateWidget

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", AdminDateWidget(format=ISO_FORMAT))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return parse_date(str(value))
        except AmbiguousDate as ambiguous:
            first, second = ambiguous.readings
            raise forms.ValidationError(
                _(
                    "“%(typed)s” could be %(first)s or %(second)s. Type it with the "
                    "month in words or as year-month-day (%(first_iso)s or "
                    "%(second_iso)s), so that it cannot be misread."
                ),
                code="ambiguous_date",
                params={
                    "typed": value,
                    "first": _spelt(first),
                    "second": _spelt(second),
                    "first_iso": first.isoformat(),
                    "second_iso": second.isoformat(),
                },
            ) from None
        except ValueError:
            raise forms.ValidationError(
                _(
                    "Enter a date as year-month-day (2020-08-02) or with the month in "
                    "words (2 August 2020)."
                ),
                code="invalid",
            ) from None


class UnambiguousDatesMixin:
    """For every ModelAdmin and inline: each date is typed in an
    UnambiguousDateField."""

    formfield_overrides: dict[type[models.Field], dict[str, object]] = {
        models.DateField: {
            "form_class": UnambiguousDateField,
            "widget": AdminDateWidget(format=ISO_FORMAT),
        },
    }
