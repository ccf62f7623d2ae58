"""A filter value that names nothing gives an empty list with the reason
and the nearest names, never the unfiltered list; a box for one role only
knows the companies that hold it; countries are chosen by name."""

import pytest
from django.urls import reverse

from articles.models import Company
from tests.factories import BidFactory, CompanyFactory, DealFactory

DEALS = reverse("articles:deal_list")


def titles(response):
    return [deal.title for deal in response.context["object_list"]]


@pytest.mark.django_db
class TestNothingMatches:
    def test_an_unknown_buyer_lists_nothing_and_says_why(self, client, demo):
        response = client.get(DEALS, {"buyer": "zzz"})
        assert titles(response) == []
        assert response.context["paginator"].count == 0
        html = response.content.decode()
        assert "Nothing is listed: a filter names nothing in the archive." in html
        assert "No company that made a bid matches “zzz”." in html
        assert "No deal matches these filters." in html
        assert "/export/deals.csv?buyer=zzz" not in html  # it would only answer 400

    def test_a_misspelt_name_offers_the_nearest_ones_as_links(self, client, demo):
        html = client.get(DEALS, {"buyer": "microsft", "status": "completed"}).content.decode()
        link = '<a href="?buyer=microsoft&amp;status=completed">Microsoft</a>'
        assert f"Nearest names: {link}" in html

    def test_a_company_that_never_bid_is_no_buyer(self, client, demo):
        response = client.get(DEALS, {"buyer": "tiktok"})
        assert titles(response) == []
        assert titles(client.get(DEALS, {"target": "tiktok"})) == [
            "Forced sale of TikTok's US operations"
        ]

    def test_the_facets_count_nothing_either(self, client, demo):
        response = client.get(DEALS, {"seller": "zzz"})
        facets = response.context["facets"]
        assert all(choice["count"] == 0 for choice in facets["status"])

    def test_other_lists_list_nothing_too(self, client, demo):
        companies = client.get(reverse("articles:company_list"), {"country": "Atlantis"})
        assert list(companies.context["object_list"]) == []
        assert "No country is called “Atlantis”" in companies.content.decode()
        deadlines = client.get(reverse("articles:deadline_list"), {"company": "zzz"})
        assert all(not s["page"].paginator.count for s in deadlines.context["sections"])
        articles = client.get(reverse("articles:article_list"), {"source": "zzz"})
        assert list(articles.context["object_list"]) == []

    @pytest.mark.parametrize(
        "name, params",
        [
            ("articles:export_deals_csv", {"buyer": "zzz"}),
            ("articles:export_deals_json", {"buyer": "tiktok"}),
            ("articles:feed_deals", {"seller": "zzz"}),
            ("articles:calendar", {"company": "zzz"}),
            ("articles:calendar", {"country": "Atlantis"}),
        ],
    )
    def test_programs_get_the_400_of_any_bad_parameter(self, client, demo, name, params):
        response = client.get(reverse(name), params)
        assert response.status_code == 400
        assert "Some parameters are not valid:" in response.content.decode()

    def test_a_bad_date_is_still_only_ignored(self, client, demo):
        response = client.get(DEALS, {"announced_after": "2020-13-45", "buyer": "walmart"})
        assert titles(response) == ["Forced sale of TikTok's US operations"]
        assert "Some filters could not be applied:" in response.content.decode()


@pytest.mark.django_db
class TestRolePickers:
    def test_the_buyer_box_suggests_only_companies_that_bid(self, client):
        bidder = CompanyFactory(name="Orbital Bidder")
        CompanyFactory(name="Orbital Target")
        BidFactory(bidders=[bidder])
        url = reverse("articles:company_suggestions")
        names = lambda data: [c["name"] for c in data["results"]]  # noqa: E731
        assert names(client.get(url, {"q": "orbital", "role": "buyer"}).json()) == [
            "Orbital Bidder"
        ]
        assert len(names(client.get(url, {"q": "orbital"}).json())) == 2

    def test_the_suggestions_refuse_an_unknown_role(self, client):
        url = reverse("articles:company_suggestions")
        assert client.get(url, {"q": "or", "role": "owner"}).status_code == 400

    def test_did_you_mean_names_only_companies_in_that_role(self, client):
        for name in ("Acme Steel", "Acme Foods"):
            DealFactory(seller=CompanyFactory(name=name))
        BidFactory(bidders=[CompanyFactory(name="Acme Bidder", slug="acme-bidder")])
        response = client.get(DEALS, {"seller": "acme"})
        choices = response.context["ambiguous"][0]["choices"]
        assert {choice["company"].name for choice in choices} == {"Acme Steel", "Acme Foods"}
        # One buyer matches: it is picked at once.
        assert client.get(DEALS, {"buyer": "acme"})["Location"] == f"{DEALS}?buyer=acme-bidder"

    def test_each_role_box_tells_the_script_its_role(self, client):
        html = client.get(DEALS).content.decode()
        for role in ("buyer", "seller", "target"):
            assert f'data-role="{role}"' in html


@pytest.mark.django_db
class TestCountriesByName:
    @pytest.mark.parametrize("name", ["company_list", "deadline_list"])
    def test_a_list_of_country_names_in_the_pages_language(self, client, name):
        html = client.get(reverse(f"articles:{name}"), {"country": "us"}).content.decode()
        assert '<select name="country"' in html
        assert '<option value="US" selected>United States of America</option>' in html
        assert "Country code" not in html
        french = client.get("/fr" + reverse(f"articles:{name}")).content.decode()
        assert '<option value="DE">Allemagne</option>' in french

    @pytest.mark.parametrize("typed", ["United States", "USA", "united states of america"])
    def test_a_typed_name_becomes_the_code(self, client, typed):
        response = client.get(reverse("articles:company_list"), {"country": typed})
        assert response["Location"] == f"{reverse('articles:company_list')}?country=US"

    def test_a_french_name_on_a_french_page(self, client):
        response = client.get("/fr/companies/", {"country": "Allemagne"})
        assert response["Location"] == "/fr/companies/?country=DE"

    def test_codes_in_urls_still_work(self, client, demo):
        response = client.get(reverse("articles:company_list"), {"country": "jp"})
        names = [c.name for c in response.context["object_list"]]
        assert "SoftBank Group" in names
        assert names == list(
            Company.objects.filter(country="JP").order_by("name").values_list("name", flat=True)
        )


@pytest.mark.django_db
def test_no_link_ends_in_a_bare_question_mark(client, demo):
    for name in ("deal_list", "deadline_list", "company_list", "article_list"):
        html = client.get(reverse(f"articles:{name}")).content.decode()
        assert '?"' not in html, name


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sent, clean",
    [
        ("/search/?q=", "/search/"),
        ("/search/?q=+&utm_source=x", "/search/?utm_source=x"),
        ("/fr/search/?q=", "/fr/search/"),
        ("/deals/?q=&company=&buyer=&status=completed&sort=", "/deals/?status=completed"),
        ("/companies/?q=&country=", "/companies/"),
        ("/deadlines/?company=&country=&kind=", "/deadlines/"),
        ("/articles/?source=&language=&company=", "/articles/"),
    ],
)
def test_empty_parameters_redirect_to_the_clean_address(client, sent, clean):
    response = client.get(sent)
    assert response.status_code == 302
    assert response["Location"] == clean
