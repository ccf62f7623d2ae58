"""One address per question: a list's query string is made canonical before
anything else (articles.canonical), so that no URL makes a page larger than
its choices allow, nor a cache entry of its own."""

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from articles import freshness
from dealwatch.cache import BoundedLocMemCache
from tests.factories import BidFactory, CompanyFactory, DealFactory

URL = reverse("articles:deal_list")
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query, canonical",
    [
        # A submitted form sends every box, empty or not.
        (
            "q=&company=&status=completed&country=&sort=-announced",
            "status=completed&sort=-announced",
        ),
        ("status=completed&status=abandoned&status=completed", "status=abandoned&status=completed"),
        ("country=us&country=fr", "country=fr"),  # a filter given twice: its last value
        ("status=&type=", ""),
    ],
)
def test_a_list_redirects_to_its_canonical_address(client, query, canonical):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 302
    assert response["Location"] == (f"{URL}?{canonical}" if canonical else URL)


def test_the_canonical_address_is_served_without_redirect(client):
    assert client.get(URL, {"status": ["abandoned", "completed"]}).status_code == 200
    assert client.get(URL).status_code == 200


def test_values_that_are_no_choice_are_left_out_with_a_notice(client):
    DealFactory(title="Done deal", status="completed")
    DealFactory(title="Other deal", status="announced")
    response = client.get(URL, {"status": ["sold", "completed", "completed"], "type": "merger"})
    assert response["Location"] == f"{URL}?status=completed&type=merger&ignored=status"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Values that are not among the choices of Status were left out." in html
    assert [deal.title for deal in page.context["object_list"]] == []  # merger AND completed
    assert "ignored=" not in page.context["active_filters"][0]["remove_query"]


def test_a_query_of_repeated_values_makes_a_small_page(client):
    """3.7 KB of repeated status= and type= values made a 1 MB page."""
    DealFactory.create_batch(3)
    storm = "&".join(["status=completed&type=merger&status=x"] * 108)
    response = client.get(f"{URL}?{storm}", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"{URL}?status=completed&type=merger&ignored=status"
    assert len(response.content) < 100_000


def test_a_company_typed_by_name_becomes_its_slug_and_its_first_page(client):
    BidFactory(bidders=[CompanyFactory(name="Microsoft Corporation", slug="microsoft")])
    response = client.get(URL, {"buyer": "Microsoft Corporation", "page": "3", "utm_source": "n"})
    assert response["Location"] == f"{URL}?buyer=microsoft&utm_source=n"


def test_a_page_larger_than_the_bound_is_answered_but_not_kept(client, monkeypatch):
    DealFactory()
    monkeypatch.setattr(freshness, "MAX_KEPT_PAGE_BYTES", 1000)
    client.get(URL)
    again = client.get(URL)
    assert again.status_code == 200 and again.context is not None  # made again


def test_the_local_cache_is_bounded_by_bytes():
    with override_settings(
        CACHES={
            "bounded": {
                "BACKEND": "dealwatch.cache.BoundedLocMemCache",
                "LOCATION": "bounded-test",
                "OPTIONS": {"MAX_BYTES": 100_000, "MAX_ENTRIES": 10_000},
            }
        }
    ):
        cache = caches["bounded"]
        assert isinstance(cache, BoundedLocMemCache)
        for n in range(50):
            cache.set(f"page-{n}", b"x" * 10_000)
        assert cache.held_bytes() <= 100_000
        assert cache.get("page-49") is not None  # the newest stay
        assert cache.get("page-0") is None  # the oldest went first
        cache.clear()
