"""A process's own cache, bounded by the bytes it holds rather than by its
number of entries: it keeps whole pages, and a thousand entries of up to
half a megabyte each let one worker grow by half a gigabyte."""

import threading
from collections import OrderedDict
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class BoundedLocMemCache(LocMemCache):
    """LocMemCache that, after each write, drops the least recently used
    entries until what it holds is at most OPTIONS["MAX_BYTES"]."""

    # LocMemCache's own state, which its stubs do not declare.
    _cache: OrderedDict[str, bytes]
    _expire_info: dict[str, float | None]
    _lock: threading.Lock

    def __init__(self, name: str, params: dict[str, Any]) -> None:
        super().__init__(name, params)
        self._max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", 64 * 1024 * 1024))

    def _set(self, key: str, value: bytes, timeout: Any = DEFAULT_TIMEOUT) -> None:
        super()._set(key, value, timeout)  # type: ignore[misc]  # not in the stubs
        held = sum(len(pickled) for pickled in self._cache.values())
        # The most recently used entries are at the front: drop from the end,
        # never the entry just written unless it alone is over the bound.
        while held > self._max_bytes and self._cache:
            dropped, pickled = self._cache.popitem()
            self._expire_info.pop(dropped, None)
            held -= len(pickled)

    def held_bytes(self) -> int:
        with self._lock:
            return sum(len(pickled) for pickled in self._cache.values())
