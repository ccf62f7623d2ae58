from decimal import Decimal

from babel.numbers import format_compact_currency, format_currency
from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from articles.cache import archive_version as current_archive_version
from articles.locale_data import current_locale, language_name

register = template.Library()


@register.filter
def money(value: Decimal | None, currency: str) -> str:
    """An amount in the reader's language: "$68.7B" in English, "68,7 Md $US" in French."""
    if value is None or not currency:
        return ""
    locale = current_locale()
    if value >= 1_000_000:
        return format_compact_currency(value, currency, locale=locale, fraction_digits=1)
    return format_currency(value, currency, locale=locale)


@register.filter
def language(code: str) -> str:
    """An ISO 639-1 code named in the reader's language ("fr" -> "French")."""
    return language_name(code)


@register.filter
def bidder_names(bid) -> str:
    """A bid's bidders joined as one party: "Microsoft & Walmart" (uses prefetched bidders)."""
    return " & ".join(company.name for company in bid.bidders.all())


@register.filter
def bidding_parties(bids) -> list[list]:
    """The distinct parties that bid, each a list of companies: a company that
    bid twice alone is listed once, a joint bid is one party."""
    parties = {}
    for bid in bids:
        companies = sorted(bid.bidders.all(), key=lambda company: company.name)
        parties.setdefault(tuple(company.pk for company in companies), companies)
    return list(parties.values())


@register.simple_tag
def archive_version() -> int:
    """The archive's version, for keys of cached fragments."""
    return current_archive_version()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """This very page (path and filters) in each language of the site."""
    request = context["request"]
    current = get_language()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(request.get_full_path(), code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
