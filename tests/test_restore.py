"""Restoring a past version from the admin's history brings all of it back
(issue 13, finding 7): its many-to-many links (a bid's bidders and sources,
a deadline's sources, an article's deals and companies), a deleted bid with
its bidders, and a deleted deal with the bids, deadlines and article links
deleted with it."""

import pytest
from django.urls import reverse

from articles.models import Bid, Deadline, Deal
from tests.admin_forms import form_data
from tests.factories import (
    ArticleFactory,
    BidFactory,
    CompanyFactory,
    DeadlineFactory,
    DealFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(curator, client):
    """conftest's curator, logged in on the test client."""
    client.force_login(curator)
    return curator


def restore(client, record):
    """Open the restore page of a past version and save it as it is shown."""
    opts = record.instance_type._meta
    url = reverse(f"admin:articles_{opts.model_name}_simple_history", args=[record.id, record.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, form_data(page.content.decode()))
    assert response.status_code == 302, response.context["errors"]
    return page.content.decode()


def names(companies) -> list[str]:
    return sorted(company.name for company in companies.all())


def test_a_bids_bidders_and_sources_come_back(client, curator):
    microsoft, walmart = CompanyFactory(name="Microsoft"), CompanyFactory(name="Walmart")
    oracle = CompanyFactory(name="Oracle")
    report = ArticleFactory(title="Microsoft and Walmart bid")
    bid = BidFactory(bidders=[microsoft, walmart])
    bid.sources.set([report])
    joint = bid.history.first()
    bid.bidders.set([oracle])
    bid.sources.clear()

    restore(client, joint)

    assert names(bid.bidders) == ["Microsoft", "Walmart"]
    assert list(bid.sources.all()) == [report]
    assert bid.history.first().history_user == curator


def test_a_deadlines_sources_come_back(client, curator):
    order = ArticleFactory(title="The order")
    deadline = DeadlineFactory()
    deadline.sources.set([order])
    sourced = deadline.history.first()
    deadline.sources.clear()

    restore(client, sourced)

    assert list(deadline.sources.all()) == [order]


def test_an_articles_deals_and_companies_come_back(client, curator):
    deal, other = DealFactory(), DealFactory()
    tiktok, oracle = CompanyFactory(name="TikTok"), CompanyFactory(name="Oracle")
    article = ArticleFactory(deals=[deal], companies=[tiktok, oracle])
    reported = article.history.first()
    article.deals.set([other])
    article.companies.clear()

    restore(client, reported)

    assert list(article.deals.all()) == [deal]
    assert names(article.companies) == ["Oracle", "TikTok"]


def test_a_deleted_bid_comes_back_with_its_bidders(client, curator):
    microsoft, walmart = CompanyFactory(name="Microsoft"), CompanyFactory(name="Walmart")
    report = ArticleFactory()
    bid = BidFactory(bidders=[microsoft, walmart], note="Joint bid")
    bid.sources.set([report])
    pk = bid.pk
    bid.delete()

    restore(client, Bid.history.get(id=pk, history_type="-"))

    restored = Bid.objects.get(pk=pk)
    assert restored.note == "Joint bid"
    assert names(restored.bidders) == ["Microsoft", "Walmart"]
    assert list(restored.sources.all()) == [report]


@pytest.fixture
def deleted_deal(db):
    """A deal with a joint bid, a deadline that slipped to another, an
    article reporting on it, and a bid deleted on its own before the deal."""
    microsoft, walmart = CompanyFactory(name="Microsoft"), CompanyFactory(name="Walmart")
    deal = DealFactory(title="TikTok's US operations", slug="tiktok")
    report = ArticleFactory(title="Microsoft and Walmart join forces", deals=[deal])
    joint = BidFactory(deal=deal, bidders=[microsoft, walmart], note="Joint bid")
    joint.sources.set([report])
    BidFactory(deal=deal, bidders=[CompanyFactory(name="Oracle")], note="Oracle's bid")
    later = DeadlineFactory(deal=deal, label="20 September")
    DeadlineFactory(
        deal=deal, label="15 September", status=Deadline.Status.EXTENDED, extended_to=later
    )
    withdrawn = BidFactory(deal=deal, note="Withdrawn, deleted on its own")
    withdrawn.delete()
    pk = deal.pk
    deal.delete()
    assert not Bid.objects.exists() and not report.deals.exists()
    return pk, report


def test_a_deleted_deal_offers_what_was_deleted_with_it(client, curator, deleted_deal):
    pk, report = deleted_deal
    report.refresh_from_db()
    opened = report.updated_at

    page = restore(client, Deal.history.get(id=pk, history_type="-"))

    assert "Also restore what was deleted with it" in page
    assert "2 bids, 2 deadlines, its mention in 1 article" in page
    deal = Deal.objects.get(pk=pk)
    assert sorted(deal.bids.values_list("note", flat=True)) == ["Joint bid", "Oracle's bid"]
    joint = deal.bids.get(note="Joint bid")
    assert names(joint.bidders) == ["Microsoft", "Walmart"]
    assert list(joint.sources.all()) == [report]
    slipped = deal.deadlines.get(label="15 September")
    assert slipped.extended_to == deal.deadlines.get(label="20 September")
    assert list(report.deals.all()) == [deal]
    report.refresh_from_db()
    assert report.updated_at > opened  # its page, opened before, must not save over it
    # Every restored record has a version of its own, by the curator.
    assert joint.history.first().history_user == curator
    # The public page shows it whole again.
    public = client.get(deal.get_absolute_url()).content.decode()
    assert "(joint bid)" in public and "Microsoft and Walmart join forces" in public


def test_a_deleted_deal_may_come_back_alone(client, curator, deleted_deal):
    pk, report = deleted_deal
    url = reverse("admin:articles_deal_simple_history", args=[pk, Deal.history.get(
        id=pk, history_type="-").pk])  # fmt: skip
    data = form_data(client.get(url).content.decode())
    data.pop("restore_parts")  # unticked

    assert client.post(url, data).status_code == 302

    assert Deal.objects.filter(pk=pk).exists()
    assert not Bid.objects.exists() and not Deadline.objects.exists()
    assert not report.deals.exists()
    # Back, the deal's versions no longer offer them.
    assert "restore_parts" not in client.get(url).content.decode()
