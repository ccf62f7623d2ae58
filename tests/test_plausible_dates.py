"""Every date a curator gives falls between 1900 and 2100 (issue 13, finding
10): a deadline due 9999-12-31 made every calendar answer 500, adding a day
to it. The database refuses such a date, the admin says why, migration 0014
moved those stored to the nearer bound, and calendars hold at the bounds."""

import datetime
import importlib
import pkgutil

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.urls import reverse
from icalendar import Calendar

import articles.migrations
from articles.models import EARLIEST_DATE, LATEST_DATE, Article, Bid, Deadline, Deal
from tests.admin_forms import form_data
from tests.factories import ArticleFactory, BidFactory, DeadlineFactory, DealFactory

pytestmark = pytest.mark.django_db

D = datetime.date
FACTORIES = {Deal: DealFactory, Bid: BidFactory, Deadline: DeadlineFactory, Article: ArticleFactory}
DATE_FIELDS = [
    (Deal, "announced_on"),
    (Deal, "closed_on"),
    (Bid, "submitted_on"),
    (Bid, "resolved_on"),
    (Deadline, "due_on"),
    (Article, "published_on"),
]


@pytest.mark.parametrize("model, field", DATE_FIELDS, ids=lambda v: getattr(v, "__name__", v))
@pytest.mark.parametrize("date", [D(9999, 12, 31), D(1, 1, 1)], ids=["9999", "0001"])
def test_the_database_refuses_an_implausible_date(model, field, date):
    record = FACTORIES[model]()
    with pytest.raises(IntegrityError), transaction.atomic():
        # Both dates of a pair move, so that only this rule can refuse it.
        pair = {"closed_on": "announced_on", "resolved_on": "submitted_on"}.get(field)
        model.objects.filter(pk=record.pk).update(**{field: date, **({pair: None} if pair else {})})


def test_the_deal_page_says_which_dates_it_takes(curator_client):
    deal = DealFactory(announced_on=D(2020, 8, 6))
    url = reverse("admin:articles_deal_change", args=[deal.pk])
    page = curator_client.get(url).content.decode()

    response = curator_client.post(url, form_data(page, announced_on="9999-12-31"))

    assert response.status_code == 200
    assert "Give a date between 1900 and 2100." in response.content.decode()
    deal.refresh_from_db()
    assert deal.announced_on == D(2020, 8, 6)


def test_a_deadline_at_the_last_plausible_day_is_saved_and_in_the_calendars(client, curator_client):
    deadline = DeadlineFactory(label="Long-stop", due_on=D(2030, 1, 1))
    url = reverse("admin:articles_deadline_change", args=[deadline.pk])
    page = curator_client.get(url).content.decode()
    refused = curator_client.post(url, form_data(page, due_on="2101-01-01"))
    assert "Give a date between 1900 and 2100." in refused.content.decode()
    saved = curator_client.post(url, form_data(page, due_on="2100-12-31"))
    assert saved.status_code == 302

    for address in [
        reverse("articles:calendar"),
        reverse("articles:calendar_deal", args=[deadline.deal.slug]),
    ]:
        response = client.get(address)
        assert response.status_code == 200
        (event,) = Calendar.from_ical(response.content).walk("VEVENT")
        assert event["DTSTART"].dt == D(2100, 12, 31)
        assert event["DTEND"].dt == D(2101, 1, 1)


def test_calendars_answer_even_for_a_date_stored_before_the_rule(client, unchecked):
    deadline = DeadlineFactory(label="Typo", due_on=D(2030, 1, 1))
    Deadline.objects.filter(pk=deadline.pk).update(due_on=D(9999, 12, 31))

    for address in [
        reverse("articles:calendar"),
        reverse("articles:calendar_deal", args=[deadline.deal.slug]),
        reverse("articles:calendar_company", args=[deadline.deal.target.slug]),
    ]:
        response = client.get(address)
        assert response.status_code == 200, address
        (event,) = Calendar.from_ical(response.content).walk("VEVENT")
        assert event["DTSTART"].dt == D(9999, 12, 31)
        assert "DTEND" not in event  # a one-day event, the day Python cannot pass


def _move_into_range():
    """The data migration's function, whatever number the migration has."""
    name = next(
        module.name
        for module in pkgutil.iter_modules(articles.migrations.__path__)
        if module.name.endswith("_plausible_dates")
    )
    return importlib.import_module(f"articles.migrations.{name}").move_into_range


def test_the_migration_moves_stored_dates_to_the_nearer_bound(unchecked):
    early = DealFactory(announced_on=D(2000, 1, 1), closed_on=D(2000, 2, 1))
    late = DealFactory(announced_on=D(2000, 1, 1), closed_on=D(2000, 2, 1))
    spanning = DealFactory(announced_on=D(2000, 1, 1), closed_on=D(2000, 2, 1))
    Deal.objects.filter(pk=early.pk).update(announced_on=D(1800, 1, 1), closed_on=D(1850, 1, 1))
    Deal.objects.filter(pk=late.pk).update(announced_on=D(9999, 1, 1), closed_on=D(9999, 12, 31))
    Deal.objects.filter(pk=spanning.pk).update(announced_on=D(1, 1, 1), closed_on=D(9999, 1, 1))
    deadline = DeadlineFactory()
    Deadline.objects.filter(pk=deadline.pk).update(due_on=D(9999, 12, 31))

    _move_into_range()(apps, None)

    def dates(deal):
        deal.refresh_from_db()
        return deal.announced_on, deal.closed_on

    assert dates(early) == (EARLIEST_DATE, EARLIEST_DATE)
    assert dates(late) == (LATEST_DATE, LATEST_DATE)
    assert dates(spanning) == (EARLIEST_DATE, LATEST_DATE)
    deadline.refresh_from_db()
    assert deadline.due_on == LATEST_DATE
