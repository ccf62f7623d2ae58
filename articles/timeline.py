"""A deal's whole story as one list of dated events: its announcement, the
articles reporting it, each bid made and resolved, each review opened and
decided, each deadline, its end.

Each event says only what was known at its date: a bid's outcome is shown
where it happened, not at its submission; a deadline that slipped is one
step of its chain ("15 Sept → 20 Sept → 12 Nov, missed"); an event whose
date was never reported is placed where the dated records allow, and says
so. A new kind of dated event (a regulator's decision, a status change) is
one more ``Kind`` and one more loop in ``_events``: the page's timeline and
the track (articles.charts.deal_track) both read ``Story.events``."""

import datetime
import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import F, Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from . import charts
from .models import Article, Bid, Company, Deadline, Deal, Review
from .querysets import distinct_parties

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise, StrPromise


class Kind(enum.StrEnum):
    """What an event is: the template's switch and the track's mark."""

    DEAL = "deal"
    ARTICLE = "article"
    BID = "bid"
    DEADLINE = "deadline"
    REVIEW = "review"


class Placement(enum.StrEnum):
    """Where an undated event was put, and why (the page says so)."""

    DATED = ""
    AT_ANNOUNCEMENT = "at_announcement"  # a bid with no date: no earlier than the deal
    AT_START = "at_start"  # nothing dated to follow
    AT_END = "at_end"  # an end whose date was not reported


@dataclass(frozen=True)
class Event:
    date: datetime.date | None
    kind: str  # a Kind
    title: "StrOrPromise"
    obj: Article | Bid | Deadline | Deal | Review
    order: int = 0  # among events of the same day
    detailed: bool = True  # a bid's second event repeats only who and how it ended
    # The status this event shows (a bid's or a deadline's), "" for none: a
    # bid made and later rejected shows no outcome where it was made.
    status: str = ""
    status_label: "StrOrPromise" = ""
    placed: Placement = Placement.DATED
    # The deadlines of this one's chain when it was extended or is an
    # extension, first to last; empty for a deadline that never moved.
    chain: tuple[Deadline, ...] = ()
    # At the deal's end: the bids still standing, which fell with it.
    fallen: tuple[Bid, ...] = ()

    @property
    def sort_key(self) -> tuple[datetime.date, int]:
        return (self.date or datetime.date.min, self.order)


@dataclass
class Story:
    events: list[Event] = field(default_factory=list)
    bids: list[Bid] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    chains: dict[int, tuple[Deadline, ...]] = field(default_factory=dict)


BID_RESOLUTION_TITLES: "dict[str, StrPromise]" = {
    Bid.Status.REJECTED: _("Bid rejected"),
    Bid.Status.WITHDRAWN: _("Bid withdrawn"),
    Bid.Status.LAPSED: _("Bid lapsed"),
    Bid.Status.ACCEPTED: _("Bid accepted"),
    Bid.Status.COMPLETED: _("Bid completed"),
}

REVIEW_DECISION_TITLES: "dict[str, StrPromise]" = {
    Review.Status.CLEARED: _("Cleared"),
    Review.Status.CLEARED_WITH_REMEDIES: _("Cleared with remedies"),
    Review.Status.PROHIBITED: _("Prohibited"),
    Review.Status.WITHDRAWN: _("Review withdrawn"),
    Review.Status.REFERRED: _("Review referred"),
    Review.Status.ABANDONED: _("Review ended with the deal"),
}

DEAL_END_TITLES: "dict[str, StrPromise]" = {
    Deal.Status.COMPLETED: _("Deal completed"),
    Deal.Status.ABANDONED: _("Deal abandoned"),
    Deal.Status.BLOCKED: _("Deal blocked"),
}

# What a deal's end date is called, for what happened ("Abandoned on …").
DEAL_END_LABELS: "dict[str, StrPromise]" = {
    Deal.Status.COMPLETED: _("Completed on"),
    Deal.Status.ABANDONED: _("Abandoned on"),
    Deal.Status.BLOCKED: _("Blocked on"),
}

DEADLINE_TITLES: "dict[str, StrPromise]" = {
    Deadline.Status.PENDING: _("Deadline due"),
    Deadline.Status.MET: _("Deadline met"),
    Deadline.Status.MISSED: _("Deadline missed"),
    Deadline.Status.EXTENDED: _("Deadline extended"),
    Deadline.Status.LIFTED: _("Deadline lifted"),
}

# A bid still standing when its deal failed fell with it.
STANDING = (Bid.Status.RUMOURED, Bid.Status.SUBMITTED, Bid.Status.ACCEPTED)
FAILED = (Deal.Status.ABANDONED, Deal.Status.BLOCKED)


def for_deal(deal: Deal) -> Story:
    """Reads the deal's bids (with bidders), reviews (with their authority,
    next deadline and clock stops), deadlines and articles (with their
    source): seven queries. The sources of bids, reviews and deadlines are read by
    with_sources() for the events shown."""
    parties = Company.objects.only("pk", "name", "slug")
    story = Story(
        bids=list(deal.bids.prefetch_related(Prefetch("bidders", queryset=parties))),
        deadlines=list(deal.deadlines.select_related("extended_to", "authority")),
        reviews=list(
            deal.reviews.select_related("authority")
            .with_next_deadline()
            .with_suspensions()
            .order_by(F("opened_on").asc(nulls_last=True), "decided_on", "pk")
        ),
        articles=list(
            deal.articles.defer("search_vector")
            .select_related("source")
            .order_by("-published_on", "-pk")
        ),
    )
    story.chains = deadline_chains(story.deadlines)
    story.events = _in_order(_events(deal, story))
    return story


def _events(deal: Deal, story: Story) -> list[Event]:
    events: list[Event] = []
    if deal.announced_on:
        events.append(Event(deal.announced_on, Kind.DEAL, _("Deal announced"), deal, order=0))
    for article in story.articles:
        events.append(Event(article.published_on, Kind.ARTICLE, _("Reported"), article, order=3))
    for bid in story.bids:
        events += _bid_events(bid)
    for review in story.reviews:
        events += _review_events(review)
    for deadline in story.deadlines:
        events.append(
            Event(
                deadline.due_on,
                Kind.DEADLINE,
                DEADLINE_TITLES.get(deadline.status, _("Deadline")),
                deadline,
                order=4,
                status=deadline.status,
                status_label=deadline.get_status_display(),
                chain=story.chains.get(deadline.pk, ()),
            )
        )
    if deal.status in DEAL_END_TITLES:
        failed = deal.status in FAILED
        fallen = tuple(b for b in story.bids if failed and b.status in STANDING)
        events.append(
            Event(
                deal.closed_on,
                Kind.DEAL,
                DEAL_END_TITLES[deal.status],
                deal,
                order=5,
                placed=Placement.DATED if deal.closed_on else Placement.AT_END,
                fallen=fallen,
            )
        )
    return events


def _bid_events(bid: Bid) -> list[Event]:
    """A bid made, then resolved: its outcome is shown at the resolution. A
    bid whose resolution has no date shows its outcome where it was made."""
    events = []
    resolved = bid.status in BID_RESOLUTION_TITLES
    made = bid.submitted_on or not bid.resolved_on
    if made:
        shown = Bid.Status.SUBMITTED if resolved and bid.resolved_on else bid.status
        events.append(
            Event(
                bid.submitted_on,
                Kind.BID,
                _("Bid made"),
                bid,
                order=1,
                status=shown,
                status_label=Bid.Status(shown).label,
            )
        )
    if bid.resolved_on and resolved:
        events.append(
            Event(
                bid.resolved_on,
                Kind.BID,
                BID_RESOLUTION_TITLES[bid.status],
                bid,
                order=2,
                detailed=not made,
                status=bid.status,
                status_label=bid.get_status_display(),
            )
        )
    return events


def _review_events(review: Review) -> list[Event]:
    """A review opened, then decided: its outcome is shown at the decision."""
    events = []
    opened = review.opened_on or not review.decided_on
    if opened:
        events.append(Event(review.opened_on, Kind.REVIEW, _("Review opened"), review, order=2))
    if review.phase_started_on and review.phase:
        began = _("%(phase)s began") % {"phase": review.get_phase_display()}
        events.append(Event(review.phase_started_on, Kind.REVIEW, began, review, order=3))
    if review.decided_on and review.status in REVIEW_DECISION_TITLES:
        title = REVIEW_DECISION_TITLES[review.status]
        events.append(
            Event(review.decided_on, Kind.REVIEW, title, review, order=4, detailed=not opened)
        )
    return events


def _in_order(events: list[Event]) -> list[Event]:
    """Dated events in time order; an undated bid right after the deal's
    announcement (it cannot have come before), or first when nothing else is
    dated; an undated end last."""
    dated = sorted((e for e in events if e.date), key=lambda e: e.sort_key)
    undated = [e for e in events if not e.date and e.placed != Placement.AT_END]
    ends = [e for e in events if not e.date and e.placed == Placement.AT_END]
    announced = next((i for i, e in enumerate(dated) if e.kind == Kind.DEAL and e.order == 0), None)
    where = Placement.AT_START if announced is None else Placement.AT_ANNOUNCEMENT
    placed = [_placed(e, where) for e in undated]
    cut = 0 if announced is None else announced + 1
    return dated[:cut] + placed + dated[cut:] + ends


def _placed(event: Event, where: Placement) -> Event:
    return Event(**{**event.__dict__, "placed": where})


def deadline_chains(deadlines: list[Deadline]) -> dict[int, tuple[Deadline, ...]]:
    """For each deadline that was extended or is an extension, its whole
    chain from the first date set to the last (no query: the extended_to ids
    are on the rows)."""
    by_pk = {d.pk: d for d in deadlines}
    extensions = {d.extended_to_id for d in deadlines if d.extended_to_id}
    chains: dict[int, tuple[Deadline, ...]] = {}
    for first in deadlines:
        if first.pk in extensions:
            continue  # not the first of its chain
        chain = [first]
        while (next_pk := chain[-1].extended_to_id) in by_pk and by_pk[next_pk] not in chain:
            chain.append(by_pk[next_pk])
        if len(chain) > 1:
            chains.update(dict.fromkeys((d.pk for d in chain), tuple(chain)))
    return chains


def bidding_parties(bids: list[Bid]) -> list[tuple[list[Company], Bid]]:
    """The story's bids as distinct parties, each with its latest bid
    (querysets.distinct_parties; uses prefetched bidders)."""
    return distinct_parties((bid, bid.bidders.all()) for bid in bids)


def bid_ending(bid: Bid, deal: Deal) -> "StrOrPromise":
    """How a bid ended, said with what became of its deal: an accepted bid
    on a deal later abandoned was not carried out."""
    if deal.status in FAILED and bid.status in STANDING:
        if deal.status == Deal.Status.BLOCKED:
            return _("%(status)s, then the deal was blocked") % {"status": bid.get_status_display()}
        return _("%(status)s, then the deal was abandoned") % {"status": bid.get_status_display()}
    return bid.get_status_display()


def track(deal: Deal, story: Story, today: datetime.date) -> charts.Chart | None:
    """The deal's course drawn (no query): its announcement and end, each
    bid from submission to resolution, each deadline with an arrow to the
    date it moved to. None when nothing is dated. A new kind of dated event
    is one more TrackRow here."""
    dates = [e.date for e in story.events if e.date]
    if not dates:
        return None
    first = min(dates)
    end = deal.closed_on if deal.status in DEAL_END_TITLES else None
    last = max([*dates, end or (today if deal.status in Deal.OPEN_STATUSES else first)])
    rows = [_deal_row(deal)]
    if spans := [_span(bid, deal, first, last) for bid in story.bids]:
        rows.append(charts.TrackRow(_("Bids"), spans=tuple(spans)))
    if story.deadlines:
        points = tuple(
            charts.Point(
                d.label,
                d.due_on,
                f"mark-deadline-{d.status}",
                moved_to=d.extended_to.due_on if d.extended_to else None,
                outcome=d.get_status_display(),
            )
            for d in story.deadlines
        )
        rows.append(charts.TrackRow(_("Deadlines"), points=points))
    if decisions := tuple(
        charts.Point(
            review.authority.label,
            review.decided_on,
            f"mark-review-{review.status}",
            "diamond",
            outcome=review.get_status_display(),
        )
        for review in story.reviews
        if review.decided_on
    ):
        rows.append(charts.TrackRow(_("Regulators"), points=decisions))
    outcomes = [(str(v), label) for v, label in Bid.Status.choices]
    return charts.deal_track("deal-track", _("The deal's course"), rows, first, last, outcomes)


def _deal_row(deal: Deal) -> charts.TrackRow:
    points = []
    if deal.announced_on:
        points.append(charts.Point(_("Deal announced"), deal.announced_on, "mark-deal", "circle"))
    if deal.closed_on and deal.status in DEAL_END_TITLES:
        points.append(
            charts.Point(
                DEAL_END_TITLES[deal.status], deal.closed_on, f"mark-{deal.status}", "diamond"
            )
        )
    return charts.TrackRow("", points=tuple(points))


def _span(bid: Bid, deal: Deal, first: datetime.date, last: datetime.date) -> charts.Span:
    """A bid from its submission to its resolution: only what is known is
    drawn (a bid whose submission was not reported starts at its
    resolution); an unknown end runs to the deal's end (or today)."""
    start = bid.submitted_on or bid.resolved_on or deal.announced_on or first
    end = bid.resolved_on or (deal.closed_on if deal.closed_on else last)
    names = " & ".join(c.name for c in sorted(bid.bidders.all(), key=lambda c: c.name))
    return charts.Span(
        names,
        start,
        max(start, end),
        bid.status,
        bid_ending(bid, deal),
        start_known=bid.submitted_on is not None,
        end_known=bid.resolved_on is not None or bid.status not in BID_RESOLUTION_TITLES,
    )


def with_sources(events: list[Event]) -> list[Event]:
    """The events, their bids', reviews' and deadlines' sources read (up to three queries): a
    long story is told a page at a time, and only that page's are needed."""
    # The language too: a title in another language than the page's says so.
    sources = Article.objects.only("pk", "title", "slug", "published_on", "language")
    for kind in (Kind.BID, Kind.REVIEW, Kind.DEADLINE):
        records = list({id(e.obj): e.obj for e in events if e.kind == kind}.values())
        prefetch_related_objects(records, Prefetch("sources", queryset=sources))
    return events
