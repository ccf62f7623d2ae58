from decimal import Decimal

from babel.lists import format_list
from babel.numbers import format_compact_currency, format_currency
from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from articles.freshness import archive_version as current_archive_version
from articles.locale_data import current_locale, language_name
from articles.querysets import today as current_date

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
def bidding_parties(bids) -> list[tuple[list, object]]:
    """The distinct parties that bid, in the order they first bid, each with
    its latest bid: a company that bid twice alone is listed once, a joint bid
    is one party of several companies, by name (uses prefetched bidders)."""
    parties = {}
    for bid in bids:  # in the order they were made
        companies = sorted(bid.bidders.all(), key=lambda company: company.name)
        parties[tuple(company.pk for company in companies)] = (companies, bid)
    return list(parties.values())


@register.simple_tag
def company_links(companies, leaving_out=None) -> str:
    """Links to the companies' pages as one list in the reader's language
    ("A and B", "A, B, and C"; "A, B et C" in French), leaving out one (the
    page's own company)."""
    links = [
        format_html('<a href="{}">{}</a>', company.get_absolute_url(), company.name)
        for company in companies
        if leaving_out is None or company.pk != leaving_out.pk
    ]
    if not links:
        return ""
    # The separators come from the locale's data: escape them, not the links.
    tokens = [f"\x01{n}\x02" for n in range(len(links))]
    text = str(escape(format_list(tokens, locale=current_locale())))
    for token, link in zip(tokens, links, strict=True):
        text = text.replace(token, link)
    return mark_safe(text)  # the separators escaped, the links built by format_html


@register.simple_tag
def lang_attr(code: str) -> str:
    """lang="fr" for a text in French on a page that is not (the page's
    language is the active one): screen readers then pronounce it as French."""
    if not code or code == (get_language() or "").split("-")[0]:
        return ""
    return format_html(' lang="{}"', code)


@register.simple_tag
def archive_version() -> int:
    """The archive's version, for keys of cached fragments."""
    return current_archive_version()


@register.simple_tag
def today() -> str:
    """Today's date as the archive counts days ("upcoming" starts today), for
    keys of cached fragments that show what is upcoming."""
    return current_date().isoformat()


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
