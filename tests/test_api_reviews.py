"""The read API's authorities and reviews (issue 18, over issue 16's
records): their lists, filters and details, a deal's reviews embedded, the
deal list's review filters, and what each reads."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Authority, Review
from tests.factories import ArticleFactory, AuthorityFactory, DealFactory, ReviewFactory

AUTHORITIES = "/api/v1/authorities/"
REVIEWS = "/api/v1/reviews/"


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def reviews():
    cma = AuthorityFactory(slug="cma", name="Competition and Markets Authority", short_name="CMA")
    commission = AuthorityFactory(
        slug="dg-comp", name="European Commission", short_name="DG COMP", jurisdiction="EU"
    )
    cfius = AuthorityFactory(
        slug="cfius",
        name="CFIUS",
        short_name="",
        jurisdiction="US",
        kind=Authority.Kind.FOREIGN_INVESTMENT,
    )
    merger, takeover = DealFactory(slug="merger"), DealFactory(slug="takeover")
    return {
        "cleared": ReviewFactory(
            deal=merger,
            authority=cma,
            status=Review.Status.CLEARED,
            opened_on=datetime.date(2024, 1, 10),
            decided_on=datetime.date(2024, 3, 1),
        ),
        "in_depth": ReviewFactory(
            deal=merger,
            authority=commission,
            status=Review.Status.IN_DEPTH,
            phase=Review.Phase.PHASE_2,
            opened_on=datetime.date(2024, 2, 1),
        ),
        "screening": ReviewFactory(
            deal=takeover,
            authority=cfius,
            kind=Review.Kind.FOREIGN_INVESTMENT,
            opened_on=datetime.date(2024, 5, 1),
        ),
    }


def ids(response) -> set[int]:
    return {row["id"] for row in results(response)}


@pytest.mark.django_db
class TestAuthorities:
    def test_list_and_detail_link_to_their_reviews(self, client, reviews):
        rows = results(client.get(AUTHORITIES))
        assert [row["slug"] for row in rows] == ["cfius", "cma", "dg-comp"]  # by name
        cma = client.get(f"{AUTHORITIES}cma/").json()
        assert cma["url"] == "http://testserver/api/v1/authorities/cma/"
        assert cma["jurisdiction"] == "GB"
        assert cma["page"] == "http://testserver/authorities/cma/"
        assert cma["reviews_url"] == "http://testserver/api/v1/reviews/?authority=cma"
        assert ids(client.get(cma["reviews_url"])) == {reviews["cleared"].pk}
        assert [d["slug"] for d in results(client.get(cma["deals_url"]))] == ["merger"]

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"jurisdiction": "eu"}, ["dg-comp"]),
            ({"kind": "foreign_investment"}, ["cfius"]),
        ],
    )
    def test_filters_are_the_authorities_pages(self, client, reviews, query, expected):
        assert [row["slug"] for row in results(client.get(AUTHORITIES, query))] == expected

    def test_a_bad_filter_is_a_400_naming_it(self, client, reviews):
        response = client.get(AUTHORITIES, {"jurisdiction": "XX"})
        assert response.status_code == 400
        assert list(response.json()) == ["jurisdiction"]

    def test_an_unknown_authority_is_a_404(self, client, reviews):
        assert client.get(f"{AUTHORITIES}nobody/").status_code == 404


@pytest.mark.django_db
class TestReviews:
    def test_a_review_links_its_deal_authority_and_sources(self, client, reviews):
        review = reviews["cleared"]
        article = ArticleFactory()
        review.sources.add(article)
        record = client.get(f"{REVIEWS}{review.pk}/").json()
        assert record["url"] == f"http://testserver/api/v1/reviews/{review.pk}/"
        assert record["deal"]["url"] == "http://testserver/api/v1/deals/merger/"
        assert record["authority"]["url"] == "http://testserver/api/v1/authorities/cma/"
        assert (record["status"], record["decided_on"]) == ("cleared", "2024-03-01")
        assert [s["slug"] for s in record["sources"]] == [article.slug]

    def test_the_list_runs_from_the_earliest_opened(self, client, reviews):
        rows = results(client.get(REVIEWS))
        assert [row["id"] for row in rows] == [
            reviews[name].pk for name in ("cleared", "in_depth", "screening")
        ]

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"deal": "merger"}, {"cleared", "in_depth"}),
            ({"authority": "cfius"}, {"screening"}),
            ({"jurisdiction": "gb"}, {"cleared"}),
            ({"status": ["in_depth", "under_review"]}, {"in_depth", "screening"}),
            ({"kind": "foreign_investment"}, {"screening"}),
            ({"phase": "phase_2"}, {"in_depth"}),
            ({"opened_after": "2024-02-01"}, {"in_depth", "screening"}),
            ({"opened_before": "2024-01-31"}, {"cleared"}),
            ({"decided_after": "2024-03-01", "decided_before": "2024-03-01"}, {"cleared"}),
        ],
    )
    def test_filters(self, client, reviews, query, expected):
        assert ids(client.get(REVIEWS, query)) == {reviews[name].pk for name in expected}

    @pytest.mark.parametrize(
        "query",
        [
            {"status": "pending"},
            {"opened_after": "yesterday"},
            {"authority": "nobody"},
            {"jurisdiction": "XX"},
            {"unknown": "1"},
        ],
    )
    def test_a_bad_parameter_is_a_400_naming_it(self, client, reviews, query):
        response = client.get(REVIEWS, query)
        assert response.status_code == 400
        assert list(response.json()) == list(query)

    def test_updated_since_lists_what_changed(self, client, reviews):
        since = timezone.now()
        reviews["screening"].save()
        reviews["screening"].authority.save()
        query = {"updated_since": since.isoformat()}
        assert ids(client.get(REVIEWS, query)) == {reviews["screening"].pk}
        assert [row["slug"] for row in results(client.get(AUTHORITIES, query))] == ["cfius"]

    def test_a_deleted_review_is_listed_with_its_id(self, client, reviews):
        pk = reviews["in_depth"].pk
        reviews["in_depth"].delete()
        deleted = results(client.get(f"{REVIEWS}deleted/", {"since": "2000-01-01T00:00:00Z"}))
        assert [(row["id"], row["slug"]) for row in deleted] == [(pk, None)]
        assert client.get(f"{REVIEWS}{pk}/").status_code == 404

    def test_a_client_with_the_current_version_gets_a_304(self, client, reviews):
        etag = client.get(REVIEWS)["ETag"]
        assert client.get(REVIEWS, headers={"if-none-match": etag}).status_code == 304
        ReviewFactory()
        assert client.get(REVIEWS, headers={"if-none-match": etag}).status_code == 200


@pytest.mark.django_db
class TestDeals:
    def test_a_deals_detail_embeds_its_reviews_with_their_authority(self, client, reviews):
        deal = client.get("/api/v1/deals/merger/").json()
        assert deal["review_count"] == 2
        assert [(r["authority"]["slug"], r["status"]) for r in deal["reviews"]] == [
            ("cma", "cleared"),
            ("dg-comp", "in_depth"),
        ]
        assert deal["reviews_url"] == "http://testserver/api/v1/reviews/?deal=merger"
        assert len(results(client.get(deal["reviews_url"]))) == 2

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"authority": "cfius"}, ["takeover"]),
            ({"review": "in_depth"}, ["merger"]),
            ({"jurisdiction": "eu"}, ["merger"]),
        ],
    )
    def test_the_deal_list_filters_by_review(self, client, reviews, query, expected):
        assert [row["slug"] for row in results(client.get("/api/v1/deals/", query))] == expected

    def test_a_bad_jurisdiction_is_a_400_naming_it(self, client, reviews):
        response = client.get("/api/v1/deals/", {"jurisdiction": "XX"})
        assert response.status_code == 400
        assert list(response.json()) == ["jurisdiction"]


@pytest.mark.django_db
class TestQueryCounts:
    @pytest.fixture
    def archive(self):
        for number in range(6):
            parent = AuthorityFactory()
            review = ReviewFactory(authority=AuthorityFactory(parent=parent))
            review.sources.add(ArticleFactory())
            ReviewFactory(deal=review.deal, opened_on=datetime.date(2024, 1, number + 1))

    @pytest.mark.parametrize(
        ("url", "queries"),
        [
            # The version, the page (with parents).
            (AUTHORITIES, 2),
            # The version, the page (with deals and authorities), the sources.
            (REVIEWS, 3),
            # The same, and the authority named.
            (f"{REVIEWS}?authority=__authority__", 4),
        ],
    )
    def test_lists(self, client, archive, django_assert_num_queries, url, queries):
        url = url.replace("__authority__", Review.objects.first().authority.slug)
        separator = "&" if "?" in url else "?"
        for size in (2, 5):
            cache.clear()
            with django_assert_num_queries(queries):
                response = client.get(f"{url}{separator}page_size={size}")
            assert len(response.json()["results"]) in (1, size)

    def test_a_deal_in_full(self, client, archive, django_assert_num_queries):
        deal = Review.objects.first().deal
        # The deal, the version, its bids (none: no bidders read), its
        # deadlines, its reviews (with their authorities).
        with django_assert_num_queries(5):
            response = client.get(f"/api/v1/deals/{deal.slug}/")
        assert len(response.json()["reviews"]) == 2
