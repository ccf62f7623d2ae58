"""The hottest fragments of the public pages, drawn by Jinja2: a list's deal
rows (the table's and the home page's cards) and the charts.

Profiled on a 25-row deal list, uncached, Django's engine spent most of the
page's rendering in these few templates. Jinja2 compiles a template to a
Python function: the same rows are drawn in 6.3 ms instead of 15.3, three
charts in 4.1 instead of about 10 (docs/performance.md). The page around
them (the form, the facets) stays in Django's templates, which include
them through the tags of ``templatetags/fragments.py``.

A list's rows are kept one per deal (the ``deal_row`` layer of freshness, on
the deal's own version on PostgreSQL): a page reads all of its rows in one
``get_many``, and draws and stores only those missing, in one ``set_many``.
"""

import html
from collections.abc import Sequence
from typing import Any

import jinja2
from django.template import engines
from django.template.defaultfilters import date
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext
from markupsafe import Markup

from . import freshness
from .charts import Chart
from .models import Bid, Deal
from .querysets import today
from .templatetags.dealwatch import curated_lang, money

# The shapes a deal takes in a list, and the template of each.
ROW_TEMPLATES = {
    "table": "articles/deal_table_row.html",  # the deal list's table
    "card": "articles/deal_card.html",  # the home page's latest deals
}
# How many bidding parties a row names before "and N more".
PARTIES_SHOWN = 3


def environment(**options: Any) -> jinja2.Environment:
    """The Jinja2 environment of settings.TEMPLATES: Django's translations,
    the same filters as the Django templates, and Django's escaping (an
    apostrophe is &#x27; in the fragments as in the page around them). An
    undefined name is an error, as a typo should be, not an empty string."""
    options.update(undefined=jinja2.StrictUndefined, finalize=escape_as_django)
    env = jinja2.Environment(**options)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(date=date, money=money, svg=svg)
    env.globals.update(and_more=and_more, parties_shown=PARTIES_SHOWN)
    return env


def escape_as_django(value: Any) -> Any:
    """What ``{{ value }}`` prints, escaped as Django's templates escape it
    (html.escape: &#x27; for an apostrophe, where Jinja2 writes &#39;)
    unless it is safe already. Django's own escape() checks each argument
    for laziness first, which cost a third of a row."""
    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value)))


def svg(value: float) -> Markup:
    """A chart's coordinate: one decimal, a dot in every language, and
    nothing to escape. A chart draws a thousand of them."""
    return Markup(f"{value:.1f}")


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
    }


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
        parties = Bid.objects.parties_by_deal(deal.pk for deal in drawn)
        words = row_words()
        return [
            template.render({"deal": deal, "parties": parties.get(deal.pk, []), "words": words})
            for deal in drawn
        ]

    rows = freshness.kept_fragments(
        "deal_row",
        [((shape, deal.pk, language, day), getattr(deal, "row_version", None)) for deal in deals],
        draw,
    )
    return mark_safe("".join(rows))  # drawn by Jinja2, which escapes


def chart(chart: Chart) -> SafeString:
    """A chart of articles.charts: its SVG, its legend, and its figures as a table."""
    return mark_safe(  # drawn by Jinja2, which escapes
        engines["jinja2"].get_template("articles/chart.html").render({"chart": chart})
    )
