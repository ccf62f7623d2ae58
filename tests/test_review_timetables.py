"""A review's statutory decision date, computed by articles.timetables and
shown beside the review until a curated deadline says when it is due."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from articles import calendar as calendar_module
from articles import timetables
from articles.models import Review, ReviewSuspension
from tests.factories import AuthorityFactory, DeadlineFactory, ReviewFactory

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = datetime.date.today()


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def commission_review(**fields) -> Review:
    # Adobe/Figma: notified on 30 June 2023, phase 1 due on 7 August 2023.
    commission = AuthorityFactory(
        name="European Commission", short_name="DG COMP", slug="european-commission"
    )
    fields = {
        "phase": Review.Phase.PHASE_1,
        "opened_on": D(2023, 6, 30),
        "status": Review.Status.UNDER_REVIEW,
        **fields,
    }
    return ReviewFactory(authority=commission, **fields)


def fresh(review: Review) -> Review:
    return Review.objects.with_next_deadline().with_suspensions().get(pk=review.pk)


def test_an_open_review_gets_its_statutory_decision_date():
    computed = fresh(commission_review()).statutory_decision
    assert computed is not None
    assert computed.decision_date == D(2023, 8, 7)
    assert computed.rule.regime == "eu" and computed.rule.phase == "phase1"


def test_the_in_depth_phase_counts_from_its_own_start():
    # Adobe/Figma at the Commission: notified on 30 June 2023, in depth from 7 August.
    review = commission_review(phase=Review.Phase.PHASE_2, phase_started_on=D(2023, 8, 7))
    computed = fresh(review).statutory_decision
    from_phase = timetables.statutory_decision("eu", "phase2", D(2023, 8, 7))
    from_opening = timetables.statutory_decision("eu", "phase2", D(2023, 6, 30))
    assert computed is not None and computed.decision_date == from_phase.decision_date
    assert from_phase.decision_date > from_opening.decision_date


@pytest.mark.parametrize(
    ("authority", "phase", "code"),
    [
        ("CMA", Review.Phase.PHASE_2, ("uk", "phase2")),
        ("FTC", Review.Phase.PHASE_1, ("us_hsr", "initial")),
        ("CFIUS", Review.Phase.PHASE_2, ("us_cfius", "investigation")),
        ("SAMR", Review.Phase.PHASE_1, ("cn_samr", "phase1")),
    ],
)
def test_each_regime_maps_the_review_phase_to_its_clock(authority, phase, code):
    review = ReviewFactory(
        authority=AuthorityFactory(short_name=authority), phase=phase, opened_on=D(2024, 3, 1)
    )
    computed = fresh(review).statutory_decision
    assert computed is not None and (computed.rule.regime, computed.rule.phase) == code


def test_a_recorded_clock_stop_moves_the_date():
    review = commission_review()
    ReviewSuspension.objects.create(
        review=review, stopped_on=D(2023, 7, 10), restarted_on=D(2023, 7, 17)
    )
    computed = fresh(review).statutory_decision
    assert computed is not None and computed.decision_date == D(2023, 8, 14)


def test_a_clock_still_stopped_gives_no_date_but_says_so():
    review = commission_review()
    ReviewSuspension.objects.create(review=review, stopped_on=D(2023, 7, 10))
    computed = fresh(review).statutory_decision
    assert computed is not None and computed.decision_date is None
    assert computed.stopped_since == D(2023, 7, 10)


@pytest.mark.parametrize(
    "fields",
    [
        {"phase": Review.Phase.PRE_NOTIFICATION},
        {"phase": Review.Phase.COURT},
        {"phase": ""},
        {"opened_on": None},
    ],
)
def test_no_date_without_a_clock_or_a_start(fields):
    assert fresh(commission_review(**fields)).statutory_decision is None


def test_no_date_once_the_review_is_decided():
    review = commission_review(status=Review.Status.CLEARED, decided_on=D(2023, 8, 7))
    assert fresh(review).statutory_decision is None


def test_an_authority_without_a_known_regime_gives_no_date():
    review = ReviewFactory(
        authority=AuthorityFactory(name="Bundeskartellamt", short_name="BKartA"),
        phase=Review.Phase.PHASE_1,
        opened_on=D(2024, 3, 1),
    )
    assert fresh(review).statutory_decision is None


def test_a_curated_pending_deadline_replaces_the_computed_date():
    review = commission_review()
    assert fresh(review).expected_decision is not None
    DeadlineFactory(deal=review.deal, review=review, due_on=TODAY + datetime.timedelta(days=20))
    review = fresh(review)
    assert review.next_decision is not None and review.expected_decision is None


def test_the_deal_page_shows_the_computed_date_marked_as_computed(client):
    review = commission_review()
    page = html_of(client.get(review.deal.get_absolute_url()))
    assert "Expected by" in page and 'datetime="2023-08-07"' in page
    assert "computed: European Commission, phase 1" in page
    assert "Computed from the statutory timetable" in page and "<details" in page


def test_the_deal_page_shows_only_the_curated_date_when_there_is_one(client):
    review = commission_review()
    due = TODAY + datetime.timedelta(days=20)
    DeadlineFactory(deal=review.deal, review=review, due_on=due)
    page = html_of(client.get(review.deal.get_absolute_url()))
    assert "Next decision due" in page and f'datetime="{due.isoformat()}"' in page
    assert "Expected by" not in page and 'datetime="2023-08-07"' not in page


def test_the_authority_page_shows_the_computed_date_of_an_open_review(client):
    commission_review()
    page = html_of(client.get(reverse("articles:authority_detail", args=["european-commission"])))
    opened = page[page.index("Open reviews") : page.index("Decisions, by outcome")]
    assert "Expected by" in opened and 'datetime="2023-08-07"' in opened
    assert "No decision date recorded." not in opened


def test_the_pages_mark_the_computed_date_in_french(client):
    review = commission_review()
    with translation.override("fr"):
        deal_url = review.deal.get_absolute_url()
        authority_url = reverse("articles:authority_detail", args=["european-commission"])
    for url in (deal_url, authority_url):
        page = html_of(client.get(url))
        assert "Attendue au plus tard le" in page and "calculée" in page


# Calendars


def expected_events(response) -> list:
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    return [event for event in calendar.walk("VEVENT") if str(event["UID"]).startswith("review-")]


def test_every_calendar_of_the_review_holds_its_expected_date(client):
    review = commission_review()
    urls = [
        reverse("articles:calendar"),
        reverse("articles:calendar_deal", args=[review.deal.slug]),
        reverse("articles:calendar_authority", args=["european-commission"]),
    ]
    for url in urls:
        (event,) = expected_events(client.get(url))
        assert "expected (computed)" in str(event["SUMMARY"])
        assert event.decoded("DTSTART") == D(2023, 8, 7)


def test_a_curated_deadline_takes_the_expected_event_out_of_the_calendar(client):
    review = commission_review()
    DeadlineFactory(deal=review.deal, review=review, due_on=TODAY + datetime.timedelta(days=20))
    url = reverse("articles:calendar_deal", args=[review.deal.slug])
    assert expected_events(client.get(url)) == []


def test_a_filtered_archive_calendar_leaves_the_expected_dates_out(client):
    commission_review()
    url = reverse("articles:calendar")
    assert expected_events(client.get(url, {"kind": "regulatory_review"})) == []


def test_the_calendar_reads_the_expected_dates_in_a_fixed_number_of_queries(
    client, django_assert_num_queries
):
    first = commission_review()
    for _n in range(3):
        ReviewFactory(
            authority=first.authority, phase=Review.Phase.PHASE_1, opened_on=D(2023, 6, 30)
        )
    # Deadlines; the reviews awaiting a computed date; their clock stops.
    with django_assert_num_queries(3):
        assert len(expected_events(client.get(reverse("articles:calendar")))) == 4


def test_the_calendar_stops_at_its_cap_with_expected_dates(client, monkeypatch):
    monkeypatch.setattr(calendar_module, "MAX_EVENTS", 2)
    for _n in range(3):
        DeadlineFactory(due_on=TODAY + datetime.timedelta(days=3))
    commission_review()
    response = client.get(reverse("articles:calendar"))
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 2


# /deadlines/


def test_the_deadlines_page_lists_expected_decisions_apart(client):
    first = commission_review()
    ReviewFactory(authority=first.authority, phase=Review.Phase.PHASE_1, opened_on=D(2023, 7, 3))
    page = html_of(client.get(reverse("articles:deadline_list")))
    expected = page[page.index('id="expected-heading"') :].split("</section>")[0]
    assert "computed, no deadline recorded" in expected and "(2)" in expected
    assert 'datetime="2023-08-07"' in expected and "computed: " in expected
    assert first.deal.title in expected


def test_the_deadlines_page_leaves_out_reviews_with_a_curated_deadline(client):
    review = commission_review()
    DeadlineFactory(deal=review.deal, review=review, due_on=TODAY + datetime.timedelta(days=20))
    assert 'id="expected-heading"' not in html_of(client.get(reverse("articles:deadline_list")))


def test_the_deadlines_page_expected_list_in_french(client):
    commission_review()
    with translation.override("fr"):
        url = reverse("articles:deadline_list")
    page = html_of(client.get(url))
    assert "Décisions attendues (calculées" in page and "calculée : " in page


def test_the_deadlines_page_reads_expected_decisions_in_a_fixed_number_of_queries(
    client, django_assert_num_queries
):
    first = commission_review()
    url = reverse("articles:deadline_list")
    # No deadline: the version, the sections' counts (a page is read only
    # when its count is not zero), the chart, the reviews awaiting a
    # computed date and their clock stops.
    with django_assert_num_queries(7):
        assert "Expected by" in html_of(client.get(url))
    for _n in range(5):
        ReviewFactory(
            authority=first.authority, phase=Review.Phase.PHASE_1, opened_on=D(2024, 1, 8)
        )
    with django_assert_num_queries(7):
        assert html_of(client.get(url)).count("Expected by") == 6
