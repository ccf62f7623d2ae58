"""Pages made again before anyone asks (issue 15).

A curator's save makes every kept page stale (articles.freshness). Once the
save is committed, the pages readers ask for most (the home page, the deal
list, the saved deal's page and its parties' pages, in every language) are
made again by a background task, through Django's tasks framework: the
``db_worker`` of django-tasks-db in development (``make run`` starts it) and
production, the immediate backend in the tests.

When the task is queued it takes those pages' turns to be made
(freshness.take_turns), for at most freshness.STALE_SECONDS: the readers
asking meanwhile are served the page from before the save instead of making
it themselves, and once the turn lapses (no worker running, or a slow one)
the next reader makes it as before."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.db import transaction
from django.http import HttpResponseBase
from django.tasks import task
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from . import freshness
from .models import Bid, Deal

# The deals whose pages were queued at the archive's latest version, in this
# thread: a transaction's saves each queue theirs once it commits, and all
# see its version, so a deal saved twice, and the lists, are queued once.
_queued = threading.local()

# Of a transaction that saved more deals than this (an import, the demo's
# load), only the first deals' pages are made again with the lists: the
# others are made when first asked for, as before.
MOST_DEALS = 20


def record_saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """Signal receiver (post_save, post_delete): a curated record changed.
    Once the transaction commits, the home page and the deal list are made
    again, with the pages of the deal it is or belongs to, and of the other
    deals saved in that transaction. Not while a backup is loaded (raw)."""
    if not raw:
        deal_saved(
            instance.pk if isinstance(instance, Deal) else getattr(instance, "deal_id", None)
        )


def bidders_changed(sender: type, instance: Any, action: str, **kwargs: Any) -> None:
    """Signal receiver (m2m_changed on a bid's bidders)."""
    if action.startswith("post_") and isinstance(instance, Bid):
        deal_saved(instance.deal_id)


def deal_saved(deal_id: int | None) -> None:
    """``deal_id`` was saved, or a record of it was (None: some record):
    its pages are queued once the transaction commits (never if it rolls
    back)."""
    transaction.on_commit(functools.partial(_queue_once, deal_id))


def _queue_once(deal_id: int | None) -> None:
    version = freshness.committed_version()
    seen: tuple[int, set[int | None]] | None = getattr(_queued, "seen", None)
    if seen is None or seen[0] != version:
        seen = _queued.seen = (version, set())
    queued = seen[1]  # deal ids, and None once the lists are queued
    if deal_id in queued or (deal_id is None and queued):
        return
    lists = not queued  # the first of the transaction's saves queues the lists
    queued.update({deal_id, None})
    deals = [deal_id] if deal_id is not None and len(queued) - 1 <= MOST_DEALS else []
    queue(pages_after_saving(deals, lists=lists))


def pages_after_saving(deal_ids: Iterable[int], lists: bool = True) -> list[str]:
    """The addresses readers ask for most that a save of these deals
    changes: the home page and the deal list (if ``lists``), each deal's
    page and its target's, seller's and bidders' pages, in every language."""
    deals = Deal.objects.filter(pk__in=list(deal_ids)).select_related("target", "seller")
    paths = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            if lists:
                paths += [reverse("articles:home"), reverse("articles:deal_list")]
            for deal in deals.prefetch_related("bids__bidders"):
                paths.append(reverse("articles:deal_detail", args=[deal.slug]))
                parties = {deal.target, deal.seller}
                parties.update(b for bid in deal.bids.all() for b in bid.bidders.all())
                paths += sorted(
                    reverse("articles:company_detail", args=[company.slug])
                    for company in parties
                    if company is not None
                )
    return list(dict.fromkeys(paths))


def queue(paths: list[str]) -> None:
    """Take the pages' turns, then have the task make them."""
    if not paths:
        return
    host, scheme = _public_site()
    freshness.take_turns([(path, host, scheme, _language_of(path)) for path in paths])
    make_pages_again.enqueue(paths)


@task()
def make_pages_again(paths: list[str]) -> int:
    """Make each page as a reader's request would, keeping it; how many were 200."""
    host, scheme = _public_site()
    factory = RequestFactory(HTTP_HOST=host)
    handler = BaseHandler()
    handler.load_middleware()
    made = 0
    for path in paths:
        request = factory.get(path, secure=scheme == "https")
        setattr(request, freshness.REBUILDING, True)
        response: HttpResponseBase = handler.get_response(request)
        made += response.status_code == 200
    return made


def _public_site() -> tuple[str, str]:
    """The host and scheme readers reach the site by (DEALWATCH_PUBLIC_URL)."""
    address = urlsplit(settings.PUBLIC_URL)
    return address.netloc, address.scheme


def _language_of(path: str) -> str:
    """The language a page at ``path`` is made in: its prefix's, or the default."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE
