"""Deadlines as iCalendar feeds, for Google Calendar, Apple Calendar and
Thunderbird: all of them (filtered like /deadlines/, or to one deal), one
deal's, one company's.

Each deadline is an all-day event whose UID is fixed by its primary key, so
that when a deadline changes, a subscribed calendar moves the event rather
than adding a second one. A deadline that was extended or lifted is marked
cancelled: it no longer holds (an extension has its own, new event).
"""

import datetime
import uuid

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from .exports import invalid_filters_response
from .filters import DeadlineFilterSet, SlugFilter
from .models import Company, Deadline, Deal

PRODID = "-//dealwatch//Deadlines//EN"
REFRESH_INTERVAL = datetime.timedelta(hours=6)
# SEQUENCE must grow whenever an event changes; the seconds from this instant
# to the deal's last change do, and fit the 32-bit integer it allows until 2088.
SEQUENCE_EPOCH = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
NO_LONGER_HOLDS = {Deadline.Status.EXTENDED, Deadline.Status.LIFTED}


class CalendarFilterSet(DeadlineFilterSet):
    """The filters of /deadlines/, and one deal by its slug."""

    deal = SlugFilter(label=gettext_lazy("Deal"), field_name="deal", queryset=Deal.objects.all())


def _deadlines():
    return Deadline.objects.select_related("deal", "extended_to").defer("deal__search_vector")


def deadlines_calendar(request):
    filterset = CalendarFilterSet(request.GET, queryset=_deadlines())
    if not filterset.is_valid():
        return invalid_filters_response(filterset)
    return _calendar_response(request, filterset.qs, _("dealwatch: deadlines"), "deadlines.ics")


def deal_calendar(request, slug):
    deal = get_object_or_404(Deal, slug=slug)
    return _calendar_response(
        request,
        _deadlines().filter(deal=deal),
        _("dealwatch: deadlines of %(deal)s") % {"deal": deal.title},
        f"{deal.slug}.ics",
    )


def company_calendar(request, slug):
    company = get_object_or_404(Company, slug=slug)
    return _calendar_response(
        request,
        _deadlines().filter(deal__in=Deal.objects.involving(company)),
        _("dealwatch: deadlines of %(company)s's deals") % {"company": company.name},
        f"{company.slug}.ics",
    )


def _calendar_response(request, deadlines, name, filename) -> HttpResponse:
    address = request.build_absolute_uri()
    calendar = Calendar.new(
        prodid=PRODID,
        method="PUBLISH",
        name=name,
        source=address,
        refresh_interval=REFRESH_INTERVAL,
        # Stable per address, where the library would pick a new one each time.
        uid=uuid.uuid5(uuid.NAMESPACE_URL, address),
    )
    now = timezone.now()
    for deadline in deadlines.order_by("due_on", "pk"):
        calendar.add_component(_event(deadline, request, now))
    return HttpResponse(
        calendar.to_ical(),
        content_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def _event(deadline, request, now) -> Event:
    deal = deadline.deal
    url = request.build_absolute_uri(deal.get_absolute_url())
    lines = [
        f"{_label('status')}: {deadline.get_status_display()}",
        f"{_label('kind')}: {deadline.get_kind_display()}",
    ]
    if deadline.set_by:
        lines.append(f"{_label('set_by')}: {deadline.set_by}")
    if deadline.extended_to:
        lines.append(f"{_label('extended_to')}: {deadline.extended_to.due_on.isoformat()}")
    if deadline.note:
        lines += ["", deadline.note]
    lines += ["", url]
    return Event.new(
        uid=f"deadline-{deadline.pk}@dealwatch",
        summary=f"{deal.title}: {deadline.label}",
        description="\n".join(lines),
        start=deadline.due_on,
        end=deadline.due_on + datetime.timedelta(days=1),
        stamp=now,
        last_modified=deal.updated_at,
        sequence=int((deal.updated_at - SEQUENCE_EPOCH).total_seconds()),
        status="CANCELLED" if deadline.status in NO_LONGER_HOLDS else "CONFIRMED",
        transparency="TRANSPARENT",  # a deadline does not make anyone busy
        categories=[deadline.get_kind_display()],
        url=url,
    )


def _label(field: str) -> str:
    return capfirst(Deadline._meta.get_field(field).verbose_name)
