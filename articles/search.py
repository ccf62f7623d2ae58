"""Search across articles, deals and companies: /search/?q=.

On PostgreSQL this is full-text search. Each row's ``search_vector`` is kept
current by the triggers of migration 0003; the reader's words are parsed in
web-search syntax ("quoted phrases", -word, or) with the row's own text search
configuration, so that word forms match ("rachat" finds "rachats") and accents
fold ("ecole" finds "école"). Results are ranked, and PostgreSQL highlights the
matched words in a snippet.

On SQLite every word or "quoted phrase" must appear somewhere in the record
(case-insensitive substring), a word or phrase after a minus must not, and
results come newest first.

Either way the reader's text is first normalised (articles.search_text), so
that no stack of operators reaches PostgreSQL's parser; a search it still
refuses gets a message under the search box.
"""

import re
from dataclasses import dataclass

from django import forms
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchQueryField,
    SearchRank,
)
from django.db.models import Case, F, Q, Value, When
from django.shortcuts import redirect, render
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from . import dialect
from .canonical import without_empty
from .filter_fields import MAX_QUERY_LENGTH
from .models import Article, Bid, Company, Deal
from .search_text import UNREADABLE, UnreadableSearch, normalise, parse_terms, parsed

# The text search configuration of each article language; must match the
# trigger of migration 0003. Other languages are only unaccented, not stemmed.
ARTICLE_CONFIGS = {"en": "dealwatch_english", "fr": "dealwatch_french"}
OTHER_CONFIG = "dealwatch_simple"
# The vectors of the articles in each language, and of all the others, as the
# full-text indexes of migration 0006 are built: the queries must use these
# very expressions for PostgreSQL to use those indexes and their statistics.
ARTICLE_VECTORS = {
    **{
        f"{lang}_vector": Case(When(language=lang, then=F("search_vector")))
        for lang in ARTICLE_CONFIGS
    },
    "other_vector": Case(When(~Q(language__in=list(ARTICLE_CONFIGS)), then=F("search_vector"))),
}

# Deals and companies are described in our own words, in English.
DEAL_CONFIG = COMPANY_CONFIG = "dealwatch_english"

# Ranking every match of a common word ("rachat" is in a quarter of two
# million articles) takes seconds. The best are picked from the newest
# CANDIDATES matches instead, which PostgreSQL finds in milliseconds: by
# walking the date index for a common word, from the GIN index for a rare one
# (all of whose matches are then candidates).
CANDIDATES = 500

ARTICLE_LIMIT = 20
DEAL_LIMIT = 10
COMPANY_LIMIT = 10
SNIPPET_WORDS = 35

# The marks put around matched words: characters from Unicode's private use
# area, which news text does not contain, so that the snippet can be escaped
# as a whole and only then the marks turned into <mark> tags.
START, STOP = "\ue000", "\ue001"


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        help_text=_(
            'Every word must match. Put a phrase in quotes ("forced sale") and a minus '
            "before a word to leave it out (-oracle)."
        ),
        widget=forms.TextInput(attrs={"type": "search"}),
        error_messages={
            "max_length": _(
                "Search for at most %(limit_value)d characters (this search has %(show_value)d)."
            )
        },
    )

    def clean_q(self):
        text = normalise(self.cleaned_data["q"])
        wanted, _unwanted = parse_terms(text)
        if text and not wanted:
            # Only exclusions would match, and rank, most of the archive.
            raise forms.ValidationError(
                _("Say what to look for, not only what to leave out."), code="only_exclusions"
            )
        return text


@dataclass
class Group:
    items: list
    has_more: bool  # more matched than are shown


@dataclass
class Results:
    articles: Group
    deals: Group
    companies: Group

    def __bool__(self):
        return bool(self.articles.items or self.deals.items or self.companies.items)


def highlight(snippet: str) -> SafeString:
    """The snippet escaped, with each span between START and STOP in <mark>;
    a stray mark is dropped, so the tags always pair up."""
    head, *marked = snippet.split(START)
    parts = [escape(head.replace(STOP, ""))]
    for chunk in marked:
        word, stop, rest = chunk.partition(STOP)
        parts.append(format_html("<mark>{}</mark>", word) if stop else escape(word))
        parts.append(escape(rest.replace(STOP, "")))
    return mark_safe("".join(parts))


def search(text: str) -> Results:
    """The best matches of each kind, in three queries: articles (with their
    source), deals (with their target), companies. Each row gets ``title_html``
    and ``snippet``, escaped HTML with the matched words in <mark>. Raises
    UnreadableSearch if PostgreSQL's parser refuses the (normalised) text."""
    text = normalise(text)
    wanted, unwanted = parse_terms(text)
    db = Article.objects.db  # one database for the three queries and their savepoint
    if dialect.of(db).full_text_search:
        querysets = _ranked(text, unwanted)

        def marked(title, snippet):
            return title, snippet  # PostgreSQL marked them

    else:
        querysets = _matching(wanted, unwanted)

        def marked(title, snippet):
            snippet = Truncator(snippet).words(SNIPPET_WORDS)
            return mark_terms(title, wanted), mark_terms(snippet, wanted)

    groups = []
    limits = (ARTICLE_LIMIT, DEAL_LIMIT, COMPANY_LIMIT)
    with parsed(db):
        for queryset, limit in zip(querysets, limits, strict=True):
            rows = list(queryset.using(db)[: limit + 1])
            for row in rows:
                title, snippet = marked(row.marked_title, row.marked_snippet)
                row.title_html, row.snippet = highlight(title), highlight(snippet)
            groups.append(Group(rows[:limit], has_more=len(rows) > limit))
    return Results(*groups)


def search_view(request):
    clean = without_empty(request.GET)
    if clean != request.GET:  # the box sent empty: /search/?q= is /search/
        query = clean.urlencode()
        return redirect(f"{request.path}?{query}" if query else request.path)
    form = SearchForm(request.GET)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    results = None
    if text:
        try:
            results = search(text)
        except UnreadableSearch:
            form.add_error("q", UNREADABLE)
    return render(
        request, "articles/search.html", {"form": form, "query": text, "results": results}
    )


# PostgreSQL: full-text search.


def _websearch(text: str, config: str) -> SearchQuery:
    return SearchQuery(text, config=config, search_type="websearch")


def _snippet(expression, query, config) -> SearchHeadline:
    """The passages of ``expression`` that best match, matched words marked."""
    return SearchHeadline(
        expression,
        query,
        config=config,
        start_sel=START,
        stop_sel=STOP,
        max_words=SNIPPET_WORDS,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def _marked(expression, query, config) -> SearchHeadline:
    """The whole of ``expression``, matched words marked."""
    return SearchHeadline(
        expression, query, config=config, start_sel=START, stop_sel=STOP, highlight_all=True
    )


def _ranked(text: str, unwanted: list[str]):
    """Articles, deals and companies matching ``text``, best first, with their
    title and a snippet in which the matched words are marked."""
    by_language = {lang: _websearch(text, config) for lang, config in ARTICLE_CONFIGS.items()}
    other = _websearch(text, OTHER_CONFIG)
    # Each language's vectors against the query parsed in that language, each
    # through its own index (migration 0006).
    in_article = Q(other_vector=other)
    for lang, query in by_language.items():
        in_article |= Q(**{f"{lang}_vector": query})
    article_query = Case(
        *(When(language=lang, then=query) for lang, query in by_language.items()),
        default=other,
        output_field=SearchQueryField(),
    )
    article_config = Case(
        *(When(language=lang, then=Value(config)) for lang, config in ARTICLE_CONFIGS.items()),
        default=Value(OTHER_CONFIG),
    )
    candidates = (
        Article.objects.alias(**ARTICLE_VECTORS).filter(in_article).order_by("-published_on", "-pk")
    )
    articles = (
        Article.objects.filter(pk__in=candidates.values("pk")[:CANDIDATES])
        .select_related("source")
        .annotate(
            rank=SearchRank(F("search_vector"), article_query),
            marked_title=_marked("title", article_query, article_config),
            marked_snippet=_snippet("summary", article_query, article_config),
        )
        .order_by("-rank", "-published_on", "-pk")
    )

    query = _websearch(text, DEAL_CONFIG)
    deals = Deal.objects.filter(_deal_matches(query))
    if unwanted:
        # A deal found through a party must not mention what was excluded
        # either, in its own text or in its parties' names.
        quoted = " or ".join(f'"{term}"' for term in unwanted)
        # Every deal that mentions them, not only the newest: unbounded.
        deals = deals.exclude(pk__in=Deal.objects.ids_matching(_websearch(quoted, DEAL_CONFIG)))
    deals = (
        deals.select_related("target")
        .annotate(
            rank=SearchRank(F("search_vector"), query),
            marked_title=_marked("title", query, DEAL_CONFIG),
            marked_snippet=_snippet("summary", query, DEAL_CONFIG),
        )
        .order_by("-rank", F("announced_on").desc(nulls_last=True), "pk")
    )

    query = _websearch(text, COMPANY_CONFIG)
    companies = (
        Company.objects.filter(search_vector=query)
        .annotate(
            rank=SearchRank(F("search_vector"), query),
            marked_title=_marked("name", query, COMPANY_CONFIG),
            marked_snippet=_snippet("description", query, COMPANY_CONFIG),
        )
        .order_by("-rank", "name", "pk")
    )
    return articles, deals, companies


def _deal_matches(query: SearchQuery) -> Q:
    """Deals whose title or summary match, or one of whose parties' names does
    (the newest CANDIDATES of each way of matching)."""
    return Q(pk__in=Deal.objects.ids_matching(query, limit=CANDIDATES))


# SQLite: every word or phrase as a substring.


def mark_terms(text: str, terms: list[str]) -> str:
    """``text`` with each occurrence of a term between START and STOP."""
    text = text.replace(START, "").replace(STOP, "")
    if not terms:
        return text
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    return pattern.sub(lambda match: f"{START}{match[0]}{STOP}", text)


def _article_has(term: str) -> Q:
    return Q(title__icontains=term) | Q(summary__icontains=term) | Q(author__icontains=term)


def _deal_has(term: str) -> Q:
    bids = Bid.objects.filter(bidders__name__icontains=term).values("deal_id")
    return (
        Q(title__icontains=term)
        | Q(summary__icontains=term)
        | Q(target__name__icontains=term)
        | Q(seller__name__icontains=term)
        | Q(pk__in=bids)
    )


def _company_has(term: str) -> Q:
    return Q(name__icontains=term) | Q(description__icontains=term)


def _matching(wanted: list[str], unwanted: list[str]):
    def narrowed(queryset, has):
        for term in wanted:
            queryset = queryset.filter(has(term))
        for term in unwanted:
            queryset = queryset.exclude(has(term))
        return queryset

    articles = narrowed(Article.objects.select_related("source"), _article_has).annotate(
        marked_title=F("title"), marked_snippet=F("summary")
    )
    deals = (
        narrowed(Deal.objects.select_related("target"), _deal_has)
        .annotate(marked_title=F("title"), marked_snippet=F("summary"))
        .order_by(F("announced_on").desc(nulls_last=True), "pk")
    )
    companies = narrowed(Company.objects.all(), _company_has).annotate(
        marked_title=F("name"), marked_snippet=F("description")
    )
    return articles, deals, companies
