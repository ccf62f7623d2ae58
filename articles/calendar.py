"""Deadlines as iCalendar feeds, for Google Calendar, Apple Calendar and
Thunderbird: all of them (filtered like /deadlines/, or to one deal), one
deal's, one company's, one authority's (those it set or of its reviews).

Each deadline is an all-day event whose UID is fixed by its primary key, so
that when a deadline changes, a subscribed calendar moves the event rather
than adding a second one. A deadline that was extended or lifted is marked
cancelled: it no longer holds (an extension has its own, new event).

A calendar (all deadlines, a company's, one deal's) holds its deadlines
whatever their age, so that a historical archive never gives an empty one;
none holds more than MAX_EVENTS, so that no feed grows with the archive:
the upcoming ones are kept first (soonest first), then the past (latest
first). The pages offering a calendar state the bound (calendar_bound).

Open reviews without a curated deadline to come add their computed
statutory decision date (articles.timetables) as an "expected (computed)"
event, within the same bound; the archive's calendar adds them only when
it is not filtered, as the deadline filters do not apply to reviews.
"""

import datetime
import uuid

from django.db.models import Case, F, Q, Value, When
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from .filter_fields import SlugFilter
from .filters import DeadlineFilterSet
from .models import Authority, Company, Deadline, Deal, Review
from .querysets import today
from .syndication import invalid_filters_response

PRODID = "-//dealwatch//Deadlines//EN"
REFRESH_INTERVAL = datetime.timedelta(hours=6)
# SEQUENCE must grow whenever an event changes; the seconds from this instant
# to the deal's last change do, and fit the 32-bit integer it allows until 2088.
SEQUENCE_EPOCH = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
NO_LONGER_HOLDS = {Deadline.Status.EXTENDED, Deadline.Status.LIFTED}
# Calendar apps download the whole feed every few hours: it must stay small
# (500 events are about 400 KB).
MAX_EVENTS = 500


class CalendarFilterSet(DeadlineFilterSet):
    """The filters of /deadlines/, and one deal by its slug."""

    deal = SlugFilter(label=gettext_lazy("Deal"), field_name="deal", queryset=Deal.objects.all())


def _deadlines():
    return Deadline.objects.select_related("deal", "extended_to", "authority").defer(
        "deal__search_vector"
    )


def deadlines_calendar(request):
    filterset = CalendarFilterSet(request.GET, queryset=_deadlines())
    if not filterset.is_valid():
        return invalid_filters_response(filterset)
    return _calendar_response(
        request,
        filterset.qs,
        _("dealwatch: deadlines"),
        "deadlines.ics",
        reviews=None if request.GET else Review.objects.all(),
    )


def deal_calendar(request, slug):
    deal = get_object_or_404(Deal, slug=slug)
    return _calendar_response(
        request,
        _deadlines().filter(deal=deal),
        _("dealwatch: deadlines of %(deal)s") % {"deal": deal.title},
        f"{deal.slug}.ics",
        reviews=Review.objects.filter(deal=deal),
    )


def company_calendar(request, slug):
    company = get_object_or_404(Company, slug=slug)
    return _calendar_response(
        request,
        _deadlines().filter(deal__in=Deal.objects.involving(company)),
        _("dealwatch: deadlines of %(company)s's deals") % {"company": company.name},
        f"{company.slug}.ics",
        reviews=Review.objects.filter(deal__in=Deal.objects.involving(company)),
    )


def authority_calendar(request, slug):
    authority = get_object_or_404(Authority, slug=slug)
    # Both columns are indexed; an authority sets few enough for an OR.
    mine = Q(authority=authority) | Q(review__authority=authority)
    return _calendar_response(
        request,
        _deadlines().filter(mine),
        _("dealwatch: deadlines of %(authority)s") % {"authority": authority.label},
        f"{authority.slug}.ics",
        reviews=Review.objects.filter(authority=authority),
    )


def _calendar_response(request, deadlines, name, filename, reviews=None) -> HttpResponse:
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
    nearest = list(_nearest(deadlines))
    for deadline in sorted(nearest, key=lambda d: (d.due_on, d.pk)):
        calendar.add_component(_event(deadline, request, now))
    if reviews is not None and len(nearest) < MAX_EVENTS:
        for review in _expecting(reviews, MAX_EVENTS - len(nearest)):
            calendar.add_component(_expected_event(review, request, now))
    return HttpResponse(
        calendar.to_ical(),
        content_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def _nearest(deadlines):
    """At most MAX_EVENTS deadlines: those to come, soonest first, then those
    gone by, latest first (one query)."""
    on = today()
    return deadlines.alias(
        gone_by=Case(When(due_on__lt=on, then=Value(1)), default=Value(0)),
        coming_on=Case(When(due_on__gte=on, then=F("due_on"))),
    ).order_by("gone_by", "coming_on", "-due_on", "pk")[:MAX_EVENTS]


def _expecting(reviews, limit: int) -> list[Review]:
    """Up to ``limit`` reviews with a computed decision date, those whose
    phase began last first (two queries: the reviews, their clock stops)."""
    candidates = (
        reviews.awaiting_computed_date()
        .select_related("deal", "authority")
        .defer("deal__search_vector")
        .with_suspensions()
        .latest_first()[:limit]
    )
    return [
        review
        for review in candidates
        if review.statutory_decision and review.statutory_decision.decision_date
    ]


def _expected_event(review, request, now) -> Event:
    deal = review.deal
    computed = review.statutory_decision
    url = request.build_absolute_uri(deal.get_absolute_url())
    due_on = computed.decision_date
    summary = _("%(deal)s: %(authority)s decision expected (computed)") % {
        "deal": deal.title,
        "authority": review.authority.label,
    }
    return Event.new(
        uid=f"review-{review.pk}-expected@dealwatch",
        summary=summary,
        description="\n".join([str(computed.explanation), "", url]),
        start=due_on,
        end=_day_after(due_on),
        stamp=now,
        last_modified=deal.updated_at,
        sequence=int((deal.updated_at - SEQUENCE_EPOCH).total_seconds()),
        status="TENTATIVE",
        transparency="TRANSPARENT",
        categories=[_("Expected (computed)")],
        url=url,
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
    if deadline.authority:
        lines.append(f"{_label('authority')}: {deadline.authority.name}")
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
        end=_day_after(deadline.due_on),
        stamp=now,
        last_modified=deal.updated_at,
        sequence=int((deal.updated_at - SEQUENCE_EPOCH).total_seconds()),
        status="CANCELLED" if deadline.status in NO_LONGER_HOLDS else "CONFIRMED",
        transparency="TRANSPARENT",  # a deadline does not make anyone busy
        categories=[deadline.get_kind_display()],
        url=url,
    )


def _day_after(day: datetime.date) -> datetime.date | None:
    """Where an all-day event ends; None, for a one-day event, on the last day
    Python knows (the database bounds dates far before it, issue 13)."""
    return day + datetime.timedelta(days=1) if day < datetime.date.max else None


def _label(field: str) -> str:
    return capfirst(Deadline._meta.get_field(field).verbose_name)
