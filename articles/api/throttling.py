"""Per-client rate limits of the API: a burst and a sustained rate, counted
in the default cache (Redis, shared by every worker, where REDIS_URL is set)
and answered 429 with Retry-After by REST framework."""

from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from dealwatch.lockout import client_ip

if TYPE_CHECKING:  # REST framework's views import this module
    from rest_framework.request import Request


class ClientRateThrottle(SimpleRateThrottle):
    """Counts each client by its address, as logins are counted: behind our
    own proxies (DJANGO_PROXY_COUNT) the one they saw, which a client cannot
    forge."""

    def get_rate(self) -> str | None:
        # Read at each request, not at import as REST framework does, so that
        # a test or a deployment's settings are seen.
        rates = cast(dict[str, str | None], settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"])
        return rates[self.scope]

    def get_cache_key(self, request: "Request", view: Any) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}


class BurstRateThrottle(ClientRateThrottle):
    scope = "api_burst"


class SustainedRateThrottle(ClientRateThrottle):
    scope = "api_sustained"
