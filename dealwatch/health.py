"""/healthz, for load balancers and monitors."""

import logging

from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .middleware import DATABASE_ERRORS, RETRY_AFTER_SECONDS

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 while the primary answers (a replica down is reported, but the
    router's other databases still serve: taking every app server out of
    rotation for it would take the site down); 503 when the primary does not."""
    databases = {alias: _reachable(alias) for alias in connections}
    if all(databases.values()):
        return JsonResponse({"status": "ok"})
    report = {alias: "ok" if up else "unreachable" for alias, up in databases.items()}
    if databases[DEFAULT_DB_ALIAS]:
        return JsonResponse({"status": "degraded", "databases": report})
    response = JsonResponse({"status": "unavailable", "databases": report}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _reachable(alias: str) -> bool:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_ERRORS as error:
        logger.warning("Health check: database %s unreachable: %s", alias, error)
        return False
    return True
