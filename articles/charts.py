"""Charts drawn on the server as SVG: pure functions from numbers to what a
template draws (``templates/jinja2/articles/chart.html``), so that a page
needs no script, nothing from another host and no inline style (the
Content-Security-Policy stays as it is: SVG presentation attributes such as
``fill`` are not style, and the rest is classes of the site's stylesheet).

Every chart is readable without its colours: the Okabe-Ito palette, which
people with the common colour-blindnesses tell apart, each series with its
own pattern as well as its colour, values written on the bars where they
fit, and a table of the same numbers beside it (``Chart.table``) for
keyboards and screen readers. Texts are lazy translations; numbers are
written unlocalised (coordinates) or as counts, which need no separator.

To add a chart: compute its numbers where the page's counts are already
made (articles.counting, querysets), call one of ``stacked_columns``,
``horizontal_bars`` or ``deal_track`` here, pass the result to the template
and draw it there with ``{% chart chart %}`` (``{% load fragments %}``)."""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the
# common colour-blindnesses. Black is kept for text and axes.
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
PALETTE = (BLUE, ORANGE, GREEN, VERMILLION, SKY_BLUE, PURPLE, YELLOW)

# What each status is drawn in, wherever it appears: open things blue, ends
# that went through green, failures orange and vermillion.
STATUS_COLOURS = {
    "rumoured": YELLOW,
    "in_talks": SKY_BLUE,
    "announced": BLUE,
    "pending_approval": PURPLE,
    "completed": GREEN,
    "abandoned": ORANGE,
    "blocked": VERMILLION,
    # bids
    "submitted": BLUE,
    "accepted": PURPLE,
    "rejected": VERMILLION,
    "withdrawn": ORANGE,
    "lapsed": YELLOW,
}

# An authority's reviews: open ones blue, cleared green, the others warm.
REVIEW_COLOURS = {
    "under_review": SKY_BLUE,
    "in_depth": BLUE,
    "cleared": GREEN,
    "cleared_with_remedies": YELLOW,
    "prohibited": VERMILLION,
    "withdrawn": ORANGE,
    "referred": PURPLE,
    "abandoned": ORANGE,  # told from "withdrawn" by its pattern
}

# One pattern per series, drawn over its colour (a path in a 6×6 tile): a
# second cue besides the colour. The first is plain.
PATTERNS = (
    "",
    "M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5",  # rising diagonals
    "M3,1.5 a1.5,1.5 0 1,0 0.01,0",  # dots
    "M0,3 L6,3",  # horizontal lines
    "M0,0 L6,6 M-1,5 L1,7 M5,-1 L7,1",  # falling diagonals
    "M3,0 L3,6",  # vertical lines
    "M0,0 L6,6 M6,0 L0,6",  # crosses
)

WIDTH = 400  # the viewBox: a chart scales to its column, this is its shape
COLUMNS_HEIGHT = 200
MARGIN_LEFT = 36  # room for the value axis' labels
MARGIN_RIGHT = 6
MARGIN_BOTTOM = 22  # room for the category labels
MARGIN_TOP = 8
LABEL_WIDTH = 30  # the width a category label needs ("2020"), in viewBox units
BAR_ROW = 32  # a horizontal bar and the label above it
TRACK_ROW = 30


@dataclass(frozen=True)
class Series:
    key: str
    label: StrOrPromise
    colour: str
    pattern: str  # a path of PATTERNS, "" for plain
    index: int  # the pattern's number in the chart's <defs>


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    series: Series
    title: str  # what it shows, in words: the <title> a pointer or reader finds


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: StrOrPromise
    anchor: str = "middle"
    css: str = "chart-label"  # a class of the site's stylesheet


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    css: str = "chart-grid"


@dataclass(frozen=True)
class Arrow:
    """A curve from one date to the later date it moved to."""

    path: str


@dataclass(frozen=True)
class Mark:
    """A dated point: a deadline, an announcement, an end."""

    x: float
    y: float
    shape: str  # "circle", "diamond", "tick"
    css: str
    title: str

    @property
    def top(self) -> float:
        return self.y - 5

    @property
    def left(self) -> float:
        return self.x - 1.5


@dataclass(frozen=True)
class Table:
    caption: StrOrPromise
    headers: tuple[StrOrPromise, ...]
    rows: tuple[tuple[StrOrPromise | int, ...], ...]


@dataclass(frozen=True)
class Chart:
    id: str  # unique on its page: it names the chart's title and patterns
    title: StrOrPromise
    height: float
    rects: tuple[Rect, ...]
    texts: tuple[Text, ...]
    lines: tuple[Line, ...]
    legend: tuple[Series, ...]
    table: Table
    marks: tuple[Mark, ...] = ()
    arrows: tuple[Arrow, ...] = ()
    width: int = WIDTH

    @property
    def empty(self) -> bool:
        return not self.rects and not self.marks

    @property
    def patterns(self) -> tuple[Series, ...]:
        return tuple(s for s in self.legend if s.pattern)


def series(
    keys: Sequence[tuple[str, StrOrPromise]], colours: Mapping[str, str] | None = None
) -> tuple[Series, ...]:
    """Each key with its colour (from ``colours``, else the palette's next)
    and its pattern, in order."""
    return tuple(
        Series(
            key,
            label,
            (colours or {}).get(key, PALETTE[n % len(PALETTE)]),
            PATTERNS[n % len(PATTERNS)],
            n,
        )
        for n, (key, label) in enumerate(keys)
    )


def nice_step(largest: int, ticks: int = 4) -> int:
    """A round step (1, 2 or 5 times a power of ten) giving at most ``ticks``
    gridlines up to ``largest``."""
    if largest <= ticks:
        return 1
    raw = largest / ticks
    power = 10 ** math.floor(math.log10(raw))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def stacked_columns(
    chart_id: str,
    title: StrOrPromise,
    categories: Sequence[tuple[str, StrOrPromise]],
    stack: Sequence[Series],
    values: Mapping[tuple[str, str], int],
    category_header: StrOrPromise,
    label_width: float = LABEL_WIDTH,
) -> Chart:
    """A column per category (a year, a month), stacked by series (a status,
    a role): ``values[category, series]``. Series with no value anywhere
    are left out of the legend and the table, categories with none out of
    the table."""
    used = tuple(s for s in stack if any(values.get((c, s.key), 0) for c, _l in categories))
    totals = [sum(values.get((c, s.key), 0) for s in used) for c, _l in categories]
    step = nice_step(max(totals, default=0))
    top = step * math.ceil(max(totals, default=0) / step) or step
    plot_height = COLUMNS_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    slot = plot_width / max(len(categories), 1)
    bar = min(slot * 0.7, 40)
    rects: list[Rect] = []
    texts: list[Text] = []
    lines: list[Line] = []
    for tick in range(0, top + 1, step):
        y = MARGIN_TOP + plot_height * (1 - tick / top)
        lines.append(Line(MARGIN_LEFT, y, WIDTH - MARGIN_RIGHT, y))
        texts.append(Text(MARGIN_LEFT - 4, y + 4, str(tick), anchor="end", css="chart-tick"))
    every = math.ceil(label_width / slot)  # label every n-th category: labels never touch
    for n, (category, label) in enumerate(categories):
        x = MARGIN_LEFT + slot * n + (slot - bar) / 2
        y = MARGIN_TOP + plot_height
        for s in used:
            if value := values.get((category, s.key), 0):
                height = plot_height * value / top
                y -= height
                rects.append(Rect(x, y, bar, height, s, f"{label}, {s.label}: {value}"))
        if n % every == 0:
            texts.append(Text(x + bar / 2, COLUMNS_HEIGHT - 6, label))
    rows = tuple(
        (label, *(values.get((c, s.key), 0) for s in used), total)
        for (c, label), total in zip(categories, totals, strict=True)
        if total
    )
    table = Table(title, (category_header, *(s.label for s in used), _("Total")), rows)
    return Chart(
        chart_id, title, COLUMNS_HEIGHT, tuple(rects), tuple(texts), tuple(lines), used, table
    )


def horizontal_bars(
    chart_id: str,
    title: StrOrPromise,
    items: Sequence[tuple[StrOrPromise, int]],
    item_header: StrOrPromise,
    value_header: StrOrPromise,
) -> Chart:
    """A bar per item (a country, a type), largest first as given, each
    named above its bar and its value written at its end."""
    largest = max((value for _l, value in items), default=0) or 1
    room = WIDTH - MARGIN_RIGHT - 40  # the longest bar leaves room for its value
    (only,) = series([("count", value_header)], {"count": BLUE})
    rects: list[Rect] = []
    texts: list[Text] = []
    for n, (label, value) in enumerate(items):
        y = n * BAR_ROW
        width = max(room * value / largest, 1)
        texts.append(Text(0, y + 11, label, anchor="start"))
        rects.append(Rect(0, y + 15, width, 12, only, f"{label}: {value}"))
        texts.append(Text(width + 4, y + 25, str(value), anchor="start", css="chart-value"))
    table = Table(title, (item_header, value_header), tuple((lbl, v) for lbl, v in items))
    height = max(len(items) * BAR_ROW, BAR_ROW)
    return Chart(chart_id, title, height, tuple(rects), tuple(texts), (), (), table)


@dataclass(frozen=True)
class Span:
    """A bar of the track: a bid from its submission to its resolution."""

    label: str  # who: the bidders named together
    start: datetime.date
    end: datetime.date
    status: str  # its outcome, for its colour and pattern
    status_label: StrOrPromise
    start_known: bool = True
    end_known: bool = True


@dataclass(frozen=True)
class Point:
    """A mark of the track: a deadline, the announcement, the end."""

    label: StrOrPromise
    on: datetime.date
    css: str  # "deadline-extended", "deal-end"...
    shape: str = "tick"
    moved_to: datetime.date | None = None  # a deadline's next date
    outcome: StrOrPromise = ""


@dataclass(frozen=True)
class TrackRow:
    """One line of the track: spans or points. A new kind of dated event (a
    regulator's decisions) is one more row built from its records."""

    label: StrOrPromise  # "" when its marks are named each
    spans: tuple[Span, ...] = ()
    points: tuple[Point, ...] = ()


def deal_track(
    chart_id: str,
    title: StrOrPromise,
    rows: Sequence[TrackRow],
    first: datetime.date,
    last: datetime.date,
    outcomes: Sequence[tuple[str, StrOrPromise]],
) -> Chart:
    """A time axis from ``first`` to ``last`` with a line per row: each span
    a bar coloured and patterned by its outcome (``outcomes`` the legend's
    order), each point a mark, and an arrow from a moved deadline to its new
    date."""
    days = max((last - first).days, 1)
    left, right = 4.0, WIDTH - MARGIN_RIGHT

    def x(on: datetime.date) -> float:
        return left + (right - left) * (on - first).days / days

    legend = series(outcomes, STATUS_COLOURS)
    by_status = {s.key: s for s in legend}
    rects: list[Rect] = []
    texts: list[Text] = []
    marks: list[Mark] = []
    arrows: list[Arrow] = []
    lines: list[Line] = []
    table_rows: list[tuple[StrOrPromise | int, ...]] = []
    y = 4.0  # room above the first row's labels
    for row in rows:
        if row.label:  # a row of marks each named needs no name of its own
            texts.append(Text(left, y + 11, row.label, anchor="start", css="chart-row"))
            y += 14
        for span in row.spans:
            x1, x2 = x(span.start), max(x(span.end), x(span.start) + 3)
            anchor, at = ("end", x2) if x1 > WIDTH * 0.55 else ("start", x1)
            texts.append(Text(at, y + 9, span.label, anchor=anchor))
            s = by_status[span.status]
            rects.append(Rect(x1, y + 12, x2 - x1, 10, s, f"{span.label}: {span.status_label}"))
            table_rows.append(
                (span.label, _day(span.start, span.start_known), _day(span.end, span.end_known),
                 span.status_label)
            )  # fmt: skip
            y += TRACK_ROW
        if row.points:
            lines.append(Line(left, y + 10, right, y + 10, css="chart-axis"))
            for point in row.points:
                px = x(point.on)
                marks.append(
                    Mark(px, y + 10, point.shape, point.css, f"{point.label}: {_day(point.on)}")
                )
                if point.shape != "tick":  # the deal's own marks are named on the track
                    anchor, at = ("end", px) if px > WIDTH * 0.55 else ("start", px)
                    texts.append(Text(at, y + 1, point.label, anchor=anchor))
                if point.moved_to:
                    arrows.append(_curve(px, x(point.moved_to), y + 5))
                table_rows.append(
                    (
                        point.label,
                        _day(point.on),
                        _day(point.moved_to) if point.moved_to else "",
                        point.outcome,
                    )
                )
            y += 22
    # The time axis: a tick a year, or a quarter for a story under two years.
    lines.append(Line(left, y + 2, right, y + 2, css="chart-axis"))
    for tick in _ticks(first, last):
        tx = x(tick)
        lines.append(Line(tx, y, tx, y + 5, css="chart-axis"))
        texts.append(Text(tx, y + 16, _tick_label(tick, first, last), css="chart-tick"))
    height = y + 20
    table = Table(title, (_("What"), _("From"), _("To"), _("Outcome")), tuple(table_rows))
    used = tuple(s for s in legend if any(r.series is s for r in rects))
    return Chart(
        chart_id, title, height, tuple(rects), tuple(texts), tuple(lines), used, table,
        marks=tuple(marks), arrows=tuple(arrows),
    )  # fmt: skip


def _curve(start: float, end: float, y: float) -> Arrow:
    """An arc over the row from one date to the next, higher the farther."""
    lift = min(max((end - start) / 2, 6), 14)
    top = y - lift
    return Arrow(
        f"M{start:.1f},{y:.1f} C{start:.1f},{top:.1f} {end:.1f},{top:.1f} {end:.1f},{y:.1f}"
    )


def _day(on: datetime.date | None, known: bool = True) -> str:
    if on is None:
        return ""
    return str(date_format(on, "DATE_FORMAT")) if known else str(_("not reported"))


def _ticks(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    if (last - first).days > 730:
        step = math.ceil((last.year - first.year) / 8)
        return [datetime.date(y, 1, 1) for y in range(first.year + 1, last.year + 1, step)]
    months = []
    year, month = first.year, first.month
    while (on := datetime.date(year, month, 1)) <= last:
        if on > first and month in (1, 4, 7, 10):
            months.append(on)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _tick_label(tick: datetime.date, first: datetime.date, last: datetime.date) -> str:
    if (last - first).days > 730:
        return str(tick.year)
    return str(date_format(tick, "M Y"))
