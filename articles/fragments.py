"""The hottest fragments of the public pages, drawn by Jinja2: a list's deal
rows (the table's and the home page's cards), the charts, and the deal
list's filter form.

Profiled on a 25-row deal list, uncached, Django's engine spent most of the
page's rendering in these few templates. Jinja2 compiles a template to a
Python function: the same rows were drawn in 6.3 ms instead of 15.3, three
charts in 4.1 instead of about 10. Then, on a slower machine, with
MarkupSafe's own escaping, one reverse() per list and the charts' shapes
written by ``chart_shapes``: 25 rows in 5.1 ms instead of 7.9, three charts
in 1.7 instead of 5.4 (docs/performance.md). The page around them stays
in Django's templates, which include them through the tags of
``templatetags/fragments.py``.

A list's rows are kept one per deal (the ``deal_row`` layer of freshness, on
the deal's own version on PostgreSQL): a page reads all of its rows in one
``get_many``, and draws and stores only those missing, in one ``set_many``.
"""

import html
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote

import jinja2
from django.template import Context, engines
from django.template.defaultfilters import date
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext
from markupsafe import Markup

from . import freshness
from .charts import Chart, Series
from .models import Bid, Deal
from .querysets import ListedParties, today
from .templatetags.dealwatch import curated_lang, money

# The shapes a deal takes in a list, and the template of each.
ROW_TEMPLATES = {
    "table": "articles/deal_table_row.html",  # the deal list's table
    "card": "articles/deal_card.html",  # the home page's latest deals
}
# How many bidding parties a row names before "and N more".
PARTIES_SHOWN = 3
NO_PARTIES = ListedParties([], 0)
# What reverse() leaves unquoted in an argument: the same address for any slug.
SLUG_SAFE = RFC3986_SUBDELIMS + "/~:@"


def environment(**options: Any) -> jinja2.Environment:
    """The Jinja2 environment of settings.TEMPLATES: Django's translations
    and the same filters as the Django templates. Jinja2 escapes with
    MarkupSafe (an apostrophe is &#39;, &#x27; in Django's templates: the
    same character to a browser); escaping as Django does, through a
    ``finalize`` function on every value written, cost a fifth of a row.
    An undefined name is an error, as a typo should be, not an empty string."""
    options.update(undefined=jinja2.StrictUndefined)
    env = jinja2.Environment(**options)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(date=date, money=money)
    env.globals.update(and_more=and_more, chart_shapes=chart_shapes)
    return env


def and_more(count: int) -> str:
    """What a row says of the bidders it does not name."""
    return ngettext("and %(counter)s more", "and %(counter)s more", count) % {"counter": count}


def row_words() -> dict[str, Any]:
    """The words every row repeats, made once for a whole list: the column
    names, the lang attribute of curated text, the deal list's address (a
    bidder's link filters it), and the names of statuses and types (a
    model's get_status_display() makes its choices into a dict again on
    each call, and that took a quarter of a row)."""
    return {
        "target": gettext("Target"),
        "seller": gettext("Seller"),
        "bidders": gettext("Bidders"),
        "countries": gettext("Countries"),
        "status": gettext("Status"),
        "value": gettext("Value"),
        "announced": gettext("Announced"),
        "not_yet": gettext("not yet"),
        "next_deadline": gettext("Next deadline"),
        "statuses": {value: str(label) for value, label in Deal.Status.choices},
        "types": {value: str(label) for value, label in Deal.Type.choices},
        "curated_lang": curated_lang(),
        "deal_list": reverse("articles:deal_list"),
        "deal_url": page_by_slug("articles:deal_detail"),
        "company_url": page_by_slug("articles:company_detail"),
    }


def page_by_slug(name: str) -> Callable[[str], str]:
    """The address of the page ``name`` of a slug, as reverse() makes it,
    with reverse() called once for a whole list rather than twice a row:
    each call reads the language, the URLconf and the script prefix again,
    45 microseconds, 2 ms for a page of 25 rows."""
    marker = "slug"
    before, after = reverse(name, kwargs={"slug": marker}).rsplit(marker, 1)
    return lambda slug: f"{before}{quote(slug, safe=SLUG_SAFE)}{after}"


def deal_rows(deals: Sequence[Deal], shape: str) -> SafeString:
    """The deals as rows of a list, in the shape of ROW_TEMPLATES, each kept
    per deal, version, language and day (the next deadline changes at
    midnight without any change). The version is the deal's own where
    DealQuerySet.for_list annotated it (PostgreSQL), else the archive's.
    The rows drawn read their bidders in one query; kept rows read none."""
    template = engines["jinja2"].get_template(ROW_TEMPLATES[shape])
    language, day = get_language(), today().isoformat()

    def draw(indexes: list[int]) -> list[str]:
        drawn = [deals[index] for index in indexes]
        parties = Bid.objects.parties_by_deal((deal.pk for deal in drawn), PARTIES_SHOWN)
        words = row_words()
        return [
            template.render(
                {"deal": deal, "parties": parties.get(deal.pk, NO_PARTIES), "words": words}
            )
            for deal in drawn
        ]

    rows = freshness.kept_fragments(
        "deal_row",
        [((shape, deal.pk, language, day), getattr(deal, "row_version", None)) for deal in deals],
        draw,
    )
    return mark_safe("".join(rows))  # drawn by Jinja2, which escapes


def chart_shapes(chart: Chart) -> Markup:
    """The chart's grid lines, bars, arrows, marks and labels as SVG, for
    chart.html. Written here rather than by the template's loops: a list's
    chart of years has two hundred bars, and the template drew each of their
    numbers through a filter and the escaping of its output: 5.4 ms for a
    list's three charts, 1.7 this way. Coordinates have one decimal and a
    dot in every language; words are escaped."""
    parts = [
        f'<line x1="{line.x1:.1f}" y1="{line.y1:.1f}" x2="{line.x2:.1f}" y2="{line.y2:.1f}"'
        f' class="{line.css}"/>'
        for line in chart.lines
    ]
    parts += [
        f'<rect x="{rect.x:.1f}" y="{rect.y:.1f}" width="{rect.width:.1f}"'
        f' height="{rect.height:.1f}" fill="{_fill(chart, rect.series)}"'
        f' stroke="#1c2430" stroke-width="0.5"><title>{html.escape(str(rect.title))}</title></rect>'
        for rect in chart.rects
    ]
    parts += [
        f'<path d="{arrow.path}" class="chart-arrow" fill="none"'
        f' marker-end="url(#{chart.id}-arrowhead)"/>'
        for arrow in chart.arrows
    ]
    for mark in chart.marks:
        title = f"<title>{html.escape(str(mark.title))}</title>"
        if mark.shape == "circle":
            parts.append(
                f'<circle cx="{mark.x:.1f}" cy="{mark.y:.1f}" r="4" class="{mark.css}">'
                f"{title}</circle>"
            )
        elif mark.shape == "diamond":
            parts.append(
                f'<path d="M{mark.x:.1f},{mark.top:.1f} l5,5 l-5,5 l-5,-5 z" class="{mark.css}">'
                f"{title}</path>"
            )
        else:
            parts.append(
                f'<rect x="{mark.left:.1f}" y="{mark.top:.1f}" width="3" height="10"'
                f' class="{mark.css}">{title}</rect>'
            )
    parts += [
        f'<text x="{text.x:.1f}" y="{text.y:.1f}" text-anchor="{text.anchor}"'
        f' class="{text.css}">{html.escape(str(text.text))}</text>'
        for text in chart.texts
    ]
    return Markup("\n    ".join(parts))  # numbers, the chart's own names, escaped words


def _fill(chart: Chart, series: Series) -> str:
    """A series' colour, or its pattern (over its colour) where it has one."""
    return f"url(#{chart.id}-p{series.index})" if series.pattern else series.colour


def deal_filters(context: Context) -> SafeString:
    """The deal list's filter form with each choice's count (its sidebar).
    Drawn by Jinja2: with Django's engine, its hundred or so choices took
    1.6 to 3.4 ms more of the list's 22 to 26 ms of rendering."""
    as_of, limit = context["as_of"], context["match_limit"]
    status_legend: str
    facet_help: str
    if as_of:
        status_legend = Markup(gettext("Status on %(date)s")) % {"date": date(as_of, "DATE_FORMAT")}
    else:
        status_legend = gettext("Status")
    if context["facets_counted"]:
        facet_help = gettext(
            "The number beside each choice is how many deals you would see with it, "
            "keeping your other filters."
        )
    else:
        facet_help = Markup(
            gettext(
                "Before status, type and country are chosen, %(limit)s or more deals match "
                "these words: too many to count beside each choice. Add words or other "
                "filters to see the counts."
            )
        ) % {"limit": limit}
    words = {
        "action": reverse("articles:deal_list"),
        "suggestions": reverse("articles:company_suggestions"),
        "status_legend": status_legend,
        "facet_help": facet_help,
        "value": lambda field: "" if field.value() is None else field.value(),
    }
    names = ("filter", "facets", "sorting", "review_facets_counted")
    return mark_safe(  # drawn by Jinja2, which escapes
        engines["jinja2"]
        .get_template("articles/deal_filters.html")
        .render({"words": words, **{name: context[name] for name in names}})
    )


def chart(chart: Chart) -> SafeString:
    """A chart of articles.charts: its SVG, its legend, and its figures as a table."""
    return mark_safe(  # drawn by Jinja2, which escapes
        engines["jinja2"].get_template("articles/chart.html").render({"chart": chart})
    )
