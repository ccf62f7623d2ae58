"""A deal's whole story as one list of dated events: its announcement, the
articles reporting it, each bid made and resolved, each review opened and
decided, each deadline, its close."""

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import F, Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from .models import Article, Bid, Company, Deadline, Deal, Review

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise, StrPromise


@dataclass(frozen=True)
class Event:
    date: datetime.date | None
    kind: str  # "deal", "article", "bid", "review", "deadline": the template's switch
    title: "StrOrPromise"
    obj: Article | Bid | Deadline | Deal | Review
    order: int = 0  # among events of the same day
    detailed: bool = True  # a bid's second event repeats only who and how it ended


@dataclass
class Story:
    events: list[Event] = field(default_factory=list)
    bids: list[Bid] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)


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

DEAL_CLOSE_TITLES: "dict[str, StrPromise]" = {
    Deal.Status.COMPLETED: _("Deal completed"),
    Deal.Status.ABANDONED: _("Deal abandoned"),
    Deal.Status.BLOCKED: _("Deal blocked"),
}


def for_deal(deal: Deal) -> Story:
    """Reads the deal's bids (with bidders), reviews (with their authority
    and next deadline), deadlines and articles (with their source): six
    queries. The sources of bids, reviews and deadlines are read by
    with_sources() for the events shown."""
    parties = Company.objects.only("pk", "name", "slug")
    story = Story(
        bids=list(deal.bids.prefetch_related(Prefetch("bidders", queryset=parties))),
        deadlines=list(deal.deadlines.select_related("extended_to", "authority")),
        reviews=list(
            deal.reviews.select_related("authority")
            .with_next_deadline()
            .order_by(F("opened_on").asc(nulls_last=True), "decided_on", "pk")
        ),
        articles=list(
            deal.articles.defer("search_vector")
            .select_related("source")
            .order_by("-published_on", "-pk")
        ),
    )
    events = story.events
    if deal.announced_on:
        events.append(Event(deal.announced_on, "deal", _("Deal announced"), deal, order=0))
    for article in story.articles:
        events.append(Event(article.published_on, "article", _("Reported"), article, order=3))
    for bid in story.bids:
        made = bid.submitted_on or not bid.resolved_on
        if made:
            events.append(Event(bid.submitted_on, "bid", _("Bid made"), bid, order=1))
        if bid.resolved_on and bid.status in BID_RESOLUTION_TITLES:
            title = BID_RESOLUTION_TITLES[bid.status]
            events.append(Event(bid.resolved_on, "bid", title, bid, order=2, detailed=not made))
    for review in story.reviews:
        opened = review.opened_on or not review.decided_on
        if opened:
            events.append(Event(review.opened_on, "review", _("Review opened"), review, order=2))
        if review.decided_on and review.status in REVIEW_DECISION_TITLES:
            title = REVIEW_DECISION_TITLES[review.status]
            events.append(
                Event(review.decided_on, "review", title, review, order=4, detailed=not opened)
            )
    for deadline in story.deadlines:
        events.append(Event(deadline.due_on, "deadline", _("Deadline"), deadline, order=4))
    if deal.closed_on and deal.status in DEAL_CLOSE_TITLES:
        events.append(Event(deal.closed_on, "deal", DEAL_CLOSE_TITLES[deal.status], deal, order=5))
    # Undated events (a bid whose date was never reported) go last.
    events.sort(key=lambda e: (e.date is None, e.date or datetime.date.min, e.order))
    return story


def with_sources(events: list[Event]) -> list[Event]:
    """The events, their bids', reviews' and deadlines' sources read (up to three queries): a
    long story is told a page at a time, and only that page's are needed."""
    # The language too: a title in another language than the page's says so.
    sources = Article.objects.only("pk", "title", "slug", "published_on", "language")
    for kind in ("bid", "review", "deadline"):
        records = list({id(e.obj): e.obj for e in events if e.kind == kind}.values())
        prefetch_related_objects(records, Prefetch("sources", queryset=sources))
    return events
