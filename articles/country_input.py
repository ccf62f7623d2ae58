"""Countries typed by code or by name, in the page's language: "US, CA",
"Canada; Australie". An exact code wins over a name (typing "US" never
means Australia)."""

import unicodedata
from collections.abc import Iterable

from django import forms
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from .locale_data import REGIONS


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().strip())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# Names readers type that no country's full name starts with alone.
EVERYDAY_NAMES = {"united states": "US", "etats-unis": "US", "uk": "GB"}


def country_code(text: str) -> str | None:
    """The code ``text`` names: an exact ISO code first (alpha-2, then
    alpha-3), then a few everyday names ("United States", "UK"), then a
    country's name in the active language (or the start of only one name),
    then its English name."""
    typed = text.strip()
    if len(typed) == 2 and typed.upper() in countries:
        return typed.upper()
    if len(typed) == 3 and (code := countries.alpha2(typed.upper())):
        return code
    wanted = _plain(typed)
    if not wanted:
        return None
    if wanted in EVERYDAY_NAMES:
        return EVERYDAY_NAMES[wanted]
    names = [(code, _plain(str(name))) for code, name in countries]
    for code, name in names:
        if name == wanted:
            return code
    # "États-Unis" for "États-Unis d'Amérique", when only one name starts so.
    starting = [(code, name) for code, name in names if name.startswith(wanted)]
    if len(starting) == 1:
        return starting[0][0]
    # "United States" for "United States of America", not "United States
    # Minor Outlying Islands": the typed name, completed by its qualifier.
    qualified = [
        code for code, name in starting if name[len(wanted) :].startswith((" of ", " (", " d'"))
    ]
    if len(qualified) == 1:
        return qualified[0]
    return countries.by_name(typed) or None


# Abbreviations of a region that are not its code: French writes UE.
REGION_ABBREVIATIONS = {"ue": "EU"}


def jurisdiction_code(text: str) -> str | None:
    """Where an authority acts, as typed: a region's code, abbreviation or
    name (EU, UE, European Union, Union européenne, in the active language
    or English, accents optional), else a country as ``country_code`` reads it."""
    typed = text.strip()
    if typed.upper() in REGIONS:
        return typed.upper()
    wanted = _plain(typed)
    if wanted in REGION_ABBREVIATIONS:
        return REGION_ABBREVIATIONS[wanted]
    for code, name in REGIONS.items():
        with translation.override("en"):
            english = _plain(str(name))
        if wanted in (_plain(str(name)), english):
            return code
    return country_code(typed)


def _codes(countries: Iterable) -> list[str]:
    """The codes of a model's countries (Country objects, in a list or
    django-countries' list-like wrapper), or of a list of codes."""
    return [str(getattr(country, "code", country)) for country in countries]


class CountriesInput(forms.TextInput):
    """One text box for several countries. A form posting them as separate
    values (as a multiple select did) is read as one list."""

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            return ", ".join(value for value in data.getlist(name) if value) or None
        return super().value_from_datadict(data, files, name)

    def format_value(self, value):
        if value is not None and not isinstance(value, str):
            return ", ".join(_codes(value))
        return super().format_value(value)


class TypedCountriesField(forms.Field):
    """Several countries, typed and separated by commas or semicolons."""

    widget = CountriesInput

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, str):
            return _codes(value)
        codes, unknown = [], []
        for piece in value.replace(";", ",").split(","):
            if not piece.strip():
                continue
            code = country_code(piece)
            if code is None:
                unknown.append(piece.strip())
            elif code not in codes:
                codes.append(code)
        if unknown:
            raise forms.ValidationError(
                _("No country is called %(names)s: type its code (US) or its name.")
                % {"names": ", ".join(f"“{name}”" for name in unknown)},
                code="unknown_country",
            )
        return codes

    def has_changed(self, initial, data):
        try:
            return self.to_python(initial) != self.to_python(data)
        except forms.ValidationError:
            return True
