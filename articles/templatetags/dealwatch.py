from decimal import Decimal
from urllib.parse import unquote

from babel.lists import format_list
from babel.numbers import format_compact_currency, format_currency
from django import template
from django.conf import settings
from django.template.defaulttags import querystring
from django.urls import Resolver404, get_script_prefix, resolve, translate_url
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, ngettext

from articles.calendar import MAX_EVENTS
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


@register.simple_tag(takes_context=True)
def query(context, **changes) -> str:
    """The page's query string with ``changes`` (None drops a parameter), as
    {% querystring %} makes it, or nothing when no parameter is left: a link
    never ends in a bare "?"."""
    text = querystring(context, **changes)
    return "" if text == "?" else text


@register.simple_tag
def curated_lang() -> str:
    """lang="en" on text curators wrote (titles, summaries, deadline labels)
    when the page is in another language than theirs (the setting
    DEALWATCH_CURATION_LANGUAGE)."""
    return lang_attr(settings.DEALWATCH_CURATION_LANGUAGE)


@register.simple_tag
def calendar_bound() -> str:
    """What a calendar holds at most, said beside each link to one."""
    return ngettext(
        "A calendar holds at most %(count)s deadline: those to come first, then the latest past.",
        "A calendar holds at most %(count)s deadlines: those to come first, then the latest past.",
        MAX_EVENTS,
    ) % {"count": MAX_EVENTS}


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """This very page (path and filters) in each language of the site."""
    request = context["request"]
    current = get_language()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": same_page_in(request, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


def same_page_in(request, code: str) -> str:
    """The address of ``request``'s page in language ``code`` (its path under
    that language's prefix, and its query string), always a path on this
    site. An address no page answers (a 404) gets the other prefix too:
    the reader lands on the same address, and its 404, in that language.

    The address is the reader's: "//evil.example/x" is a path to us but a
    link to another site in a browser, and so is a slash followed by a
    backslash or a tab (browsers read a backslash as a slash and drop
    tabs). So the path is escaped (a backslash becomes %5C, a tab %09) and
    starts with one slash only."""
    path = _one_leading_slash(escape_uri_path(request.path_info))
    try:
        resolve(unquote(path))
    except Resolver404:
        translated = get_script_prefix() + _under_prefix(path, code).removeprefix("/")
    else:
        translated = translate_url(path, code)
    query = iri_to_uri(request.META.get("QUERY_STRING", ""))
    url = _one_leading_slash(translated)
    return f"{url}?{query}" if query else url


def _under_prefix(path: str, code: str) -> str:
    """``path`` with its language prefix ("/fr/") replaced by ``code``'s
    (none for the default language, as i18n_patterns has it)."""
    for other, _name in settings.LANGUAGES:
        prefix = f"/{other}"
        if other != settings.LANGUAGE_CODE and (path == prefix or path.startswith(prefix + "/")):
            path = _one_leading_slash(path.removeprefix(prefix))
            break
    return path if code == settings.LANGUAGE_CODE else f"/{code}{path}"


def _one_leading_slash(path: str) -> str:
    return "/" + path.lstrip("/")
