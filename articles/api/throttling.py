"""Per-client rate limits of the API: a burst and a sustained rate, counted
in the default cache (Redis, shared by every worker, where REDIS_URL is set)
and answered 429 with Retry-After by REST framework.

Each rate is a count per fixed window (a minute, an hour), kept by the
cache's atomic increment: REST framework's own throttles read a client's
history, add to it and write it back, so two workers answering the same
client at once would each count one request where there were two. A client
may make up to twice its rate across the turn of a window."""

import math
import time
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle

from dealwatch.lockout import client_ip

if TYPE_CHECKING:  # REST framework's views import this module
    from rest_framework.request import Request

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "60/minute" as (60, 60): requests, and the window in seconds."""
    count, period = rate.split("/")
    return int(count), PERIODS[period[0]]


class ClientRateThrottle(BaseThrottle):
    """Counts each client by its address, as logins are counted: behind our
    own proxies (DJANGO_PROXY_COUNT) the one they saw, which a client cannot
    forge."""

    scope = ""
    wait_seconds = 0.0

    def allow_request(self, request: "Request", view: Any) -> bool:
        # Read at each request, not at import as REST framework does, so that
        # a test or a deployment's settings are seen.
        rates = cast(dict[str, str | None], settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"])
        if (rate := rates[self.scope]) is None:
            return True
        limit, window = parse_rate(rate)
        now = time.time()
        start = math.floor(now / window) * window
        key = f"throttle:{self.scope}:{client_ip(request)}:{start}"
        cache.add(key, 0, window + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.set(key, count := 1, window + 1)
        self.wait_seconds = start + window - now
        return count <= limit

    def wait(self) -> float:
        return self.wait_seconds


class BurstRateThrottle(ClientRateThrottle):
    scope = "api_burst"


class SustainedRateThrottle(ClientRateThrottle):
    scope = "api_sustained"
