"""A deal as it stood on a date (issue 16): what had happened and been
reported by then, read from the dated status history (articles.status_history)
and the records' own dates; and the ``as_of=`` a reader types, cleaned.

Nothing here guesses: a status whose dates are not known is shown as not
known, with what is known around it.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import Min
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import timeline
from .models import (
    EARLIEST_DATE,
    Article,
    Bid,
    BidStatusPeriod,
    Deadline,
    Deal,
    DealStatusPeriod,
    Review,
    ReviewStatusPeriod,
)
from .querysets import today

Period = DealStatusPeriod | BidStatusPeriod | ReviewStatusPeriod


class AsOfForm(forms.Form):
    """``as_of=YYYY-MM-DD``: a day between the archive's earliest date and
    today (a day to come has no past to show)."""

    as_of = forms.DateField(
        label=_("As of"),
        input_formats=["%Y-%m-%d"],
        required=False,
        error_messages={"invalid": _("Give a date as YYYY-MM-DD, for example 2023-01-01.")},
    )

    def clean_as_of(self) -> datetime.date | None:
        on: datetime.date | None = self.cleaned_data.get("as_of")
        if on is not None and not EARLIEST_DATE <= on <= today():
            raise forms.ValidationError(
                _("Give a date between %(earliest)s and today.")
                % {"earliest": EARLIEST_DATE.isoformat()}
            )
        return on


def parse(value: str | None) -> tuple[datetime.date | None, str | None]:
    """The date asked for, or None and the message saying why it cannot be read."""
    form = AsOfForm({"as_of": value or ""})
    if form.is_valid():
        return form.cleaned_data["as_of"], None
    return None, " ".join(str(message) for message in form.errors["as_of"])


@dataclass(frozen=True)
class Status:
    """A record's status on the day: the period holding then, or, when it
    cannot be told, the last one known to have begun by then."""

    period: Period | None
    known: bool
    began_after: bool = False  # the record's first status is dated after the day

    @property
    def label(self) -> str:
        return self.period.get_status_display() if self.period else ""


def status_on(periods: Sequence[Period], on: datetime.date) -> Status:
    """The status ``periods`` (one record's) say it had on ``on``."""
    for period in periods:
        if period.covers(on):
            return Status(period, known=True)
    begun = [p for p in periods if p.started_on is not None and p.started_on <= on]
    if begun:
        return Status(max(begun, key=lambda p: p.started_on or on), known=False)
    dated = [p for p in periods if p.started_on is not None]
    return Status(None, known=False, began_after=bool(dated) and len(dated) == len(periods))


@dataclass(frozen=True)
class DeadlineThen:
    deadline: Deadline
    passed: bool
    set_known: bool  # False: listed because its set date is not recorded


@dataclass(frozen=True)
class ReviewThen:
    """A review on the day: its status then, and its phase when that status
    is still today's and the phase had begun (only the current phase's
    start is recorded)."""

    review: Review
    status: Status
    on: datetime.date

    @property
    def phase(self) -> str:
        period = self.status.period
        began = self.review.phase_started_on
        if began is not None and self.on < began:
            return ""
        if self.status.known and period is not None and period.is_current:
            return self.review.get_phase_display()
        return ""


@dataclass
class PastView:
    deal: Deal
    on: datetime.date
    status: Status
    bids: list[tuple[Bid, Status]] = field(default_factory=list)
    reviews: list[ReviewThen] = field(default_factory=list)
    deadlines: list[DeadlineThen] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    events: list[timeline.Event] = field(default_factory=list)
    previous: datetime.date | None = None
    next: datetime.date | None = None
    first_reported: datetime.date | None = None

    @property
    def before_first_report(self) -> bool:
        return self.first_reported is None or self.on < self.first_reported


def deal_as_of(deal: Deal, on: datetime.date) -> PastView:
    """Reads the deal's story (four queries, articles.timeline), its status
    periods, its bids' and its reviews' (three), and when each deadline was
    first reported (one)."""
    story = timeline.for_deal(deal)
    deal_periods = list(deal.status_periods.all())
    bid_periods: dict[int, list[Period]] = {}
    for period in BidStatusPeriod.objects.filter(bid__deal=deal):
        bid_periods.setdefault(period.bid_id, []).append(period)
    review_periods: dict[int, list[Period]] = {}
    for review_period in ReviewStatusPeriod.objects.filter(review__deal=deal):
        review_periods.setdefault(review_period.review_id, []).append(review_period)
    first_sources: dict[int, Any] = dict(
        Deadline.objects.filter(deal=deal)
        .annotate(first=Min("sources__published_on"))
        .values_list("pk", "first")
    )

    def set_on(deadline: Deadline) -> datetime.date | None:
        return deadline.set_on or first_sources.get(deadline.pk)

    dates = {
        *(d for d in (deal.announced_on, deal.closed_on) if d),
        *(a.published_on for a in story.articles),
        *(p.started_on for p in deal_periods if p.started_on),
        *(p.started_on for ps in bid_periods.values() for p in ps if p.started_on),
        *(p.started_on for ps in review_periods.values() for p in ps if p.started_on),
        *(d for r in story.reviews for d in (r.opened_on, r.phase_started_on, r.decided_on) if d),
        *(d for d in (set_on(x) for x in story.deadlines) if d),
        *(x.due_on for x in story.deadlines),
    }
    view = PastView(deal=deal, on=on, status=status_on(deal_periods, on))
    view.first_reported = min(dates) if dates else None
    view.previous = max((d for d in dates if d < on), default=None)
    view.next = min((d for d in dates if on < d <= today()), default=None)
    for bid in story.bids:
        bid_status = status_on(bid_periods.get(bid.pk, []), on)
        if not bid_status.began_after:
            view.bids.append((bid, bid_status))
    for review in story.reviews:
        review_status = status_on(review_periods.get(review.pk, []), on)
        opened_later = review.opened_on is not None and review.opened_on > on
        if not (review_status.began_after or opened_later):
            view.reviews.append(ReviewThen(review, review_status, on))
    view.deadlines = [
        DeadlineThen(x, passed=x.due_on < on, set_known=set_on(x) is not None)
        for x in story.deadlines
        if (set_on(x) or on) <= on
    ]
    view.articles = [a for a in story.articles if a.published_on <= on]
    view.events = [
        e for e in story.events if e.date is not None and e.date <= on and e.kind != "deadline"
    ]
    return view


def status_note(status: Status) -> str:
    """What the page says of a status it cannot tell exactly."""
    if status.known or status.period is None:
        return ""
    started = status.period.started_on
    return gettext(
        "Its status on this date is not known: it was “%(status)s” from %(date)s, "
        "and changed later on a date not recorded."
    ) % {"status": status.label, "date": started.isoformat() if started else "?"}
