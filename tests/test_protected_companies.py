"""A company that bid, or that an article mentions, cannot be deleted (issue
13, finding 6): deleting Walmart turned "Microsoft & Walmart (joint bid)"
into "Microsoft" on the public page and dropped its article mentions, with no
history. Like a target, it is protected, and the admin says what holds it."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from articles.models import Company
from tests.factories import ArticleFactory, BidFactory, CompanyFactory, DealFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def joint_bid(db):
    microsoft = CompanyFactory(name="Microsoft", slug="microsoft")
    walmart = CompanyFactory(name="Walmart", slug="walmart")
    deal = DealFactory(title="TikTok's US operations", slug="tiktok")
    bid = BidFactory(deal=deal, bidders=[microsoft, walmart])
    return deal, bid, walmart


def test_a_bidder_cannot_be_deleted(joint_bid):
    deal, bid, walmart = joint_bid
    deal.refresh_from_db()
    version = deal.updated_at

    with pytest.raises(ProtectedError) as refused:
        walmart.delete()

    assert refused.value.protected_objects == {bid}
    assert sorted(bid.bidders.values_list("name", flat=True)) == ["Microsoft", "Walmart"]
    deal.refresh_from_db()
    assert deal.updated_at == version


def test_a_company_an_article_mentions_cannot_be_deleted():
    mentioned = CompanyFactory(name="Oracle")
    article = ArticleFactory(companies=[mentioned])

    with pytest.raises(ProtectedError) as refused:
        Company.objects.filter(pk=mentioned.pk).delete()  # in bulk too

    assert refused.value.protected_objects == {article}
    assert list(article.companies.all()) == [mentioned]


def test_the_deal_page_keeps_both_bidders(client, joint_bid):
    deal, _bid, walmart = joint_bid
    with pytest.raises(ProtectedError):
        walmart.delete()
    page = client.get(deal.get_absolute_url()).content.decode()
    assert "Walmart" in page


def test_the_admin_lists_what_holds_the_company_and_deletes_nothing(curator_client, joint_bid):
    _deal, bid, walmart = joint_bid
    article = ArticleFactory(title="Walmart joins Microsoft", companies=[walmart])
    url = reverse("admin:articles_company_delete", args=[walmart.pk])

    page = curator_client.get(url)

    assert page.status_code == 200
    html = page.content.decode()
    assert "would require deleting the following protected related objects" in html
    assert reverse("admin:articles_bid_change", args=[bid.pk]) in html
    assert "Microsoft &amp; Walmart for TikTok&#x27;s US operations" in html
    assert reverse("admin:articles_article_change", args=[article.pk]) in html
    assert 'type="submit"' not in html.split('id="content"')[1]  # no "Yes, I'm sure"

    curator_client.post(url, {"post": "yes"})
    assert Company.objects.filter(pk=walmart.pk).exists()
    assert bid.bidders.count() == 2

    # Once out of the bid and the article, it can be deleted.
    bid.bidders.remove(walmart)
    article.companies.clear()
    assert curator_client.post(url, {"post": "yes"}).status_code == 302
    assert not Company.objects.filter(pk=walmart.pk).exists()


def test_the_admin_bulk_delete_is_refused_too(curator_client, joint_bid):
    _deal, bid, walmart = joint_bid
    response = curator_client.post(
        reverse("admin:articles_company_changelist"),
        {"action": "delete_selected", "_selected_action": [walmart.pk]},
    )
    assert response.status_code == 200
    assert reverse("admin:articles_bid_change", args=[bid.pk]) in response.content.decode()
    assert Company.objects.filter(pk=walmart.pk).exists()
