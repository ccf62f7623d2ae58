"""Caching of what is expensive and shared (counts, facet counts, the home
page's lists), made correct by a version number: every curated change bumps
the archive's version, and every key carries the version it was computed at,
so a stale entry is never read again (it simply expires)."""

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

VERSION_KEY = "archive:version"
TIMEOUT = 60 * 60  # stale keys are unreachable anyway; this only frees memory


def archive_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # add() so that two processes starting together agree on one value.
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_archive_version(**kwargs) -> None:
    """Signal receiver: a curated record changed, so every cached figure is old."""
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
