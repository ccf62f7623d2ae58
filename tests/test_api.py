"""The read API, /api/v1/ (issue 18): its lists and details, their filters
(the site's), pages, versions, CORS and rate limits."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.api import throttling
from articles.api.views import DealViewSet
from articles.models import Bid, Company, Deal
from tests.factories import (
    ArticleFactory,
    BidFactory,
    CompanyFactory,
    DeadlineFactory,
    DealFactory,
)

DEALS = "/api/v1/deals/"


def slugs(response) -> list[str]:
    return [row["slug"] for row in response.json()["results"]]


@pytest.mark.django_db
class TestDemo:
    @pytest.fixture(autouse=True)
    def _demo(self, demo):
        pass

    def test_deal_list_links_its_parties_by_url_and_slug(self, client):
        response = client.get(DEALS)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        tiktok = next(r for r in response.json()["results"] if r["slug"] == "tiktok-us-operations")
        assert tiktok["url"] == "http://testserver/api/v1/deals/tiktok-us-operations/"
        assert tiktok["target"] == {
            "url": "http://testserver/api/v1/companies/tiktok/",
            "slug": "tiktok",
            "name": "TikTok",
        }
        assert tiktok["type"] == "forced_sale"
        assert tiktok["page"] == "http://testserver/deals/tiktok-us-operations/"

    def test_deal_detail_embeds_its_bids_with_bidders_and_its_deadlines(self, client):
        deal = client.get(f"{DEALS}tiktok-us-operations/").json()
        bidders = [{b["slug"] for b in bid["bidders"]} for bid in deal["bids"]]
        assert {"microsoft", "walmart"} in bidders
        assert deal["deadlines"] and all("due_on" in d for d in deal["deadlines"])
        assert deal["bids"][0]["url"].startswith("http://testserver/api/v1/bids/")

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"buyer": "walmart"}, {"tiktok-us-operations"}),
            (
                {"buyer": "microsoft"},
                {"tiktok-us-operations", "microsoft-activision-blizzard", "microsoft-linkedin"},
            ),
            ({"company": "oracle"}, {"tiktok-us-operations"}),
        ],
    )
    def test_deal_filters_mean_what_they_mean_on_the_deal_list(self, client, query, expected):
        api = set(slugs(client.get(DEALS, query)))
        page = client.get(reverse("articles:deal_list"), query)
        assert api == expected == {deal.slug for deal in page.context["object_list"]}

    def test_a_refused_filter_is_a_400_naming_it_with_the_sites_message(self, client):
        response = client.get(DEALS, {"buyer": "no such company at all"})
        assert response.status_code == 400
        assert response.json() == {
            "buyer": ["No company that made a bid matches “no such company at all”."]
        }
        page = client.get(reverse("articles:deal_list"), {"buyer": "no such company at all"})
        assert (
            "No company that made a bid matches “no such company at all”." in page.content.decode()
        )

    def test_errors_follow_accept_language(self, client):
        response = client.get(DEALS, {"country": "zz"}, headers={"accept-language": "fr"})
        assert response.status_code == 400
        assert "accepted" not in response.json()["country"][0]
        assert response["Content-Language"] == "fr"

    @pytest.mark.parametrize(
        ("query", "name"),
        [
            ({"colour": "red"}, "colour"),
            ({"status": "bogus"}, "status"),
            ({"announced_after": "30/11/2026"}, "announced_after"),
            ({"page_size": "0"}, "page_size"),
            ({"page_size": "101"}, "page_size"),
            ({"total": "yes"}, "total"),
            ({"updated_since": "2026-11-30"}, "updated_since"),
            ({"sort": "-title"}, "sort"),
            ({"q": "x" * 201}, "q"),
        ],
    )
    def test_bad_parameters_are_refused_by_name(self, client, query, name):
        response = client.get(DEALS, query)
        assert response.status_code == 400
        assert list(response.json()) == [name]

    def test_a_parameter_given_twice_is_refused(self, client):
        response = client.get(f"{DEALS}?buyer=microsoft&buyer=walmart")
        assert response.status_code == 400
        assert list(response.json()) == ["buyer"]

    def test_several_statuses_mean_any_of_them(self, client):
        response = client.get(f"{DEALS}?status=completed&status=blocked")
        statuses = {row["status"] for row in response.json()["results"]}
        assert statuses and statuses <= {"completed", "blocked"}

    def test_other_lists_and_details_answer(self, client):
        for prefix in ("companies", "articles", "bids", "deadlines", "sources"):
            page = client.get(f"/api/v1/{prefix}/")
            assert page.status_code == 200, prefix
            first = page.json()["results"][0]
            assert client.get(first["url"]).status_code == 200, prefix

    def test_a_company_links_to_its_deals_bids_and_articles(self, client):
        company = client.get("/api/v1/companies/walmart/").json()
        deals = client.get(company["deals_url"]).json()["results"]
        assert [deal["slug"] for deal in deals] == ["tiktok-us-operations"]
        bids = client.get(company["bids_url"]).json()["results"]
        assert [bid["deal"]["slug"] for bid in bids] == ["tiktok-us-operations"]
        assert client.get(company["articles_url"]).status_code == 200

    def test_microsofts_bids(self, client):
        bids = client.get("/api/v1/bids/", {"bidder": "microsoft"}).json()["results"]
        assert {bid["deal"]["slug"] for bid in bids} == {
            "tiktok-us-operations",
            "microsoft-activision-blizzard",
            "microsoft-linkedin",
        }

    def test_deadlines_by_due_date(self, client):
        rows = client.get(
            "/api/v1/deadlines/", {"due_after": "2020-09-01", "due_before": "2020-09-30"}
        ).json()["results"]
        assert rows and all("2020-09-01" <= row["due_on"] <= "2020-09-30" for row in rows)

    def test_unknown_records_and_addresses_are_json_404s(self, client):
        for url in (
            f"{DEALS}nothing-here/",
            "/api/v1/bids/99999999/",
            "/api/v1/bids/abc/",
            "/api/v1/nothing/",
            f"{DEALS}a%2Fb/",
        ):
            response = client.get(url)
            assert response.status_code == 404, url
            assert "detail" in response.json(), url


@pytest.mark.django_db
class TestPages:
    def test_pages_follow_the_cursor_without_repeats_while_deals_are_added(self, client):
        target = CompanyFactory()
        for n in range(7):
            DealFactory(
                target=target, title=f"Deal {n}", announced_on=datetime.date(2020, 1, 1 + n)
            )
        DealFactory(target=target, title="Unannounced", announced_on=None)
        first = client.get(DEALS, {"page_size": 3}).json()
        seen = [row["title"] for row in first["results"]]
        # Added meanwhile, before and after the first page's position.
        DealFactory(target=target, title="Newest", announced_on=datetime.date(2021, 1, 1))
        DealFactory(target=target, title="Deal 0b", announced_on=datetime.date(2020, 1, 1))
        url = first["next"]
        while url:
            page = client.get(url).json()
            seen += [row["title"] for row in page["results"]]
            url = page["next"]
        assert seen == [
            "Deal 6",
            "Deal 5",
            "Deal 4",
            "Deal 3",
            "Deal 2",
            "Deal 1",
            "Deal 0",
            "Deal 0b",
            "Unannounced",
        ]

    @pytest.mark.postgres(reason="the tallies are kept by PostgreSQL's triggers")
    def test_the_count_is_given_where_a_tally_knows_it(self, client):
        DealFactory.create_batch(2, status=Deal.Status.COMPLETED, countries=["CA"])
        DealFactory(status=Deal.Status.ANNOUNCED, countries=["CA", "US"])
        assert client.get(DEALS).json()["count"] == 3
        assert client.get(DEALS, {"country": "ca", "status": "completed"}).json()["count"] == 2
        since = "2000-01-01T00:00:00Z"
        assert client.get(DEALS, {"updated_since": since}).json()["count"] is None

    def test_a_forged_cursor_is_a_404(self, client):
        assert client.get(DEALS, {"cursor": "abc"}).status_code == 404

    def test_a_cursor_of_another_order_is_a_404(self, client):
        target = CompanyFactory()
        DealFactory.create_batch(3, target=target)
        next_url = client.get(DEALS, {"page_size": 1}).json()["next"]
        assert client.get(next_url + "&sort=title").status_code == 404

    def test_the_count_is_given_on_request(self, client):
        DealFactory.create_batch(3)
        assert client.get(DEALS, {"company": Company.objects.first().slug}).json()["count"] is None
        assert client.get(DEALS, {"total": "true"}).json()["count"] == 3
        assert client.get("/api/v1/bids/", {"total": "true"}).json()["count"] == 0

    @pytest.mark.parametrize(
        "prefix", ["deals", "companies", "articles", "bids", "deadlines", "sources"]
    )
    def test_page_size_is_capped(self, client, prefix):
        assert client.get(f"/api/v1/{prefix}/", {"page_size": 100}).status_code == 200
        assert client.get(f"/api/v1/{prefix}/", {"page_size": 101}).status_code == 400


@pytest.mark.django_db
class TestChanges:
    def test_updated_since_lists_only_what_changed(self, client):
        old, recent = DealFactory(), DealFactory()
        Deal.objects.filter(pk=old.pk).update(
            updated_at=timezone.now() - datetime.timedelta(days=2)
        )
        since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
        assert slugs(client.get(DEALS, {"updated_since": since})) == [recent.slug]

    def test_updated_since_on_bids_and_deadlines(self, client):
        bid, deadline = BidFactory(), DeadlineFactory()
        later = (timezone.now() + datetime.timedelta(minutes=1)).isoformat()
        earlier = (timezone.now() - datetime.timedelta(minutes=1)).isoformat()
        for prefix, record in (("bids", bid), ("deadlines", deadline)):
            rows = client.get(f"/api/v1/{prefix}/", {"updated_since": earlier}).json()["results"]
            assert [row["id"] for row in rows] == [record.pk]
            assert (
                client.get(f"/api/v1/{prefix}/", {"updated_since": later}).json()["results"] == []
            )

    def test_deletions_since_a_time(self, client):
        kept, gone = CompanyFactory(), CompanyFactory(slug="gone-corp")
        before = timezone.now() - datetime.timedelta(seconds=1)
        gone_pk = gone.pk
        gone.delete()
        response = client.get("/api/v1/companies/deleted/", {"since": before.isoformat()})
        assert response.status_code == 200
        [row] = response.json()["results"]
        assert (row["id"], row["slug"]) == (gone_pk, "gone-corp")
        later = (timezone.now() + datetime.timedelta(seconds=1)).isoformat()
        assert client.get("/api/v1/companies/deleted/", {"since": later}).json()["results"] == []
        assert kept.pk != gone_pk

    def test_deleted_bids_are_listed_with_their_deal(self, client):
        bid = BidFactory()
        before = (timezone.now() - datetime.timedelta(seconds=1)).isoformat()
        bid_pk = bid.pk
        Bid.objects.filter(pk=bid_pk).first().delete()
        rows = client.get("/api/v1/bids/deleted/", {"since": before}).json()["results"]
        assert [(row["id"], row["slug"]) for row in rows] == [(bid_pk, None)]

    def test_since_is_required(self, client):
        response = client.get("/api/v1/deals/deleted/")
        assert response.status_code == 400
        assert list(response.json()) == ["since"]


@pytest.mark.django_db
class TestVersions:
    def test_a_client_with_the_current_version_gets_a_304(self, client):
        DealFactory()
        first = client.get(DEALS)
        etag = first["ETag"]
        assert etag and first["Last-Modified"]
        again = client.get(DEALS, headers={"if-none-match": etag})
        assert again.status_code == 304
        assert again.content == b""
        since = client.get(DEALS, headers={"if-modified-since": first["Last-Modified"]})
        assert since.status_code == 304

    def test_a_change_makes_a_new_version(self, client):
        deal = DealFactory()
        etag = client.get(f"{DEALS}{deal.slug}/")["ETag"]
        Deal.objects.filter(pk=deal.pk).update(title="Renamed")
        response = client.get(f"{DEALS}{deal.slug}/", headers={"if-none-match": etag})
        assert response.status_code == 200
        assert response.json()["title"] == "Renamed"
        assert response["ETag"] != etag

    def test_a_refused_request_has_no_version(self, client):
        etag = client.get(DEALS)["ETag"]
        response = client.get(DEALS, {"status": "x"}, headers={"if-none-match": etag})
        assert response.status_code == 400
        assert not response.has_header("ETag")


@pytest.mark.django_db
class TestCors:
    def test_any_origin_may_read(self, client):
        response = client.get(DEALS, headers={"origin": "https://news.example"})
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in response["Access-Control-Expose-Headers"]
        assert "Access-Control-Allow-Credentials" not in response

    def test_preflight_allows_get_only(self, client):
        response = client.options(
            DEALS,
            headers={"origin": "https://news.example", "access-control-request-method": "GET"},
        )
        assert response.status_code == 200
        methods = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
        assert methods == {"GET", "HEAD", "OPTIONS"}

    def test_writes_are_refused(self, client):
        assert client.post(DEALS, {}).status_code == 405
        assert client.delete(f"{DEALS}x/").status_code == 405

    def test_the_site_sends_no_cors_headers(self, client):
        response = client.get(
            reverse("articles:deal_list"), headers={"origin": "https://x.example"}
        )
        assert "Access-Control-Allow-Origin" not in response


@pytest.mark.django_db
class TestRateLimits:
    @pytest.fixture
    def clock(self, monkeypatch):
        """The throttles' clock, 20 s into a window, moved by hand."""
        now = [1_800_000_020.0]
        monkeypatch.setattr(throttling.time, "time", lambda: now[0])
        return now

    @pytest.fixture
    def rates(self, settings):
        def set_rates(burst, sustained):
            settings.REST_FRAMEWORK = {
                **settings.REST_FRAMEWORK,
                "DEFAULT_THROTTLE_RATES": {"api_burst": burst, "api_sustained": sustained},
            }

        return set_rates

    def test_a_burst_beyond_the_rate_is_a_429_with_retry_after(self, client, clock, rates):
        rates("3/minute", "100/hour")
        statuses = [client.get("/api/v1/sources/").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        refused = client.get("/api/v1/sources/", headers={"accept-language": "fr"})
        assert refused["Retry-After"] == "40"  # the window's 40 s left
        assert "Requête ralentie" in refused.json()["detail"]
        clock[0] += 40
        assert client.get("/api/v1/sources/").status_code == 200

    def test_the_sustained_rate_holds_after_the_bursts(self, client, clock, rates):
        rates("2/second", "5/hour")
        for _ in range(3):
            assert client.get("/api/v1/sources/").status_code == 200
            clock[0] += 1
        statuses = [client.get("/api/v1/sources/").status_code for _ in range(2)]
        assert statuses == [200, 200]
        clock[0] += 1
        refused = client.get("/api/v1/sources/")
        assert refused.status_code == 429
        assert int(refused["Retry-After"]) > 60 * 50

    def test_clients_are_counted_apart(self, client, clock, rates):
        rates("100/minute", "2/hour")
        for _ in range(2):
            client.get("/api/v1/sources/")
        assert client.get("/api/v1/sources/").status_code == 429
        other = client.get("/api/v1/sources/", REMOTE_ADDR="192.0.2.7")
        assert other.status_code == 200


@pytest.mark.django_db
def test_an_unknown_company_in_the_detail_is_a_404(client):
    assert client.get("/api/v1/companies/none/").status_code == 404
    assert Company.objects.count() == 0


@pytest.mark.django_db
class TestQueryCounts:
    """Each list reads a fixed number of queries, however long its page: the
    archive's version, the page, and one per kind of related record shown."""

    @pytest.fixture
    def archive(self):
        for _ in range(6):
            deal = DealFactory()
            BidFactory(deal=deal, bidders=[CompanyFactory(), CompanyFactory()])
            DeadlineFactory(deal=deal)
            ArticleFactory(deals=[deal], companies=[deal.target])

    @pytest.mark.parametrize(
        ("url", "queries"),
        [
            # The version, the page (with target and seller).
            (DEALS, 2),
            # The same, and the company named.
            (f"{DEALS}?company=__first_company__", 3),
            # The version, the page (with parents).
            ("/api/v1/companies/", 2),
            # The version, the page (with sources), its deals, its companies.
            ("/api/v1/articles/", 4),
            # The version, the page (with deals), the bidders, the sources.
            ("/api/v1/bids/", 4),
            # The version, the page (with deals), the sources.
            ("/api/v1/deadlines/", 3),
            # The version, the page.
            ("/api/v1/sources/", 2),
            # The version, the page of deletions.
            ("/api/v1/deals/deleted/?since=2000-01-01T00:00:00Z", 2),
        ],
    )
    def test_lists(self, client, archive, django_assert_num_queries, url, queries):
        url = url.replace("__first_company__", Company.objects.first().slug)
        if connection.vendor == "postgresql" and url in (DEALS, "/api/v1/articles/"):
            queries += 1  # the count, from its tally
        separator = "&" if "?" in url else "?"
        for size in (2, 5):
            cache.clear()  # the tally's count is kept until the archive changes
            with django_assert_num_queries(queries):
                response = client.get(f"{url}{separator}page_size={size}")
            assert response.status_code == 200
            assert response.json()["results"] or "deleted" in url

    def test_a_deal_in_full(self, client, archive, django_assert_num_queries):
        deal = Deal.objects.first()
        BidFactory.create_batch(3, deal=deal, bidders=[CompanyFactory()])
        # The deal (with target and seller), the version, its bids, their
        # bidders, its deadlines, its reviews (with their authorities).
        with django_assert_num_queries(6):
            response = client.get(f"{DEALS}{deal.slug}/")
        assert len(response.json()["bids"]) == 4

    def test_a_deal_embeds_its_first_bids_and_links_to_all(self, client, monkeypatch):
        monkeypatch.setattr(DealViewSet, "embedded", 2)
        deal = DealFactory()
        BidFactory.create_batch(3, deal=deal)
        DeadlineFactory(deal=deal)
        record = client.get(f"{DEALS}{deal.slug}/").json()
        assert (len(record["bids"]), record["bid_count"]) == (2, 3)
        assert (len(record["deadlines"]), record["deadline_count"]) == (1, 1)
        every_bid = client.get(record["bids_url"]).json()["results"]
        assert record["bids_url"] == f"http://testserver/api/v1/bids/?deal={deal.slug}"
        assert len(every_bid) == 3

    def test_a_first_page_and_a_record_are_kept_until_the_archive_changes(
        self, client, archive, django_assert_num_queries
    ):
        deal = Deal.objects.first()
        for url in (DEALS, f"{DEALS}{deal.slug}/", f"{DEALS}?company={deal.target.slug}"):
            first = client.get(url).json()
            with django_assert_num_queries(1):  # the version
                assert client.get(url).json() == first
        Deal.objects.filter(pk=deal.pk).update(title="Renamed")
        assert client.get(f"{DEALS}{deal.slug}/").json()["title"] == "Renamed"

    def test_a_304_reads_the_version_alone(self, client, archive, django_assert_num_queries):
        etag = client.get(DEALS)["ETag"]
        with django_assert_num_queries(1):
            assert client.get(DEALS, headers={"if-none-match": etag}).status_code == 304


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "heading", "question"),
    [
        ("/use-the-api/", "Use the API", "Microsoft's bids"),
        ("/fr/use-the-api/", "Utiliser l’API", "Les offres de Microsoft"),
    ],
)
def test_the_use_the_api_page_in_both_languages(client, path, heading, question):
    html = client.get(path).content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert question in html
    assert "http://testserver/api/v1/bids/?bidder=microsoft" in html
    month = timezone.localdate().strftime("%Y-%m")
    assert f"due_after={month}-01" in html
    assert 'href="/api/v1/docs/"' in html
