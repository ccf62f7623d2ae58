"""The dated status history of deals, bids and reviews (issue 16): each status a
record held, from when to when, and the one place that writes it.

A record's current status is its open period's. Every save keeps the two
together (``keep_in_step``, a post_save receiver): a new record gets the
periods its dates tell (``periods_from_dates``), and a changed status closes
the open period and opens the next, on the date the curator gave
(``StatusChange``, set by the admin's forms) or on a date marked not known.

``FILL_SQL`` does for a whole archive, in one statement per table, what
``periods_from_dates`` does for one record: migration 0023 (frozen copy) runs
it on the records of before, and the benchmark's archive generator after a
bulk load.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from .models import (
    Article,
    Bid,
    BidStatus,
    BidStatusPeriod,
    Deal,
    DealStatus,
    DealStatusPeriod,
    Review,
    ReviewStatus,
    ReviewStatusPeriod,
)

# A deal in one of these has closed; before, the backfill can only say it
# was announced (when it was and since when is what the record tells).
CLOSED_DEAL = (DealStatus.COMPLETED, DealStatus.ABANDONED, DealStatus.BLOCKED)
RESOLVED_BID = (
    BidStatus.REJECTED,
    BidStatus.WITHDRAWN,
    BidStatus.LAPSED,
    BidStatus.ACCEPTED,
    BidStatus.COMPLETED,
)


@dataclass(frozen=True)
class StatusChange:
    """When a status change happened in the world (None: not known), and the
    article that reported it. The admin's forms set it on the record as
    ``status_change`` before saving it."""

    on: datetime.date | None
    source: Article | None = None


@dataclass(frozen=True)
class Span:
    status: str
    started_on: datetime.date | None
    ended_on: datetime.date | None
    is_current: bool


Period = DealStatusPeriod | BidStatusPeriod | ReviewStatusPeriod
Dated = Deal | Bid | Review
PERIOD_MODELS: dict[type[Model], tuple[type[Period], str]] = {
    Deal: (DealStatusPeriod, "deal"),
    Bid: (BidStatusPeriod, "bid"),
    Review: (ReviewStatusPeriod, "review"),
}


def period_model(record: Model) -> type[Period]:
    return PERIOD_MODELS[type(record)][0]


def _periods(record: Model) -> QuerySet[Any]:
    return period_model(record).objects.filter(**{_record_field(record): record})


def _record_field(record: Model) -> str:
    return PERIOD_MODELS[type(record)][1]


def periods_from_dates(record: Dated) -> list[Span]:
    """The periods a record's own dates tell, unknown dates left empty.

    A closed deal was announced (on ``announced_on``) until it closed (on
    ``closed_on``); a deal pending approval was announced, then went to
    approval on a date not known; any other deal has held its status since
    it was announced. Bids alike, with ``submitted_on`` and ``resolved_on``;
    reviews with ``opened_on`` and ``decided_on`` (a review in depth was
    under review first, until its phase began: ``phase_started_on``, when
    known).
    """
    previous: str
    if isinstance(record, Review):
        start, end, previous = record.opened_on, record.decided_on, ReviewStatus.UNDER_REVIEW
        if record.status == ReviewStatus.IN_DEPTH:
            in_depth_from = record.phase_started_on
            return [
                Span(previous, start, in_depth_from, False),
                Span(record.status, in_depth_from, None, True),
            ]
        closed = record.status in Review.DECIDED_STATUSES
    elif isinstance(record, Deal):
        start, end, previous = record.announced_on, record.closed_on, DealStatus.ANNOUNCED
        if record.status == DealStatus.PENDING_APPROVAL:
            return [
                Span(previous, start, None, False),
                Span(record.status, None, None, True),
            ]
        closed = record.status in CLOSED_DEAL
    else:
        start, end, previous = record.submitted_on, record.resolved_on, BidStatus.SUBMITTED
        closed = record.status in RESOLVED_BID
    if closed:
        return [Span(previous, start, end, False), Span(record.status, end, None, True)]
    return [Span(record.status, start, None, True)]


def fill_from_dates(record: Dated) -> None:
    """Give a record that has no period the ones its dates tell. The demo
    loaders call it for every deal, bid and review they create."""
    if _periods(record).exists():
        return
    # Any: the stubs cannot follow one of two models through bulk_create.
    model: Any = period_model(record)
    model.objects.bulk_create(
        model(**{_record_field(record): record}, **span.__dict__)
        for span in periods_from_dates(record)
    )


@transaction.atomic
def replace_history(record: Dated, spans: list[tuple[str, Any, Any, Article | None]]) -> None:
    """Replace a record's periods with ``spans`` (status, from, until,
    source), oldest first; the last is current and must be the record's
    status. For the demo's real histories."""
    if not spans or spans[-1][0] != record.status:
        raise ValueError("the last period must hold the record's status")
    _periods(record).delete()
    model: Any = period_model(record)
    periods = [
        model(
            **{_record_field(record): record},
            status=status,
            started_on=started_on,
            ended_on=ended_on,
            source=source,
            is_current=index == len(spans) - 1,
        )
        for index, (status, started_on, ended_on, source) in enumerate(spans)
    ]
    check_no_overlap(periods)
    model.objects.bulk_create(periods)


def check_no_overlap(periods: list[Period]) -> None:
    """Refuse periods of one record that overlap (PostgreSQL's exclusion
    constraint refuses them too; SQLite has none). Only periods whose dates
    are known can be compared."""
    known = sorted(
        (p for p in periods if p.started_on is not None and (p.is_current or p.ended_on)),
        key=lambda p: p.started_on or datetime.date.min,
    )
    for earlier, later in itertools.pairwise(known):
        assert later.started_on is not None
        if earlier.is_current or (earlier.ended_on and earlier.ended_on > later.started_on):
            raise ValidationError(
                _("Two statuses of one record cannot overlap: %(first)s and %(second)s.")
                % {"first": earlier.get_status_display(), "second": later.get_status_display()}
            )


@transaction.atomic
def record_change(record: Dated, change: StatusChange) -> Period:
    """Close the record's open period on ``change.on`` and open one with its
    (new) status from then. A change dated before the open period began is
    refused."""
    periods = list(_periods(record).select_for_update())
    current = next((p for p in periods if p.is_current), None)
    if current is not None:
        if current.started_on and change.on and change.on < current.started_on:
            raise ValidationError(
                _("The status “%(status)s” began on %(date)s: a change cannot come before it.")
                % {"status": current.get_status_display(), "date": current.started_on.isoformat()}
            )
        current.is_current = False
        current.ended_on = change.on
    model = period_model(record)
    new = model(
        **{_record_field(record): record},
        status=record.status,
        started_on=change.on,
        source=change.source,
        is_current=True,
    )
    check_no_overlap([*periods, new])
    if current is not None:
        current.save(update_fields=["is_current", "ended_on"])
    new.save()
    return new


def keep_in_step(
    sender: type[Model], instance: Dated, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    """post_save: a new record gets its periods, a changed status its next
    period (dated by the ``status_change`` the admin set, else not known)."""
    if raw:  # loading a fixture or a backup: its periods come with it
        return
    change: StatusChange | None = getattr(instance, "status_change", None)
    if created:
        if change is None:
            fill_from_dates(instance)
        else:
            period_model(instance).objects.create(
                **{_record_field(instance): instance},
                status=instance.status,
                started_on=change.on,
                source=change.source,
            )
    else:
        current = (
            _periods(instance).filter(is_current=True).values_list("status", flat=True).first()
        )
        if current is None:
            fill_from_dates(instance)
        elif current != instance.status:
            record_change(instance, change or StatusChange(on=None))
    setattr(instance, "status_change", None)  # noqa: B010  (set by the admin, read once)


# Set-based: what periods_from_dates gives, for every record that has no
# period yet. Frozen into migration 0023; tests/test_status_history.py
# compares the two, and both with periods_from_dates.
FILL_SQL = {
    "deal": (
        "INSERT INTO articles_dealstatusperiod (deal_id, status, started_on, ended_on, is_current) "
        "SELECT d.id, 'announced', d.announced_on, "
        "CASE WHEN d.status = 'pending_approval' THEN NULL ELSE d.closed_on END, FALSE "
        "FROM articles_deal d "
        "WHERE d.status IN ('completed', 'abandoned', 'blocked', 'pending_approval') "
        "AND NOT EXISTS (SELECT 1 FROM articles_dealstatusperiod p WHERE p.deal_id = d.id) "
        "UNION ALL "
        "SELECT d.id, d.status, CASE WHEN d.status IN ('completed', 'abandoned', 'blocked') "
        "THEN d.closed_on WHEN d.status = 'pending_approval' THEN NULL ELSE d.announced_on END, "
        "NULL, TRUE "
        "FROM articles_deal d "
        "WHERE NOT EXISTS (SELECT 1 FROM articles_dealstatusperiod p WHERE p.deal_id = d.id)"
    ),
    "bid": (
        "INSERT INTO articles_bidstatusperiod (bid_id, status, started_on, ended_on, is_current) "
        "SELECT b.id, 'submitted', b.submitted_on, b.resolved_on, FALSE "
        "FROM articles_bid b "
        "WHERE b.status IN ('rejected', 'withdrawn', 'lapsed', 'accepted', 'completed') "
        "AND NOT EXISTS (SELECT 1 FROM articles_bidstatusperiod p WHERE p.bid_id = b.id) "
        "UNION ALL "
        "SELECT b.id, b.status, CASE WHEN b.status IN "
        "('rejected', 'withdrawn', 'lapsed', 'accepted', 'completed') "
        "THEN b.resolved_on ELSE b.submitted_on END, NULL, TRUE "
        "FROM articles_bid b "
        "WHERE NOT EXISTS (SELECT 1 FROM articles_bidstatusperiod p WHERE p.bid_id = b.id)"
    ),
    "review": (
        "INSERT INTO articles_reviewstatusperiod "
        "(review_id, status, started_on, ended_on, is_current) "
        "SELECT r.id, 'under_review', r.opened_on, "
        "CASE WHEN r.status = 'in_depth' THEN r.phase_started_on ELSE r.decided_on END, FALSE "
        "FROM articles_review r "
        "WHERE r.status <> 'under_review' "
        "AND NOT EXISTS (SELECT 1 FROM articles_reviewstatusperiod p WHERE p.review_id = r.id) "
        "UNION ALL "
        "SELECT r.id, r.status, CASE WHEN r.status = 'under_review' THEN r.opened_on "
        "WHEN r.status = 'in_depth' THEN r.phase_started_on ELSE r.decided_on END, NULL, TRUE "
        "FROM articles_review r "
        "WHERE NOT EXISTS (SELECT 1 FROM articles_reviewstatusperiod p WHERE p.review_id = r.id)"
    ),
}


def fill_all(
    using: str = "default", advance: Callable[[int], object] | None = None
) -> dict[str, int]:
    """Give every deal, bid and review without periods the ones their dates
    tell, set-based (one statement per table); how many periods each table
    gained. ``advance(1)`` is called as each table is done."""
    added = {}
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        for table, statement in FILL_SQL.items():
            cursor.execute(statement)
            added[table] = cursor.rowcount
            if advance is not None:
                advance(1)
    return added
