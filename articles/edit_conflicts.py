"""Two curators editing one deal at once: the second save is refused instead
of silently overwriting the first.

A deal's version is its ``updated_at``. Saving the deal moves it, and so does
any change to one of its bids or deadlines, wherever it is made (the deal's
page edits them inline, so they are part of what a curator overwrites)."""

import datetime
from typing import Any

from django.db.models import Model
from django.utils import timezone

from .models import Bid, Deadline, Deal


def deal_version(deal_pk: int, *, lock: bool = False) -> str:
    """The version of the deal as the admin page carries it ("" once deleted)."""
    deals = Deal.objects.filter(pk=deal_pk)
    if lock:
        deals = deals.select_for_update()
    updated_at = deals.values_list("updated_at", flat=True).first()
    return updated_at.isoformat() if updated_at else ""


def touch_deal(
    sender: type[Model], instance: Bid | Deadline, raw: bool = False, **kwargs: Any
) -> None:
    """Signal receiver: a bid or deadline changed, so its deal has a new version.
    Not while a backup is loaded (raw): that would change what it restores."""
    if instance.deal_id is not None and not raw:
        Deal.objects.filter(pk=instance.deal_id).update(updated_at=timezone.now())


def touch_deal_of_record(
    sender: type[Model],
    instance: Bid | Deadline,
    action: str,
    reverse: bool,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    """Signal receiver: the companies or sources of a bid or deadline changed."""
    if action.startswith("post_") and not reverse:
        touch_deal(sender, instance, raw=raw)


def last_change(deal_pk: int) -> tuple[str | None, datetime.datetime | None]:
    """Who last changed the deal or one of its bids or deadlines, and when."""
    candidates = [
        history.filter(**{field: deal_pk}).select_related("history_user").first()
        for history, field in (
            (Deal.history, "id"),
            (Bid.history, "deal_id"),
            (Deadline.history, "deal_id"),
        )
    ]
    changes = [record for record in candidates if record is not None]
    if not changes:
        return None, None
    latest = max(changes, key=lambda record: record.history_date)
    user = latest.history_user.get_username() if latest.history_user else None
    return user, latest.history_date
