"""The public, read-only site. Views stay thin: querysets say what to read,
filter sets what a URL may ask for."""

import datetime

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import F
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from django_countries import countries
from django_filters.views import FilterView

from . import as_of, chart_data, timeline
from .canonical import IGNORED, canonical_query, ignored_labels
from .filter_fields import JurisdictionField, SuggestionForm
from .filters import (
    ArticleFilterSet,
    AuthorityFilterSet,
    CompanyFilterSet,
    DeadlineFilterSet,
    DealFilterSet,
)
from .freshness import cached_count, cached_page
from .locale_data import country_names, jurisdiction_name
from .models import Article, Authority, Bid, Company, Deadline, Deal, Review
from .pagination import ArchivePaginator, TwoPartPaginator
from .querysets import today

HOME_ITEMS = 5
COMPANY_ROLE_ITEMS = 20


class ArchiveListView(FilterView):
    """A filtered, paginated list that forgives bad input: invalid filters are
    reported and ignored, a page out of range shows the nearest page, and any
    other address of the same question redirects to its canonical one
    (articles.canonical)."""

    strict = False
    paginate_by = 25
    paginator_class = ArchivePaginator
    page_notice = None

    # Query parameters other than the filters that a page of the list reads.
    page_params = ("page", IGNORED)

    @classmethod
    def as_cached_view(cls):
        """The view, its pages kept (cached_page) at the addresses its filters
        make; not those of words typed (q=): most are asked once, and would
        only push the others out of the cache."""
        params = {*cls.filterset_class.base_filters, *cls.page_params} - {"q"}
        return cached_page(cls.as_view(), params)

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        canonical = canonical_query(self.filterset, request.GET, self.page_params)
        if canonical != request.GET:
            query = canonical.urlencode()
            return redirect(f"{request.path}?{query}" if query else request.path)
        self.object_list = self.filterset.qs
        return self.render_to_response(
            self.get_context_data(filter=self.filterset, object_list=self.object_list)
        )

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(
            queryset, per_page, count=self.filterset.counts.total, **kwargs
        )

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page, self.page_notice = forgiving_page(paginator, self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_notice"] = self.page_notice
        context["active_filters"] = active_filters(self.filterset, self.request.GET)
        context["ambiguous"] = ambiguous_choices(self.filterset, self.request.GET)
        context["filter_errors"] = filter_errors(self.filterset)
        context["matches_nothing"] = self.filterset.matches_nothing
        if ignored := ignored_labels(self.filterset, self.request.GET):
            context["ignored_notice"] = _(
                "Values that are not among the choices of %(filters)s were left out."
            ) % {"filters": ", ".join(ignored)}
        return context


def filter_errors(filterset) -> list[dict]:
    """The filters that could not be applied and why (ambiguous companies are
    asked about separately)."""
    if not filterset.is_bound or filterset.is_valid():
        return []
    ambiguous = filterset.ambiguous
    query = filterset.data
    return [
        {
            "label": filterset.form.fields[name].label,
            "messages": messages,
            "nearest": _picking(name, getattr(filterset.form.fields[name], "nearest", []), query),
        }
        for name, messages in filterset.form.errors.items()
        if name not in ambiguous and name in filterset.form.fields
    ]


def _picking(name, companies, query) -> list[dict]:
    """Each company with the query string that puts it in box ``name``."""
    choices = []
    for company in companies:
        picked = query.copy()
        picked[name] = company.slug
        picked.pop("page", None)
        picked.pop(IGNORED, None)
        choices.append({"company": company, "query": picked.urlencode()})
    return choices


def ambiguous_choices(filterset, query) -> list[dict]:
    """For each company box whose text matched several companies, the
    candidates with a link that picks each one."""
    if not filterset.is_bound:
        return []
    result = []
    for name, candidates in filterset.ambiguous.items():
        field = filterset.form.fields[name]
        choices = _picking(name, candidates, query)
        result.append({"label": field.label, "text": query.get(name), "choices": choices})
    return result


def forgiving_page(paginator, requested):
    """The page asked for, or the nearest one with a notice saying why: the
    first for anything but a page number ("abc", but also 0 and -1), the last
    for a number past the end."""
    requested = requested or 1
    try:
        return paginator.page(requested), None
    except PageNotAnInteger:
        pass
    except EmptyPage:
        if int(requested) > 0:
            return paginator.page(paginator.num_pages), past_the_end(paginator, requested)
    notice = _("“%(page)s” is not a page number: showing the first page.") % {
        "page": Truncator(requested).chars(20)
    }
    return paginator.page(1), notice


def past_the_end(paginator, requested) -> str | None:
    """The notice for a page past the end (none when the list is empty)."""
    if not paginator.count:
        return None
    return _("There is no page %(page)s: showing the last page, %(last)s.") % {
        "page": Truncator(requested).chars(20),
        "last": paginator.num_pages,
    }


def active_filters(filterset, query) -> list[dict]:
    """Each valid filter in the URL, with a link that removes just that one."""
    if not filterset.is_bound:
        return []
    filterset.is_valid()
    result = []
    for name, field in filterset.form.fields.items():
        value = filterset.form.cleaned_data.get(name)
        if name in ("sort",) or value in (None, "", []):
            continue
        values = value if isinstance(value, list) else [value]
        for item in values:
            remaining = query.copy()
            remaining.pop("page", None)
            remaining.pop(IGNORED, None)
            if isinstance(value, list):
                remaining.setlist(name, [v for v in query.getlist(name) if v != item])
            else:
                remaining.pop(name, None)
            result.append(
                {
                    "label": field.label,
                    "value": _display(field, item),
                    "remove_query": remaining.urlencode(),
                }
            )
    return result


def _display(field, value) -> str:
    if isinstance(field, JurisdictionField):
        return jurisdiction_name(value)
    if hasattr(field, "choices"):
        return str(dict(field.choices).get(value, value))
    if isinstance(value, str) and len(value) == 2 and value in countries:
        return countries.name(value)
    return str(value)


class DealListView(ArchiveListView):
    filterset_class = DealFilterSet
    template_name = "articles/deal_list.html"
    # Words (q=) list at most this many deals, in the chosen order: enough to
    # browse, and a common word's tens of thousands of matches are not
    # gathered for every page.
    match_limit = 1000

    def get_queryset(self):
        return Deal.objects.all()

    def page_rows(self, ids):
        """The deals of one page, with all a row shows (see ArchivePaginator)."""
        return Deal.objects.for_list().filter(pk__in=ids).order_by(*self.filterset.ordering())

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "match_limit": self.match_limit}

    def get_paginator(self, queryset, per_page, **kwargs):
        if parts := self.filterset.as_of_parts():
            walked, early = parts
            return TwoPartPaginator(
                walked,
                per_page,
                listed=queryset,
                extra_ids=early,
                count=self.filterset.counts.total,
                rows=self.page_rows,
                **kwargs,
            )
        return super().get_paginator(queryset, per_page, rows=self.page_rows, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["facets"] = {**deal_facets(self.filterset), **review_facets(self.filterset)}
        context["review_facets_counted"] = self.filterset.review_counts.counted
        context["as_of"] = self.filterset.valid_data().get("as_of")
        context["sorting"] = deal_sorting(self.filterset, self.request.GET, self.request.path)
        context["facets_counted"] = self.filterset.counts.facets_counted
        context["match_limit_reached"] = (
            self.filterset.limits_matches and context["paginator"].count >= self.match_limit
        )
        context["match_limit"] = self.match_limit
        context["charts"] = deal_list_charts(self.filterset)
        return context


def deal_list_charts(filterset) -> list:
    """The list's deals per year by status, top countries and types, all
    from its facet counts (no query of their own); none for words cut at
    the match limit, nor for an empty list."""
    facets = filterset.counts.facets
    if not facets or not facets["total"] or filterset.limits_matches:
        return []
    charts = [
        chart_data.deals_per_year("deals-years", facets),
        chart_data.top_countries("deals-countries", facets),
        chart_data.top_types("deals-types", facets),
    ]
    return [chart for chart in charts if not chart.empty]


# The deal table's sortable columns: the order a click on each header asks
# for, and the other way round when the list is already in that order.
SORTABLE_COLUMNS = {
    "title": ("title", None),
    "value": ("-value", "value"),
    "announced": ("-announced", "announced"),
}


def deal_sorting(filterset, query, path: str) -> dict:
    """The sort links above the deal list and on its column headers: each a
    query string (the default order leaves sort= out), the current one
    marked, and each sorted header's aria-sort."""
    current = filterset.valid_data().get("sort") or filterset.default_sort

    def link(key: str) -> str:
        changed = query.copy()
        changed.pop("page", None)
        changed.pop(IGNORED, None)
        if key == filterset.default_sort:
            changed.pop("sort", None)
        else:
            changed["sort"] = key
        return f"{path}?{changed.urlencode()}" if changed else path

    options = [
        {"label": label, "href": link(key), "current": key == current}
        for key, label in filterset.form.fields["sort"].choices
    ]
    columns = {}
    for name, (first, reversed_key) in SORTABLE_COLUMNS.items():
        key = reversed_key if current == first and reversed_key else first
        direction = None
        if current in (first, reversed_key):
            direction = "descending" if current.startswith("-") else "ascending"
        columns[name] = {"href": link(key), "aria_sort": direction}
    return {"options": options, "columns": columns, "current": current}


def deal_facets(filterset) -> dict[str, list[dict]]:
    """Each choice of status, type and country, with its count; uncounted
    (count None, and every country offered) when the facets are not counted."""
    counts = filterset.counts.facets
    selected = filterset.valid_data()
    facets = {}
    for name, choices in (("status", Deal.Status.choices), ("type", Deal.Type.choices)):
        chosen = selected.get(name) or []
        facets[name] = [
            {
                "value": v,
                "label": label,
                "count": counts[name][v] if counts else None,
                "checked": v in chosen,
            }
            for v, label in choices
        ]
    chosen_country = selected.get("country") or ""
    names = country_names()
    codes = {code for code, n in counts["country"].items() if n} if counts else set(names)
    codes |= {chosen_country} if chosen_country else set()
    facets["country"] = sorted(
        (
            {
                "value": code,
                "label": names.get(code, ""),
                "count": counts["country"][code] if counts else None,
                "checked": code == chosen_country,
            }
            for code in codes
        ),
        key=lambda choice: choice["label"],
    )
    return facets


def review_facets(filterset) -> dict[str, list[dict]]:
    """Each review status, authority and jurisdiction, with its count when
    counted (articles.counting.review_facets)."""
    facets = filterset.review_counts
    counts = facets.counts
    selected = filterset.valid_data()
    statuses = selected.get("review") or []
    authority = selected.get("authority")
    jurisdiction = selected.get("jurisdiction") or ""

    def count(name, value):
        return counts[name][value] if counts is not None else None

    codes = sorted({code for _slug, _label, code in facets.authorities} | {jurisdiction} - {""})
    return {
        "review": [
            {"value": v, "label": label, "count": count("review", v), "checked": v in statuses}
            for v, label in Review.Status.choices
        ],
        "authority": [
            {
                "value": slug,
                "label": label,
                "count": count("authority", slug),
                "checked": authority is not None and slug == authority.slug,
            }
            for slug, label, _code in facets.authorities
        ],
        "jurisdiction": sorted(
            (
                {
                    "value": code,
                    "label": jurisdiction_name(code),
                    "count": count("jurisdiction", code),
                    "checked": code == jurisdiction,
                }
                for code in codes
            ),
            key=lambda choice: choice["label"],
        ),
    }


TIMELINE_PAGE = 100
DEAL_SOURCES = 20
DEAL_PARTIES = 20


def deal_detail(request, slug):
    deal = get_object_or_404(Deal.objects.select_related("target", "seller"), slug=slug)
    if "as_of" in request.GET:
        on, error = as_of.parse(request.GET["as_of"])
        if on is not None:
            return deal_past(request, deal, on)
        return deal_today(request, deal, as_of_error=error)
    return deal_today(request, deal)


def deal_past(request, deal, on):
    """The deal as it stood on ``on``; today's page with a notice when the
    date comes before anything recorded of the deal."""
    view = as_of.deal_as_of(deal, on)
    if view.before_first_report:
        error = _(
            "Nothing is recorded of this deal before %(date)s: showing it as it is today."
        ) % {"date": view.first_reported.isoformat() if view.first_reported else on.isoformat()}
        return deal_today(request, deal, as_of_error=error)
    context = {
        "deal": deal,
        "past": view,
        # Search engines take only an absolute address as the canonical one.
        "canonical": request.build_absolute_uri(deal.get_absolute_url()),
        "status_note": as_of.status_note(view.status),
        "bids": [(bid, status, as_of.status_note(status)) for bid, status in view.bids],
        "reviews": [(then, as_of.status_note(then.status)) for then in view.reviews],
    }
    return render(request, "articles/deal_as_of.html", context)


def deal_today(request, deal, as_of_error=None):
    story = timeline.for_deal(deal)
    # Most stories fit one page; the longest (hundreds of events) are paged.
    page, notice = forgiving_page(Paginator(story.events, TIMELINE_PAGE), request.GET.get("page"))
    parties = [
        (companies, bid, timeline.bid_ending(bid, deal))
        for companies, bid in timeline.bidding_parties(story.bids)
    ]
    context = {
        "deal": deal,
        "end_label": timeline.DEAL_END_LABELS.get(deal.status),
        "track": timeline.track(deal, story, today()),
        **key_facts(deal, story),
        "timeline": timeline.with_sources(page.object_list),
        "timeline_page": page,
        "reviews": story.reviews,
        "page_notice": notice,
        # A deal bid on by hundreds lists the first parties here; the
        # timeline tells of every bid.
        "parties": parties[:DEAL_PARTIES],
        "more_parties": max(0, len(parties) - DEAL_PARTIES),
        "articles": story.articles[:DEAL_SOURCES],
        "article_count": len(story.articles),
        "as_of_error": as_of_error,
    }
    return render(request, "articles/deal_detail.html", context)


def key_facts(deal, story) -> dict:
    """How long the deal has been (or was) open, and its next deadline, or
    its last when none is to come (no query: the story holds them)."""
    on = today()
    end = deal.closed_on if deal.status not in Deal.OPEN_STATUSES else on
    days_open = (end - deal.announced_on).days if deal.announced_on and end else None
    upcoming = [
        d for d in story.deadlines if d.status == Deadline.Status.PENDING and d.due_on >= on
    ]
    if upcoming:
        return {"days_open": days_open, "next_deadline": min(upcoming, key=lambda d: d.due_on)}
    past = sorted(story.deadlines, key=lambda d: d.due_on)
    return {"days_open": days_open, "last_deadline": past[-1] if past else None}


class CompanyListView(ArchiveListView):
    filterset_class = CompanyFilterSet
    template_name = "articles/company_list.html"
    paginate_by = 50

    def get_queryset(self):
        return Company.objects.for_list()

    def get_paginator(self, queryset, per_page, **kwargs):
        def page_rows(ids):
            """The companies of one page, in the list's order (names matching
            the words first), with their deal counts counted for those rows
            alone (see ArchivePaginator)."""
            return queryset.with_deal_count().filter(pk__in=ids)

        return super().get_paginator(queryset, per_page, rows=page_rows, **kwargs)


def company_detail(request, slug):
    company = get_object_or_404(Company.objects.select_related("parent"), slug=slug)
    as_target = Deal.objects.targeting(company)
    as_seller = Deal.objects.sold_by(company)
    articles = Article.objects.mentioning(company)
    subsidiaries, more_subsidiaries = first_and_rest(
        Company.objects.subsidiaries_of(company), COMPANY_ROLE_ITEMS
    )
    return render(
        request,
        "articles/company_detail.html",
        {
            "company": company,
            "subsidiaries": subsidiaries,
            "more_subsidiaries": more_subsidiaries,
            "as_target": as_target[:COMPANY_ROLE_ITEMS],
            "as_target_count": cached_count(as_target),
            "as_seller": as_seller[:COMPANY_ROLE_ITEMS],
            "as_seller_count": cached_count(as_seller),
            **company_bids(company),
            "chart": chart_data.company_per_year("company-years", company),
            "articles": articles[:COMPANY_ROLE_ITEMS],
            # Its links to articles, one per article, counted on their index alone.
            "article_count": cached_count(
                Article.companies.through.objects.filter(company=company)
            ),
        },
    )


def first_and_rest(queryset, size: int) -> tuple[list, int]:
    """The first ``size`` rows, and how many more there are: one query, and a
    (cached) count only when there are more."""
    rows = list(queryset[: size + 1])
    return rows[:size], (cached_count(queryset) - size if len(rows) > size else 0)


def company_bids(company) -> dict:
    """The company's latest bids, how many it made, and on how many deals
    when they do not all fit (a company may bid twice on one deal)."""
    # Its links to bids, one per bid, counted on their index alone.
    bid_count = cached_count(Bid.bidders.through.objects.filter(company=company))
    deal_count = None
    if bid_count > COMPANY_ROLE_ITEMS:
        deal_count = cached_count(Deal.objects.with_buyer(company))
    return {
        "bids": Bid.objects.latest_by(company, COMPANY_ROLE_ITEMS),
        "bid_count": bid_count,
        "bid_deal_count": deal_count,
    }


def company_suggestions(request):
    """Names for the company boxes, as the reader types (JavaScript only).
    A query no company name could match (a NUL byte, a text longer than any
    filter takes) is refused with a 400; the script then suggests nothing."""
    form = SuggestionForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"results": [], "errors": form.errors.get_json_data()}, status=400)
    text = form.cleaned_data["q"]
    companies = Company.objects.holding(form.cleaned_data["role"] or None).matching(text)
    companies = companies[:10] if len(text) >= form.min_length else []
    return JsonResponse(
        {
            "results": [
                {"name": c.name, "slug": c.slug, "country": c.country.code} for c in companies
            ]
        }
    )


class ArticleListView(ArchiveListView):
    filterset_class = ArticleFilterSet
    template_name = "articles/article_list.html"

    def get_queryset(self):
        return Article.objects.for_list()


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"

    def get_queryset(self):
        return Article.objects.for_list()


class DeadlineListView(ArchiveListView):
    """Three sections, each paged on its own and read through its own index:
    upcoming (soonest first), overdue (passed while pending), past."""

    filterset_class = DeadlineFilterSet
    template_name = "articles/deadline_list.html"
    paginate_by = None  # each section has its own paginator
    page_params = ("page", "overdue_page", "past_page")
    section_size = 25

    def get_queryset(self):
        return Deadline.objects.for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        deadlines = self.object_list
        sections, notices = [], []
        for key, title, queryset in (
            ("upcoming", _("Upcoming"), deadlines.upcoming()),
            ("overdue", _("Overdue (passed, still pending)"), deadlines.overdue()),
            ("past", _("Past"), deadlines.past()),
        ):
            param = "page" if key == "upcoming" else f"{key}_page"
            count = self.filterset.past_counts.total if key == "past" else None
            paginator = ArchivePaginator(queryset, self.section_size, count=count)
            page, notice = forgiving_page(paginator, self.request.GET.get(param))
            notices += [notice] if notice else []
            sections.append(
                {
                    "key": key,
                    "title": title,
                    "page": page,
                    "pages": page_links(self.request, page, param),
                }
            )
        context["sections"] = sections
        context["expected"] = self.expected_decisions()
        context["chart"] = chart_data.deadlines_per_month(
            "deadline-months", self.object_list, today()
        )
        context["page_notice"] = " ".join(notices)
        return context

    expected_size = 25

    def expected_decisions(self) -> list:
        """Open reviews' computed decision dates where no curated deadline
        says when the decision is due, soonest first: the latest opened
        reviews, at most ``expected_size`` (two queries). Left out when the
        list is filtered, as the deadline filters do not apply to reviews."""
        if self.request.GET:
            return []
        reviews = (
            Review.objects.awaiting_computed_date()
            .for_list()
            .with_suspensions()
            .latest_first()[: self.expected_size]
        )
        dated = [
            review
            for review in reviews
            if review.statutory_decision and review.statutory_decision.decision_date
        ]
        return sorted(
            dated, key=lambda review: (review.statutory_decision.decision_date, review.pk)
        )


def page_links(request, page, param) -> dict:
    """Query strings for the previous and next pages of one paginated section."""
    links = {}
    for name, has, number in (
        ("previous", page.has_previous, page.number - 1),
        ("next", page.has_next, page.number + 1),
    ):
        if has():
            query = request.GET.copy()
            query[param] = number
            links[name] = query.urlencode()
    return links


def home(request):
    """The archive at a glance: headline figures and charts of the whole
    archive, then what changed last (each deal listed once)."""
    news_deals = list(Deal.objects.for_list().with_recent_news()[:HOME_ITEMS])
    recent_deals = (
        Deal.objects.for_list()
        .exclude(pk__in=[deal.pk for deal in news_deals])
        .order_by(F("announced_on").desc(nulls_last=True), "pk")[:HOME_ITEMS]
    )
    return render(
        request,
        "articles/home.html",
        {
            "articles": Article.objects.for_list()[:HOME_ITEMS],
            "news_deals": news_deals,
            "recent_deals": recent_deals,
            "deadlines": Deadline.objects.upcoming().for_list()[:HOME_ITEMS],
            # When none is to come, the latest that passed.
            "past_deadlines": Deadline.objects.past().for_list()[:HOME_ITEMS],
            "today": today(),
            **archive_at_a_glance(),
        },
    )


def api_guide(request):
    """Use the API: where it is, and the readers' common questions as curl
    commands, dated this month."""
    today_ = today()
    month_start = today_.replace(day=1)
    next_month = (month_start + datetime.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "articles/api_guide.html",
        {
            "api": request.build_absolute_uri("/api/v1/"),
            "deals": reverse("articles:deal_list"),
            "month_start": month_start,
            "month_end": next_month - datetime.timedelta(days=1),
            "yesterday": today_ - datetime.timedelta(days=1),
        },
    )


class AuthorityListView(ArchiveListView):
    """Every authority, by jurisdiction, with how many of its reviews are
    open and decided (one grouped query for the page)."""

    filterset_class = AuthorityFilterSet
    template_name = "articles/authority_list.html"
    paginate_by = 100

    def get_queryset(self):
        return Authority.objects.with_review_counts().order_by("jurisdiction", "name", "pk")


OPEN_REVIEWS = 50
LATEST_DECISIONS = 100


def authority_detail(request, slug):
    authority = get_object_or_404(Authority.objects.select_related("parent"), slug=slug)
    reviews = Review.objects.filter(authority=authority).for_list()
    open_reviews, more_open = first_and_rest(
        reviews.open()
        .with_next_deadline()
        .with_suspensions()
        .order_by(F("opened_on").asc(nulls_last=True), "pk"),
        OPEN_REVIEWS,
    )
    latest = reviews.decided().order_by("-decided_on", "-pk")[:LATEST_DECISIONS]
    chart, undated = chart_data.authority_per_year("authority-years", authority)
    return render(
        request,
        "articles/authority_detail.html",
        {
            "authority": authority,
            "open_reviews": open_reviews,
            "more_open": more_open,
            "decided": decisions_by_outcome(latest),
            "chart": chart,
            "undated": undated,
        },
    )


def archive_at_a_glance() -> dict:
    """The whole archive's figures and charts: its facet counts (a tally on
    PostgreSQL), and three cached counts and tallies."""
    facets = DealFilterSet(data={}, queryset=Deal.objects.all()).counts.facets
    assert facets is not None  # without words the facets are always counted
    headline = {
        "deals": facets["total"],
        "companies": cached_count(Company.objects.all()),
        "values": chart_data.value_by_currency(Deal.objects.all()),
        "open_deadlines": cached_count(Deadline.objects.upcoming()),
    }
    if not facets["total"]:
        return {"headline": headline, "charts": []}
    charts = [
        chart_data.deals_per_year("home-years", facets),
        chart_data.top_countries("home-countries", facets),
        chart_data.top_types("home-types", facets),
    ]
    return {"headline": headline, "charts": [chart for chart in charts if not chart.empty]}


def decisions_by_outcome(reviews) -> list[dict]:
    """The decided reviews, grouped by outcome in the order of the choices."""
    by_status: dict[str, list] = {}
    for review in reviews:
        by_status.setdefault(review.status, []).append(review)
    return [
        {"status": status, "label": label, "reviews": by_status[status]}
        for status, label in Review.Status.choices
        if status in by_status
    ]
