"""Caching of what is expensive and shared (counts, facet counts, the public
pages), made correct by a version number: every curated change bumps the
archive's version, and every key carries the version it was computed at, so a
stale entry is never read again (it simply expires)."""

import functools
import hashlib
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone, translation

VERSION_KEY = "archive:version"
CHANGED_AT_KEY = "archive:changed-at"
TIMEOUT = 60 * 60  # stale keys are unreachable anyway; this only frees memory


def archive_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # add() so that two processes starting together agree on one value.
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_archive_version(using=None, **kwargs) -> None:
    """Signal receiver: a curated record changed, so every cached figure is old.

    The version moves at once, so that the writing transaction itself reads
    its change, and again once the change is committed (at once, outside a
    transaction). The second move is what makes caching safe: between the two,
    another reader still sees the database without the change and may cache
    what it computes under the first new version; after the commit nobody
    reads that version again."""
    _bump()
    transaction.on_commit(_bump, using=using)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (a cold cache): start one
        cache.add(VERSION_KEY, 2, timeout=None)
    cache.set(CHANGED_AT_KEY, time.time(), timeout=None)


def changed_within(seconds: float) -> bool:
    """Whether a curated change was made in the last ``seconds``."""
    changed_at = cache.get(CHANGED_AT_KEY)
    return changed_at is not None and time.time() - changed_at < seconds


def cached(namespace: str, parts: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, or its result for the same ``parts`` at the current version."""
    key = _key(namespace, parts, archive_version())
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def cached_count(queryset) -> int:
    """``queryset.count()``, computed once per archive version."""
    return cached("count", queryset.query.sql_with_params(), queryset.count)


def _key(namespace: str, parts: Any, version: int) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"archive:{version}:{namespace}:{digest}"


def cached_page(view: Callable, params: Iterable[str] = ()) -> Callable:
    """The view, its pages kept until the archive changes or the day does
    (which turns deadlines overdue). A public page is the same for every
    reader: it depends on its address, host, scheme and language only.

    Only its own addresses are kept: a query string with any parameter but
    ``params`` is answered and not kept, or anyone could fill the cache with
    ?x=1, ?x=2... Only a 200 is kept (not a redirect, an error or a stream)."""
    allowed = frozenset(params)

    @functools.wraps(view)
    def serve(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or not allowed.issuperset(request.GET):
            return view(request, *args, **kwargs)
        parts = (request.get_full_path(), request.get_host(), request.scheme,
                 translation.get_language(), timezone.localdate())  # fmt: skip
        # The version is read before the page is made: a change saved
        # meanwhile makes this key stale at once.
        key = _key("page", parts, archive_version())
        content = cache.get(key)
        if content is not None:
            return HttpResponse(content)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            if hasattr(response, "render"):
                response.render()
            cache.set(key, response.content, TIMEOUT)
        return response

    return serve
