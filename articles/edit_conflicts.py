"""Two curators editing one record at once: the second save is refused
instead of silently overwriting the first.

A record's version is its ``updated_at``, which each save moves. A deal's
also moves when one of its bids or deadlines changes, wherever that is done
(the deal's page edits them inline, so they are part of what a curator
overwrites), and a bid's or deadline's own page carries its deal's version."""

import datetime
from typing import Any

from django.db import models
from django.utils import timezone

from .models import Bid, Deadline, Deal, Review, ReviewSuspension


def version(model: type[models.Model], pk: int, *, lock: bool = False) -> str:
    """The version of the record as an admin page carries it ("" once deleted)."""
    rows = model._default_manager.filter(pk=pk)
    if lock:
        rows = rows.select_for_update()
    updated_at = rows.values_list("updated_at", flat=True).first()
    return updated_at.isoformat() if updated_at else ""


def touch_deal(
    sender: type[models.Model], instance: Bid | Deadline | Review, raw: bool = False, **kwargs: Any
) -> None:
    """Signal receiver: a bid or deadline changed, so its deal has a new version.
    Not while a backup is loaded (raw): that would change what it restores."""
    if instance.deal_id is not None and not raw:
        Deal.objects.filter(pk=instance.deal_id).update(updated_at=timezone.now())


def touch_deal_of_record(
    sender: type[models.Model],
    instance: Bid | Deadline | Review,
    action: str,
    reverse: bool,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    """Signal receiver: the companies or sources of a bid or deadline changed."""
    if action.startswith("post_") and not reverse:
        touch_deal(sender, instance, raw=raw)


def touch_deal_of_suspension(
    sender: type[models.Model], instance: ReviewSuspension, raw: bool = False, **kwargs: Any
) -> None:
    """Signal receiver: a review's clock stop changed, so its deal has a new version."""
    if not raw:
        deal = Review.objects.filter(pk=instance.review_id).values("deal_id")
        Deal.objects.filter(pk__in=deal).update(updated_at=timezone.now())


def last_change(model: type[models.Model], pk: int) -> tuple[str | None, datetime.datetime | None]:
    """Who last changed the record (for a deal, or one of its bids or
    deadlines), and when."""
    histories = [(model.history, "id")]  # type: ignore[attr-defined]  # simple_history's
    if model is Deal:
        histories += [
            (Bid.history, "deal_id"),
            (Deadline.history, "deal_id"),
            (Review.history, "deal_id"),
        ]
    candidates = [
        history.filter(**{field: pk}).select_related("history_user").first()
        for history, field in histories
    ]
    changes = [record for record in candidates if record is not None]
    if not changes:
        return None, None
    latest = max(changes, key=lambda record: record.history_date)
    user = latest.history_user.get_username() if latest.history_user else None
    return user, latest.history_date
