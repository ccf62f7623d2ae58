"""iCalendar feeds of deadlines, read back with the icalendar library."""

import datetime

import pytest
from django.db.models import F
from django.urls import reverse
from icalendar import Calendar

from articles import calendar as calendar_module
from articles.models import Deadline, Deal
from tests.factories import BidFactory, CompanyFactory, DeadlineFactory, DealFactory

URL = reverse("articles:calendar")
# A calendar of many deals holds the last year's deadlines and those to come.
TODAY = datetime.date.today()
SOON = TODAY + datetime.timedelta(days=30)
LATER = TODAY + datetime.timedelta(days=120)


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def uid(deadline) -> str:
    return f"deadline-{deadline.pk}@dealwatch"


@pytest.mark.django_db
def test_each_deadline_is_an_all_day_event_with_a_stable_uid(client):
    deal = DealFactory(title="Forced sale of TikTok")
    deadline = DeadlineFactory(
        deal=deal,
        label="Sell or be banned",
        kind=Deadline.Kind.GOVERNMENT_ORDER,
        set_by="Executive order 13942",
        due_on=SOON,
    )
    calendar = parse(client.get(URL))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//dealwatch//Deadlines//EN"
    assert str(calendar["X-WR-CALNAME"]) == "dealwatch: deadlines"

    event = events(calendar)[uid(deadline)]
    assert event.decoded("DTSTART") == SOON
    assert event.decoded("DTEND") == SOON + datetime.timedelta(days=1)
    assert isinstance(event.decoded("DTSTAMP"), datetime.datetime)
    assert isinstance(event.decoded("LAST-MODIFIED"), datetime.datetime)
    assert str(event["SUMMARY"]) == "Forced sale of TikTok: Sell or be banned"
    assert str(event["STATUS"]) == "CONFIRMED"
    deal_url = f"http://testserver{deal.get_absolute_url()}"
    assert str(event["URL"]) == deal_url
    assert str(event["DESCRIPTION"]).splitlines() == [
        "Status: Pending",
        "Kind: Government order",
        "Set by: Executive order 13942",
        "",
        deal_url,
    ]


@pytest.mark.django_db
def test_lines_end_in_crlf_as_calendar_clients_expect(client):
    DeadlineFactory(label="A label long enough to be folded " * 3, due_on=SOON)
    lines = client.get(URL).content.split(b"\r\n")
    assert all(b"\n" not in line for line in lines)
    assert lines[0] == b"BEGIN:VCALENDAR"


@pytest.mark.django_db
def test_an_updated_deadline_keeps_its_uid_and_moves_with_a_higher_sequence(client):
    deadline = DeadlineFactory(due_on=SOON)
    before = events(parse(client.get(URL)))[uid(deadline)]

    # A minute later, a curator edits the deadline inline on its deal's admin
    # page, which saves the deal too.
    deadline.due_on = LATER
    deadline.save()
    Deal.objects.filter(pk=deadline.deal_id).update(
        updated_at=F("updated_at") + datetime.timedelta(minutes=1)
    )
    after_events = events(parse(client.get(URL)))
    assert list(after_events) == [uid(deadline)]
    after = after_events[uid(deadline)]
    assert after.decoded("DTSTART") == LATER
    assert after.decoded("SEQUENCE") > before.decoded("SEQUENCE")


@pytest.mark.django_db
def test_an_extended_deadline_is_cancelled_and_points_to_its_replacement(client):
    deal = DealFactory()
    new = DeadlineFactory(deal=deal, due_on=LATER)
    old = DeadlineFactory(
        deal=deal,
        due_on=SOON,
        status=Deadline.Status.EXTENDED,
        extended_to=new,
    )
    by_uid = events(parse(client.get(URL)))
    assert str(by_uid[uid(old)]["STATUS"]) == "CANCELLED"
    assert f"Extended to: {LATER.isoformat()}" in str(by_uid[uid(old)]["DESCRIPTION"]).splitlines()
    assert str(by_uid[uid(new)]["STATUS"]) == "CONFIRMED"


@pytest.mark.django_db
def test_one_deals_calendar(client):
    deal = DealFactory(slug="tiktok-us", title="TikTok")
    mine = DeadlineFactory(deal=deal)
    DeadlineFactory()
    response = client.get(reverse("articles:calendar_deal", kwargs={"slug": "tiktok-us"}))
    calendar = parse(response)
    assert list(events(calendar)) == [uid(mine)]
    assert str(calendar["X-WR-CALNAME"]) == "dealwatch: deadlines of TikTok"
    assert response["Content-Disposition"] == 'attachment; filename="tiktok-us.ics"'


@pytest.mark.django_db
def test_one_companys_calendar_covers_every_role(client):
    oracle = CompanyFactory(slug="oracle")
    as_target = DeadlineFactory(deal=DealFactory(target=oracle), due_on=SOON)
    as_seller = DeadlineFactory(deal=DealFactory(seller=oracle), due_on=SOON)
    bid_deal = DealFactory()
    BidFactory(deal=bid_deal, bidders=[oracle, CompanyFactory()])
    as_joint_bidder = DeadlineFactory(deal=bid_deal, due_on=SOON)
    DeadlineFactory(due_on=SOON)
    calendar = parse(client.get(reverse("articles:calendar_company", kwargs={"slug": "oracle"})))
    assert set(events(calendar)) == {uid(as_target), uid(as_seller), uid(as_joint_bidder)}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["articles:calendar_deal", "articles:calendar_company"])
def test_an_unknown_slug_is_a_404(client, name):
    assert client.get(reverse(name, kwargs={"slug": "nothing"})).status_code == 404


@pytest.mark.django_db
def test_the_calendar_takes_the_filters_of_the_deadline_list_and_a_deal(client):
    acme = CompanyFactory(slug="acme")
    french = DealFactory(slug="french", countries=["FR"], target=acme)
    court = DeadlineFactory(deal=french, kind=Deadline.Kind.COURT, due_on=SOON)
    vote = DeadlineFactory(deal=french, kind=Deadline.Kind.SHAREHOLDER_VOTE, due_on=SOON)
    american = DeadlineFactory(kind=Deadline.Kind.COURT, due_on=SOON)

    def uids(**params):
        return set(events(parse(client.get(URL, params))))

    assert uids(country="fr") == {uid(court), uid(vote)}
    assert uids(kind="court") == {uid(court), uid(american)}
    assert uids(company="acme", kind="court") == {uid(court)}
    assert uids(deal="french") == {uid(court), uid(vote)}


@pytest.mark.django_db
def test_bad_filters_get_a_400_saying_which(client):
    response = client.get(URL, {"kind": "party", "deal": "nope", "country": "XX"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()[1:]
    assert {line.split(": ", 1)[0] for line in lines} == {"kind", "deal", "country"}


@pytest.mark.django_db
def test_the_calendar_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    for _n in range(5):
        DeadlineFactory(due_on=SOON)
    # The deadlines with their deal and the deadline they were extended to;
    # the open reviews awaiting a computed date (none here).
    with django_assert_num_queries(2):
        parse(client.get(URL))


@pytest.mark.django_db
def test_every_calendar_holds_its_deadlines_whatever_their_age(client):
    old = DeadlineFactory(due_on=TODAY - datetime.timedelta(days=4000))
    recent = DeadlineFactory(deal=old.deal, due_on=TODAY - datetime.timedelta(days=300))
    coming = DeadlineFactory(deal=old.deal, due_on=SOON)
    everything = {uid(old), uid(recent), uid(coming)}
    assert set(events(parse(client.get(URL)))) == everything
    company = reverse("articles:calendar_company", kwargs={"slug": old.deal.target.slug})
    assert set(events(parse(client.get(company)))) == everything
    deal = reverse("articles:calendar_deal", kwargs={"slug": old.deal.slug})
    assert set(events(parse(client.get(deal)))) == everything
    assert set(events(parse(client.get(URL, {"deal": old.deal.slug})))) == everything


@pytest.mark.django_db
def test_a_historical_archive_never_gives_an_empty_calendar(client, demo):
    """The demo's deadlines are years old: the deadline list shows them, and
    so must its calendar and the calendars of the companies involved."""
    listed = client.get(reverse("articles:deadline_list")).context["sections"]
    assert sum(section["page"].paginator.count for section in listed) == len(
        events(parse(client.get(URL)))
    )
    for slug in ("microsoft", "bytedance", "tiktok"):
        company = reverse("articles:calendar_company", kwargs={"slug": slug})
        assert events(parse(client.get(company))), slug


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page, args",
    [
        ("deadline_list", []),
        ("deal_detail", ["tiktok-us-operations"]),
        ("company_detail", ["tiktok"]),
    ],
)
def test_the_pages_state_the_calendars_bound(client, demo, page, args):
    html = client.get(reverse(f"articles:{page}", args=args)).content.decode()
    said = "A calendar holds at most 500 deadlines: those to come first, then the latest past."
    assert said in html
    french = client.get("/fr" + reverse(f"articles:{page}", args=args)).content.decode()
    assert "Un calendrier contient au plus 500" in french


@pytest.mark.django_db
def test_a_calendar_stops_at_its_cap_keeping_what_is_to_come(client, monkeypatch):
    monkeypatch.setattr(calendar_module, "MAX_EVENTS", 3)
    deal = DealFactory()
    gone = [DeadlineFactory(deal=deal, due_on=TODAY - datetime.timedelta(days=d)) for d in (9, 1)]
    coming = [DeadlineFactory(deal=deal, due_on=TODAY + datetime.timedelta(days=d)) for d in (5, 0)]
    # The two to come, then the latest gone by, in date order.
    feed = parse(client.get(URL))
    assert list(events(feed)) == [uid(gone[1]), uid(coming[1]), uid(coming[0])]
    for n in range(4):
        DeadlineFactory(deal=deal, due_on=SOON + datetime.timedelta(days=n))
    feed = parse(client.get(reverse("articles:calendar_deal", kwargs={"slug": deal.slug})))
    assert list(events(feed)) == [
        uid(coming[1]),
        uid(coming[0]),
        uid(Deadline.objects.get(due_on=SOON)),
    ]


@pytest.mark.django_db
def test_a_deadline_edited_on_its_own_moves_its_events_sequence(client):
    """Calendar apps replace an event only when its SEQUENCE grows: editing a
    deadline alone (not its deal) must still make it grow."""
    deadline = DeadlineFactory(due_on=datetime.date.today() + datetime.timedelta(days=5))
    url = reverse("articles:calendar_deal", args=[deadline.deal.slug])
    Deal.objects.filter(pk=deadline.deal_id).update(
        updated_at=F("updated_at") - datetime.timedelta(hours=1)
    )
    before = int(events(parse(client.get(url)))[uid(deadline)]["SEQUENCE"])

    deadline.due_on += datetime.timedelta(days=7)
    deadline.save()

    after = events(parse(client.get(url)))[uid(deadline)]
    assert int(after["SEQUENCE"]) > before
    assert after["DTSTART"].dt == deadline.due_on
