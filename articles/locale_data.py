"""Choices for currencies (ISO 4217) and languages (ISO 639-1), named in the
reader's language by Babel's CLDR data rather than by a hand-kept list.

They are callables so that migrations store a reference, not three hundred
entries, and so that labels follow the active language on every request.
"""

from functools import cache

from babel import Locale, UnknownLocaleError
from babel.numbers import get_currency_name, list_currencies
from django.utils.translation import get_language, gettext_lazy, override
from django_countries import countries


@cache
def _locale(code: str) -> Locale:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale("en")


def current_locale() -> Locale:
    return _locale(get_language() or "en")


@cache
def currency_codes() -> tuple[str, ...]:
    # Historical currencies stay in: an archive records deals priced in francs.
    return tuple(sorted(list_currencies()))


@cache
def language_codes() -> tuple[str, ...]:
    # Babel types CLDR's keys as str | int | None; language codes are strings.
    languages = Locale("en").languages
    return tuple(sorted(code for code in languages if isinstance(code, str) and len(code) == 2))


def currency_choices() -> list[tuple[str, str]]:
    locale = current_locale()
    return [
        (code, f"{code} – {get_currency_name(code, locale=locale)}") for code in currency_codes()
    ]


def language_name(code: str) -> str:
    name = current_locale().languages.get(code)
    return name[:1].upper() + name[1:] if name else code


def language_choices() -> list[tuple[str, str]]:
    return sorted(
        ((code, language_name(code)) for code in language_codes()),
        key=lambda choice: choice[1],
    )


# Regions that review deals as one jurisdiction, beside the ISO 3166 countries.
REGIONS = {"EU": gettext_lazy("European Union")}


def jurisdiction_choices() -> list[tuple[str, str]]:
    """Where an authority acts: the regions, then every country by name (in
    the reader's language). A callable, as the others, for migrations."""
    return [(code, str(name)) for code, name in REGIONS.items()] + [
        (code, str(name)) for code, name in countries
    ]


def country_names() -> dict[str, str]:
    """Every country's name in the reader's language, by code, in the order
    of the names. A list's country facet names up to 250: asked one by one,
    django-countries translated each again, 7 ms a page."""
    return _country_names(get_language() or "en")


@cache
def _country_names(language: str) -> dict[str, str]:
    with override(language):
        return {code: str(name) for code, name in countries}


def jurisdiction_name(code: str) -> str:
    """A region's or a country's name; the code itself when it is neither."""
    if code in REGIONS:
        return str(REGIONS[code])
    return country_names().get(code) or code


def is_jurisdiction(code: str) -> bool:
    return code in REGIONS or code in countries
