"""The small things a reader notices: the icon, the companies' deal counts."""

import pytest
from django.urls import reverse

from articles.models import Company, Deal
from tests.factories import BidFactory, CompanyFactory, DealFactory


@pytest.mark.django_db
def test_the_site_icon_answers_at_the_root_without_a_redirect(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    icon = b"".join(response.streaming_content)
    assert icon[:4] == b"\x00\x00\x01\x00"  # an ICO file, holding one image
    assert b"\x89PNG" in icon


@pytest.mark.django_db
def test_every_page_links_both_icons(client):
    html = client.get(reverse("articles:home")).content.decode()
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html
    assert 'type="image/svg+xml"' in html


@pytest.mark.django_db
class TestCompanyDealCounts:
    def test_each_company_counts_its_deals_in_any_role_once(self, client):
        acme = CompanyFactory(name="Acme")
        sold = DealFactory(seller=acme)
        BidFactory(deal=sold, bidders=[acme])  # seller and bidder: one deal
        BidFactory(deal=sold, bidders=[acme])  # a second bid on it: still one
        DealFactory(target=acme)
        BidFactory(bidders=[acme, CompanyFactory(name="Partner")])  # a joint bid
        CompanyFactory(name="Idle")
        response = client.get(reverse("articles:company_list"))
        html = response.content.decode()
        counts = {c.name: c.deal_count for c in response.context["object_list"]}
        assert counts["Acme"] == 3
        assert counts["Partner"] == 1
        assert "3 deals" in html and "0 deals" in html

    def test_the_counts_speak_french(self, client, demo):
        html = client.get("/fr/companies/").content.decode()
        assert "1 opération" in html


@pytest.mark.postgres(reason="the correlated count's SQL, as PostgreSQL reads it")
@pytest.mark.django_db
def test_the_deal_counts_run_on_postgresql(client, demo):
    response = client.get(reverse("articles:company_list"))
    counts = {c.slug: c.deal_count for c in response.context["object_list"]}
    # TikTok, Activision Blizzard and LinkedIn, each counted once.
    assert (
        counts["microsoft"]
        == Deal.objects.involving(Company.objects.get(slug="microsoft")).count()
        == 3
    )
