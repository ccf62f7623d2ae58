"""What the feeds, calendars and exports share. Programs read them (feed
readers, calendar apps, spreadsheets, scripts), not people on a page: a
parameter that cannot be applied is answered with a plain-text 400 that
names it, never ignored as a list page forgives it."""

from typing import Any

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext

from .filter_fields import CompanyField


def invalid_filters_response(filterset: Any) -> HttpResponseBadRequest:
    """A plain-text 400 naming each invalid parameter and what is wrong with it."""
    lines = [gettext("Some parameters are not valid:")]
    for name, errors in filterset.form.errors.items():
        lines.extend(f"{name}: {error}" for error in errors)
        field = filterset.form.fields.get(name)
        if isinstance(field, CompanyField) and field.candidates:
            slugs = ", ".join(company.slug for company in field.candidates)
            lines.append(gettext("  Use one of: %(slugs)s") % {"slugs": slugs})
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
