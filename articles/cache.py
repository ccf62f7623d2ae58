"""Caching of what is expensive and shared (counts, facet counts, the home
page's lists), made correct by a version number: every curated change bumps
the archive's version, and every key carries the version it was computed at,
so a stale entry is never read again (it simply expires)."""

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "archive:version"
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


def cached(namespace: str, parts: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, or its result for the same ``parts`` at the current version."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    key = f"archive:{archive_version()}:{namespace}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def cached_count(queryset) -> int:
    """``queryset.count()``, computed once per archive version."""
    return cached("count", queryset.query.sql_with_params(), queryset.count)
