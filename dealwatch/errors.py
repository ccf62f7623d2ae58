"""Django's handler500, with a backstop for database outages.

DatabaseUnavailableMiddleware.process_exception only sees what views and
template rendering raise. A database error raised anywhere else (a middleware
reading the session or the user, the 404 page, a response being finished)
reaches handler500 instead; while the database is down that must still be the
503 "back in a moment" page, never "something went wrong".
"""

import sys

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

from .middleware import DATABASE_ERRORS, unavailable


def server_error(request: HttpRequest) -> HttpResponse:
    """Called by Django inside its ``except`` block, so sys.exc_info() holds the error."""
    if caused_by_database(sys.exc_info()[1]):
        return unavailable(request)
    return defaults.server_error(request)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The site's 404 page; under /api/, the API's JSON answer."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def caused_by_database(error: BaseException | None) -> bool:
    """True when the error, or one it was raised from or while handling, is a
    database error (a template tag or a library may wrap it in its own)."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, DATABASE_ERRORS):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False
