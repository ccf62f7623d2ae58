"""/healthz, for load balancers and monitors: 200 when every database
answers, 503 otherwise."""

import logging

from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .middleware import DATABASE_ERRORS, RETRY_AFTER_SECONDS

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    databases = {alias: _reachable(alias) for alias in connections}
    if all(databases.values()):
        return JsonResponse({"status": "ok"})
    response = JsonResponse(
        {
            "status": "unavailable",
            "databases": {alias: "ok" if up else "unreachable" for alias, up in databases.items()},
        },
        status=503,
    )
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
