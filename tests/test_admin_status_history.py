"""The admin asks when a deal's, bid's or review's status changed (issue 16), and its
save closes one status period and opens the next."""

import datetime

import pytest
from django.urls import reverse

from articles.models import Bid, Deal, Review
from tests.admin_forms import form_data
from tests.factories import ArticleFactory, BidFactory, DealFactory, ReviewFactory

D = datetime.date


def spans(record):
    return [
        (p.status, p.started_on, p.ended_on, p.is_current)
        for p in record.status_periods.order_by("pk")
    ]


def deal_page(deal):
    return reverse("admin:articles_deal_change", args=[deal.pk])


def post_deal(client, deal, **changes):
    page = client.get(deal_page(deal)).content.decode()
    return client.post(deal_page(deal), form_data(page, **changes))


@pytest.mark.django_db
def test_changing_a_deals_status_asks_for_the_date(curator_client):
    deal = DealFactory(announced_on=D(2024, 1, 15))
    response = post_deal(curator_client, deal, status="abandoned")
    assert response.status_code == 200
    assert "The status changed: give the date it happened" in response.content.decode()
    deal.refresh_from_db()
    assert deal.status == "announced"
    assert len(spans(deal)) == 1


@pytest.mark.django_db
def test_the_date_and_source_given_close_one_period_and_open_the_next(curator_client):
    deal = DealFactory(announced_on=D(2024, 1, 15))
    article = ArticleFactory()
    article.deals.add(deal)
    response = post_deal(
        curator_client,
        deal,
        status="abandoned",
        status_changed_on="2024-05-02",
        status_source=str(article.pk),
    )
    assert response.status_code == 302
    assert spans(deal) == [
        ("announced", D(2024, 1, 15), D(2024, 5, 2), False),
        ("abandoned", D(2024, 5, 2), None, True),
    ]
    current = deal.status_periods.get(is_current=True)
    assert current.source == article
    assert current.history.count() == 1  # simple-history recorded it


@pytest.mark.django_db
def test_a_date_not_known_is_recorded_as_such(curator_client):
    deal = DealFactory(announced_on=D(2024, 1, 15))
    response = post_deal(curator_client, deal, status="completed", status_date_unknown="on")
    assert response.status_code == 302
    assert spans(deal)[-1] == ("completed", None, None, True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status_changed_on": "2023-01-01"}, "a change cannot come before it"),
        ({"status_changed_on": "2024-05-02", "status_date_unknown": "on"}, "not both"),
        ({"status_changed_on": "02/05/2024"}, "could be"),
    ],
)
def test_a_wrong_change_date_is_refused_with_a_message(curator_client, changes, message):
    deal = DealFactory(announced_on=D(2024, 1, 15))
    response = post_deal(curator_client, deal, status="abandoned", **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert len(spans(deal)) == 1


@pytest.mark.django_db
def test_a_bid_inline_asks_for_the_date_too(curator_client):
    bid = BidFactory(submitted_on=D(2024, 2, 1))
    deal = bid.deal
    page = curator_client.get(deal_page(deal)).content.decode()
    assert 'name="bids-0-status_changed_on"' in page
    data = form_data(page, **{"bids-0-status": "rejected"})
    response = curator_client.post(deal_page(deal), data)
    assert "The status changed: give the date it happened" in response.content.decode()
    data["bids-0-status_changed_on"] = "2024-03-01"
    response = curator_client.post(deal_page(deal), data)
    assert response.status_code == 302
    assert spans(Bid.objects.get(pk=bid.pk)) == [
        ("submitted", D(2024, 2, 1), D(2024, 3, 1), False),
        ("rejected", D(2024, 3, 1), None, True),
    ]


@pytest.mark.django_db
def test_a_bids_own_page_asks_for_the_date(curator_client):
    bid = BidFactory(submitted_on=D(2024, 2, 1))
    url = reverse("admin:articles_bid_change", args=[bid.pk])
    page = curator_client.get(url).content.decode()
    response = curator_client.post(url, form_data(page, status="withdrawn"))
    assert "The status changed: give the date it happened" in response.content.decode()
    response = curator_client.post(
        url, form_data(page, status="withdrawn", status_changed_on="4 March 2024")
    )
    assert response.status_code == 302
    assert spans(bid)[-1] == ("withdrawn", D(2024, 3, 4), None, True)


@pytest.mark.django_db
def test_a_new_deal_opens_its_first_period_from_the_admin(curator_client):
    target = DealFactory().target
    page = curator_client.get(reverse("admin:articles_deal_add")).content.decode()
    data = form_data(
        page,
        title="Fresh deal",
        slug="fresh-deal",
        target=str(target.pk),
        status="announced",
        announced_on="2024-06-01",
        deal_type="acquisition",
    )
    response = curator_client.post(reverse("admin:articles_deal_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert spans(Deal.objects.get(slug="fresh-deal")) == [("announced", D(2024, 6, 1), None, True)]


@pytest.mark.django_db
def test_a_reviews_own_page_asks_for_the_date(curator_client):
    review = ReviewFactory(opened_on=D(2022, 11, 1))
    url = reverse("admin:articles_review_change", args=[review.pk])
    page = curator_client.get(url).content.decode()
    changes = {"status": "prohibited", "decided_on": "2023-04-26"}
    response = curator_client.post(url, form_data(page, **changes))
    assert "The status changed: give the date it happened" in response.content.decode()
    response = curator_client.post(url, form_data(page, **changes, status_changed_on="2023-04-26"))
    assert response.status_code == 302
    assert spans(review) == [
        ("under_review", D(2022, 11, 1), D(2023, 4, 26), False),
        ("prohibited", D(2023, 4, 26), None, True),
    ]


@pytest.mark.django_db
def test_a_review_inline_asks_for_the_date_too(curator_client):
    review = ReviewFactory(opened_on=D(2022, 11, 1))
    deal = review.deal
    page = curator_client.get(deal_page(deal)).content.decode()
    assert 'name="reviews-0-status_changed_on"' in page
    data = form_data(page, **{"reviews-0-status": "in_depth"})
    response = curator_client.post(deal_page(deal), data)
    assert "The status changed: give the date it happened" in response.content.decode()
    data["reviews-0-status_date_unknown"] = "on"
    response = curator_client.post(deal_page(deal), data)
    assert response.status_code == 302
    assert spans(Review.objects.get(pk=review.pk)) == [
        ("under_review", D(2022, 11, 1), None, False),
        ("in_depth", None, None, True),
    ]
