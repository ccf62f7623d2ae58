"""The dated status history of deals, bids and reviews (issue 16): kept in step with
each record's status, its rules held by the database, and the set-based fill
agreeing with the per-record one."""

import datetime
import importlib

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles import status_history
from articles.models import (
    Bid,
    BidStatusPeriod,
    Deal,
    DealStatusPeriod,
    Review,
    ReviewStatusPeriod,
)
from articles.status_history import StatusChange
from tests.factories import BidFactory, DealFactory, ReviewFactory

D = datetime.date


def spans(record):
    return [
        (p.status, p.started_on, p.ended_on, p.is_current)
        for p in record.status_periods.order_by("pk")
    ]


@pytest.mark.django_db
def test_a_new_deal_opens_its_first_period_on_its_announcement():
    deal = DealFactory(status=Deal.Status.ANNOUNCED, announced_on=D(2024, 1, 15))
    assert spans(deal) == [("announced", D(2024, 1, 15), None, True)]


@pytest.mark.django_db
def test_a_status_change_closes_the_open_period_and_opens_the_next():
    deal = DealFactory(announced_on=D(2024, 1, 15))
    deal.status = Deal.Status.PENDING_APPROVAL
    deal.status_change = StatusChange(on=D(2024, 3, 1))
    deal.save()
    deal.status = Deal.Status.COMPLETED
    deal.save()  # no date given: recorded as not known
    assert spans(deal) == [
        ("announced", D(2024, 1, 15), D(2024, 3, 1), False),
        ("pending_approval", D(2024, 3, 1), None, False),
        ("completed", None, None, True),
    ]


@pytest.mark.django_db
def test_a_save_that_keeps_the_status_writes_no_period():
    deal = DealFactory()
    deal.title = "Renamed"
    deal.save()
    assert len(spans(deal)) == 1


@pytest.mark.django_db
def test_a_change_dated_before_the_open_period_is_refused():
    deal = DealFactory(announced_on=D(2024, 1, 15))
    deal.status = Deal.Status.ABANDONED
    with pytest.raises(ValidationError, match="a change cannot come before it"):
        status_history.record_change(deal, StatusChange(on=D(2023, 12, 1)))


@pytest.mark.django_db
def test_overlapping_periods_are_refused_in_python():
    deal = DealFactory(status=Deal.Status.ABANDONED, announced_on=D(2020, 1, 1))
    with pytest.raises(ValidationError, match="cannot overlap"):
        status_history.replace_history(
            deal,
            [
                (Deal.Status.ANNOUNCED, D(2020, 1, 1), D(2020, 6, 1), None),
                (Deal.Status.ABANDONED, D(2020, 3, 1), None, None),
            ],
        )


@pytest.mark.django_db
@pytest.mark.postgres(reason="the exclusion constraint is PostgreSQL's")
def test_the_database_refuses_overlapping_periods():
    deal = DealFactory(announced_on=D(2020, 1, 1))  # announced, from 2020-01-01, open
    DealStatusPeriod.objects.filter(deal=deal).update(is_current=False, ended_on=D(2020, 6, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        DealStatusPeriod.objects.create(
            deal=deal, status="abandoned", started_on=D(2020, 3, 1), is_current=True
        )


@pytest.mark.django_db
@pytest.mark.postgres(reason="the exclusion constraint is PostgreSQL's")
def test_the_database_refuses_overlapping_review_periods():
    review = ReviewFactory(opened_on=D(2020, 1, 1))  # under review, from 2020-01-01, open
    ReviewStatusPeriod.objects.filter(review=review).update(
        is_current=False, ended_on=D(2020, 6, 1)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewStatusPeriod.objects.create(
            review=review, status="cleared", started_on=D(2020, 3, 1), is_current=True
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "rule"),
    [
        ({"started_on": D(2020, 5, 1), "ended_on": D(2020, 4, 1), "is_current": False},
         "ended_not_before_started"),
        ({"started_on": D(2020, 5, 1), "ended_on": D(2020, 6, 1), "is_current": True},
         "current_is_open"),
        # SQLite names the columns of a unique index, PostgreSQL the index.
        ({"started_on": D(2020, 5, 1), "is_current": True}, "one_current|deal_id"),
        ({"started_on": D(1800, 5, 1), "ended_on": D(2001, 1, 1), "is_current": False},
         "started_on_plausible"),
        ({"status": "sold", "is_current": False}, "status_valid"),
    ],
)  # fmt: skip
def test_the_database_holds_the_period_rules(fields, rule):
    deal = DealFactory()
    with pytest.raises(IntegrityError, match=rule), transaction.atomic():
        DealStatusPeriod.objects.create(deal=deal, **{"status": "announced", **fields})


@pytest.mark.django_db
def test_a_new_bid_is_dated_by_its_submission_and_resolution():
    bid = BidFactory(status=Bid.Status.REJECTED, submitted_on=D(2024, 2, 1),
                     resolved_on=D(2024, 2, 20))  # fmt: skip
    assert spans(bid) == [
        ("submitted", D(2024, 2, 1), D(2024, 2, 20), False),
        ("rejected", D(2024, 2, 20), None, True),
    ]


RECORDS = [
    {"status": "rumoured", "announced_on": None, "closed_on": None},
    {"status": "announced", "announced_on": D(2021, 1, 1), "closed_on": None},
    {"status": "pending_approval", "announced_on": D(2021, 1, 1), "closed_on": None},
    {"status": "completed", "announced_on": D(2021, 1, 1), "closed_on": D(2021, 9, 1)},
    {"status": "abandoned", "announced_on": None, "closed_on": D(2021, 9, 1)},
    {"status": "blocked", "announced_on": D(2021, 1, 1), "closed_on": None},
]
BIDS = [
    {"status": "submitted", "submitted_on": D(2021, 2, 1), "resolved_on": None},
    {"status": "rumoured", "submitted_on": None, "resolved_on": None},
    {"status": "accepted", "submitted_on": D(2021, 2, 1), "resolved_on": D(2021, 3, 1)},
    {"status": "lapsed", "submitted_on": None, "resolved_on": None},
]
REVIEWS = [
    {"status": "under_review", "opened_on": D(2021, 2, 1), "decided_on": None},
    {"status": "in_depth", "opened_on": D(2021, 2, 1), "decided_on": None},
    {
        "status": "in_depth",
        "opened_on": D(2021, 2, 1),
        "phase_started_on": D(2021, 3, 10),
        "decided_on": None,
    },
    {"status": "prohibited", "opened_on": D(2021, 2, 1), "decided_on": D(2021, 8, 1)},
    {"status": "cleared", "opened_on": None, "decided_on": D(2021, 8, 1)},
]


@pytest.mark.django_db
def test_the_set_based_fill_gives_what_each_record_dates_tell():
    deals = [DealFactory(**fields) for fields in RECORDS]
    bids = [BidFactory(deal=deals[0], **fields) for fields in BIDS]
    reviews = [ReviewFactory(deal=deals[0], **fields) for fields in REVIEWS]
    records = [*deals, *bids, *reviews]
    expected = [spans(r) for r in records]
    DealStatusPeriod.objects.all().delete()
    BidStatusPeriod.objects.all().delete()
    ReviewStatusPeriod.objects.all().delete()
    added = status_history.fill_all()
    assert added == {"deal": 10, "bid": 6, "review": 9}
    assert [spans(r) for r in records] == expected
    assert status_history.fill_all() == {"deal": 0, "bid": 0, "review": 0}  # runs again safely


def test_the_backfill_migration_froze_todays_fill():
    migration = importlib.import_module("articles.migrations.0023_status_periods_from_dates")
    assert {k: status_history.FILL_SQL[k] for k in ("deal", "bid")} == migration.FILL_SQL
    reviews = importlib.import_module("articles.migrations.0024_review_status_periods")
    # Since then, a review in depth is so from the start of its phase (0026).
    today = status_history.FILL_SQL["review"].replace("r.phase_started_on", "NULL")
    assert today == reviews.FILL_SQL


@pytest.mark.django_db
def test_a_review_keeps_its_status_history_in_step():
    review = ReviewFactory(opened_on=D(2022, 11, 1))
    assert spans(review) == [("under_review", D(2022, 11, 1), None, True)]
    review.status = Review.Status.PROHIBITED
    review.decided_on = D(2023, 4, 26)
    review.status_change = StatusChange(on=D(2023, 4, 26))
    review.save()
    assert spans(review) == [
        ("under_review", D(2022, 11, 1), D(2023, 4, 26), False),
        ("prohibited", D(2023, 4, 26), None, True),
    ]


@pytest.mark.django_db
def test_a_review_in_depth_is_so_from_the_start_of_its_phase():
    review = ReviewFactory(
        status=Review.Status.IN_DEPTH, opened_on=D(2022, 9, 30), phase_started_on=D(2022, 11, 8)
    )
    assert spans(review) == [
        ("under_review", D(2022, 9, 30), D(2022, 11, 8), False),
        ("in_depth", D(2022, 11, 8), None, True),
    ]


@pytest.mark.django_db
def test_a_decided_review_gets_its_periods_from_its_dates():
    review = ReviewFactory(
        status=Review.Status.CLEARED, opened_on=D(2022, 1, 3), decided_on=D(2022, 2, 7)
    )
    assert spans(review) == [
        ("under_review", D(2022, 1, 3), D(2022, 2, 7), False),
        ("cleared", D(2022, 2, 7), None, True),
    ]


@pytest.mark.django_db
def test_a_review_has_one_current_period():
    review = ReviewFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewStatusPeriod.objects.create(review=review, status="cleared", is_current=True)


@pytest.mark.django_db
def test_a_review_period_cannot_end_before_it_began():
    review = ReviewFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewStatusPeriod.objects.create(
            review=review,
            status="in_depth",
            started_on=D(2022, 5, 1),
            ended_on=D(2022, 4, 1),
            is_current=False,
        )


@pytest.mark.django_db
def test_the_demo_deal_carries_its_reported_history(demo):
    deal = Deal.objects.get(slug="tiktok-us-operations")
    assert spans(deal) == [
        ("announced", D(2020, 8, 6), D(2021, 2, 10), False),
        ("abandoned", D(2021, 2, 10), None, True),
    ]
    # Every demo deal, bid and review has its current period, with its status.
    for record in [*Deal.objects.all(), *Bid.objects.all(), *Review.objects.all()]:
        assert record.status_periods.get(is_current=True).status == record.status
