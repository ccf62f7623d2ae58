"""The site while its database is unreachable: pages answer 503 with the
"back soon" page and a Retry-After, never a traceback or a 500. Nothing has
to be restarted afterwards: Django opens a new connection for the next
request once the broken one is discarded (CONN_HEALTH_CHECKS, or the pool's
own check)."""

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

logger = logging.getLogger(__name__)

# What psycopg and sqlite3 raise, through Django, when the server is down,
# restarting, or the connection was cut.
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def unavailable(request: HttpRequest) -> HttpResponse:
    """The 503 page; its template reads nothing from the database."""
    response = render(request, "503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        # One line per request, not a traceback: the outage is known.
        logger.warning("Database unavailable, %s answered 503: %s", request.path, exception)
        return unavailable(request)
