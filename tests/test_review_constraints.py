"""Authorities, reviews and clock stops: the database refuses what must never
be stored, on SQLite and PostgreSQL alike; full_clean() words it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from articles.models import Authority, Review, ReviewSuspension
from tests.factories import AuthorityFactory, DeadlineFactory, DealFactory, ReviewFactory
from tests.test_constraints import refused_by_database

pytestmark = pytest.mark.django_db

D = datetime.date


def test_a_review_cannot_be_decided_before_it_opened():
    with refused_by_database():
        ReviewFactory(
            opened_on=D(2024, 5, 1), status=Review.Status.CLEARED, decided_on=D(2024, 4, 1)
        )


def test_a_phase_cannot_start_before_the_review_opened():
    with refused_by_database():
        ReviewFactory(opened_on=D(2024, 5, 1), phase_started_on=D(2024, 4, 1))
    review = ReviewFactory.build(
        deal=DealFactory(),
        authority=AuthorityFactory(),
        opened_on=D(2024, 5, 1),
        phase_started_on=D(2024, 4, 1),
    )
    with pytest.raises(ValidationError) as error:
        review.full_clean()
    assert error.value.message_dict["phase_started_on"] == [
        "A phase cannot start before the review was opened."
    ]


def test_a_phase_cannot_start_after_the_decision():
    with refused_by_database():
        ReviewFactory(
            opened_on=D(2024, 1, 1),
            phase_started_on=D(2024, 6, 1),
            status=Review.Status.CLEARED,
            decided_on=D(2024, 5, 1),
        )


def test_a_decided_status_needs_a_decision_date():
    with refused_by_database():
        ReviewFactory(status=Review.Status.PROHIBITED, decided_on=None)


def test_an_open_review_has_no_decision_date():
    with refused_by_database():
        ReviewFactory(status=Review.Status.IN_DEPTH, decided_on=D(2024, 6, 1))


def test_a_bulk_update_cannot_decide_a_review_without_a_date():
    review = ReviewFactory()
    with refused_by_database():
        Review.objects.filter(pk=review.pk).update(status=Review.Status.CLEARED)


def test_a_review_decided_the_day_it_opened_is_stored():
    review = ReviewFactory(
        opened_on=D(2024, 5, 1), status=Review.Status.CLEARED, decided_on=D(2024, 5, 1)
    )
    assert Review.objects.get(pk=review.pk).decided_on == D(2024, 5, 1)


def test_a_case_reference_is_unique_per_authority():
    cma = AuthorityFactory()
    ReviewFactory(authority=cma, case_reference="ME/1234/22")
    ReviewFactory(authority=AuthorityFactory(), case_reference="ME/1234/22")  # another's: fine
    with refused_by_database():
        ReviewFactory(authority=cma, case_reference="ME/1234/22")


def test_reviews_without_a_case_reference_are_many():
    cma = AuthorityFactory()
    ReviewFactory(authority=cma, case_reference="")
    ReviewFactory(authority=cma, case_reference="")
    assert cma.reviews.count() == 2


def test_a_review_status_must_be_a_choice():
    with refused_by_database():
        ReviewFactory(status="pending_forever")


def test_a_jurisdiction_is_two_capital_letters():
    with refused_by_database():
        AuthorityFactory(jurisdiction="eu")


def test_an_authority_kind_must_be_a_choice():
    with refused_by_database():
        AuthorityFactory(kind="oracle")


def test_an_authority_cannot_be_part_of_itself():
    authority = AuthorityFactory()
    with refused_by_database():
        Authority.objects.filter(pk=authority.pk).update(parent=authority)


def test_an_authority_with_reviews_cannot_be_deleted():
    review = ReviewFactory()
    with pytest.raises(Exception, match="protected"):
        review.authority.delete()


def test_a_clock_cannot_restart_before_it_stopped():
    review = ReviewFactory()
    with refused_by_database():
        ReviewSuspension.objects.create(
            review=review, stopped_on=D(2024, 3, 10), restarted_on=D(2024, 3, 1)
        )


def test_a_clock_stop_gives_the_pair_the_timetables_take():
    stop = ReviewSuspension.objects.create(review=ReviewFactory(), stopped_on=D(2024, 3, 1))
    assert stop.as_pair() == (D(2024, 3, 1), None)


def test_full_clean_explains_a_missing_decision_date():
    review = ReviewFactory.build(
        deal=DealFactory(), authority=AuthorityFactory(), status=Review.Status.CLEARED
    )
    with pytest.raises(ValidationError) as error:
        review.full_clean()
    assert error.value.message_dict["decided_on"] == ["Give the date of the decision."]


def test_full_clean_refuses_a_jurisdiction_that_is_neither_country_nor_region():
    authority = AuthorityFactory.build(jurisdiction="XX")
    with pytest.raises(ValidationError) as error:
        authority.full_clean()
    assert "jurisdiction" in error.value.message_dict


def test_the_european_union_is_a_jurisdiction():
    authority = AuthorityFactory.build(jurisdiction="EU")
    authority.full_clean()
    assert authority.get_jurisdiction_display() == "European Union"


def test_a_deadline_may_only_point_to_a_review_of_its_own_deal():
    review = ReviewFactory()
    deadline = DeadlineFactory.build(deal=DealFactory(), review=review)
    with pytest.raises(ValidationError) as error:
        deadline.full_clean()
    assert "review" in error.value.message_dict


def test_deleting_a_review_keeps_its_deadlines():
    review = ReviewFactory()
    deadline = DeadlineFactory(deal=review.deal, review=review, authority=review.authority)
    review.delete()
    deadline.refresh_from_db()
    assert deadline.review is None
    assert deadline.authority == review.authority
