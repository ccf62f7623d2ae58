import datetime
import re
from html import unescape
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Bid, Deadline, Deal
from tests.factories import BidFactory, CompanyFactory, DeadlineFactory, DealFactory

URL = reverse("articles:deal_list")


def titles(response):
    return [deal.title for deal in response.context["object_list"]]


@pytest.mark.django_db
class TestDemoFilters:
    @pytest.fixture(autouse=True)
    def _demo(self, demo):
        pass

    def test_lists_every_deal_with_its_parties(self, client):
        response = client.get(URL)
        assert response.status_code == 200
        # The first page of 25, of every deal in the archive.
        assert len(titles(response)) == 25
        assert response.context["page_obj"].paginator.count == Deal.objects.count()
        html = response.content.decode()
        assert "Forced sale of TikTok's US operations" in unescape(html)
        assert "{#" not in html and "{%" not in html  # no template syntax leaks
        # Bidders of the joint bid link to the buyer filter.
        assert f'href="{URL}?buyer=microsoft"' in html
        assert f'href="{URL}?buyer=walmart"' in html

    def test_buyer_filter_includes_joint_bids(self, client):
        response = client.get(URL, {"buyer": "walmart"})
        assert titles(response) == ["Forced sale of TikTok's US operations"]

    def test_buyer_filter_finds_every_deal_the_company_bid_on(self, client):
        response = client.get(URL, {"buyer": "microsoft"})
        assert set(titles(response)) == {
            "Forced sale of TikTok's US operations",
            "Microsoft acquires Activision Blizzard",
            "Microsoft acquires LinkedIn",
        }

    def test_company_filter_covers_every_role(self, client):
        assert titles(client.get(URL, {"company": "bytedance"})) == [
            "Forced sale of TikTok's US operations"
        ]
        assert titles(client.get(URL, {"company": "tiktok"})) == [
            "Forced sale of TikTok's US operations"
        ]
        assert titles(client.get(URL, {"company": "oracle"})) == [
            "Forced sale of TikTok's US operations"
        ]

    def test_seller_and_target_filters(self, client):
        assert titles(client.get(URL, {"seller": "softbank-group"})) == [
            "Nvidia's purchase of Arm from SoftBank"
        ]
        assert titles(client.get(URL, {"target": "qualcomm"})) == [
            "Broadcom's hostile bid for Qualcomm"
        ]

    @pytest.mark.parametrize("code", ["CA", "ca", " Ca "])
    def test_country_filter_is_case_insensitive(self, client, code):
        assert titles(client.get(URL, {"country": code})) == [
            "Couche-Tard's approach to Carrefour",
            "Forced sale of TikTok's US operations",
            "Alstom acquires Bombardier Transportation",
        ]

    def test_status_is_repeatable(self, client):
        response = client.get(URL, {"status": ["blocked", "in_talks"]})
        assert set(titles(response)) == {
            "Broadcom's hostile bid for Qualcomm",
            "Kroger's merger with Albertsons",
            "Merger of Siemens's rail business with Alstom",
            "Thyssenkrupp and Tata Steel's European steel joint venture",
            "Merger of Deutsche Börse and the London Stock Exchange",
            "The contest for Spirit Airlines: Frontier, then JetBlue",
            "Jindal Steel International's offer for thyssenkrupp Steel Europe",
        }

    def test_type_filter(self, client):
        assert titles(client.get(URL, {"type": "forced_sale"})) == [
            "Forced sale of TikTok's US operations"
        ]

    def test_announced_date_range(self, client):
        response = client.get(
            URL, {"announced_after": "2020-01-01", "announced_before": "2020-12-31"}
        )
        assert set(titles(response)) == {
            "Alstom acquires Bombardier Transportation",
            "Veolia buys Engie's 29.9% stake in Suez",
            "Forced sale of TikTok's US operations",
            "Nvidia's purchase of Arm from SoftBank",
            "Salesforce acquires Slack",
        }

    def test_text_search_matches_bidder_names(self, client):
        assert titles(client.get(URL, {"q": "walmart"})) == [
            "Forced sale of TikTok's US operations"
        ]

    def test_combined_filters(self, client):
        response = client.get(URL, {"buyer": "microsoft", "status": "completed", "country": "gb"})
        assert titles(response) == ["Microsoft acquires Activision Blizzard"]

    def test_sort_by_highest_value(self, client):
        # Within one currency: the sort compares amounts, not their worth.
        response = client.get(URL, {"sort": "-value", "country": "us"})
        assert titles(response)[:3] == [
            "Kraft Heinz's bid for Unilever",
            "Union Pacific's merger with Norfolk Southern",
            "Disney acquires most of 21st Century Fox, outbidding Comcast",
        ]

    def test_default_order_is_newest_announced_first(self, client):
        assert titles(client.get(URL))[:2] == [
            "Electronic Arts to be taken private by PIF, Silver Lake and Affinity Partners",
            "Jindal Steel International's offer for thyssenkrupp Steel Europe",
        ]

    def test_sort_by_title(self, client):
        result = titles(client.get(URL, {"sort": "title"}))
        assert result == sorted(result)

    def test_facet_counts_show_beside_each_choice(self, client):
        response = client.get(URL, {"buyer": "microsoft"})
        facets = response.context["facets"]
        status = {choice["value"]: choice["count"] for choice in facets["status"]}
        assert status["abandoned"] == 1
        assert status["completed"] == 2
        assert status["blocked"] == 0
        countries = {choice["value"]: choice["count"] for choice in facets["country"]}
        assert countries == {"US": 3, "GB": 1, "CA": 1, "AU": 1, "NZ": 1}
        assert 'Completed <span class="count">(2)</span>' in response.content.decode()

    def test_facet_ignores_its_own_filter(self, client):
        response = client.get(URL, {"status": "completed"})
        status = {
            choice["value"]: choice["count"] for choice in response.context["facets"]["status"]
        }
        assert status["abandoned"] == Deal.objects.filter(status="abandoned").count() > 1

    def test_each_active_filter_can_be_removed(self, client):
        response = client.get(URL, {"buyer": "microsoft", "status": ["abandoned", "completed"]})
        active = {
            (a["label"], a["value"]): a["remove_query"] for a in response.context["active_filters"]
        }
        assert active[("Buyer", "Microsoft")] == "status=abandoned&status=completed"
        assert active[("Status", "Completed")] == "buyer=microsoft&status=abandoned"

    def test_empty_result_says_so_and_offers_to_clear(self, client):
        response = client.get(URL, {"buyer": "walmart", "status": "completed"})
        html = response.content.decode()
        assert "No deal matches these filters." in html
        assert f'href="{URL}">Clear all filters' in html


@pytest.mark.django_db
class TestCompanyChosenByName:
    def test_a_unique_name_fragment_redirects_to_the_slug(self, client, demo):
        response = client.get(URL, {"buyer": "Walm"})
        assert response.status_code == 302
        assert response.url == f"{URL}?buyer=walmart"

    def test_the_box_shows_the_company_name(self, client, demo):
        html = client.get(URL, {"buyer": "walmart"}).content.decode()
        assert 'name="buyer" value="Walmart"' in html

    def test_several_matches_ask_which_one(self, client):
        CompanyFactory(name="Acme Steel", slug="acme-steel")
        CompanyFactory(name="Acme Foods", slug="acme-foods")
        response = client.get(URL, {"company": "acme"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Several companies match “acme”" in html
        assert 'href="?company=acme-steel"' in html
        assert 'href="?company=acme-foods"' in html

    def test_an_exact_name_wins_over_longer_ones(self, client):
        oracle = CompanyFactory(name="Oracle", slug="oracle-corporation")
        other = CompanyFactory(name="Oracle Financial Services", slug="ofss")
        BidFactory(bidders=[oracle])
        BidFactory(bidders=[other])
        response = client.get(URL, {"buyer": "ORACLE"})
        assert response.url == f"{URL}?buyer=oracle-corporation"


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize(
        "params, message",
        [
            ({"announced_after": "2020-13-45"}, "Enter a valid date."),
            ({"sort": "price"}, "Select a valid choice."),
            ({"q": "x" * 10_000}, "Ensure this value has at most 200 characters (it has 10000)."),
        ],
    )
    def test_bad_filters_give_a_clear_message(self, client, params, message):
        DealFactory()
        response = client.get(URL, params)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Some filters could not be applied:" in html
        assert message in html

    def test_a_bad_filter_is_ignored_and_the_others_still_apply(self, client, demo):
        response = client.get(URL, {"announced_after": "2020-13-45", "buyer": "walmart"})
        assert titles(response) == ["Forced sale of TikTok's US operations"]

    def test_page_that_is_not_a_number_shows_the_first_page(self, client):
        DealFactory()
        response = client.get(URL, {"page": "abc"})
        assert response.status_code == 200
        assert "“abc” is not a page number: showing the first page." in response.content.decode()

    def test_page_past_the_end_shows_the_last_page(self, client):
        DealFactory.create_batch(30)
        response = client.get(URL, {"page": "99999"})
        assert response.status_code == 200
        assert response.context["page_obj"].number == 2
        assert "There is no page 99999: showing the last page, 2." in response.content.decode()

    def test_unknown_deal_is_a_404(self, client):
        assert client.get(reverse("articles:deal_detail", args=["nope"])).status_code == 404


def make_deals(count):
    for _ in range(count):
        buyer, partner = CompanyFactory(), CompanyFactory()
        deal = DealFactory(seller=CompanyFactory(), countries=["US", "FR"])
        BidFactory(deal=deal, bidders=[buyer, partner])
        DeadlineFactory(deal=deal, due_on=datetime.date.today() + datetime.timedelta(days=9))


@pytest.mark.django_db
def test_query_count_does_not_grow_with_rows(client):
    make_deals(3)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"country": "us"})
    make_deals(20)
    # 1 archive version, 1 pass counting the list and its facets (status,
    # type, country), 2 for the review facets (the authorities, the reviews
    # of the deals listed), 1 page of deals with target and seller, 1
    # upcoming deadlines, 1 the bidders of the rows drawn. The charts read
    # the facet counts.
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, {"country": "us"})
    assert len(response.context["object_list"]) == 23
    assert len(many) == len(few) == 7


@pytest.mark.django_db
def test_charts_cost_no_query_once_counted(client, django_assert_num_queries):
    make_deals(3)
    client.get(URL, {"country": "us"})
    # Another order of the same list: the facets (and the charts' numbers
    # with them) are cached, and so are its rows, which read no bidders;
    # the version, the page's ids and rows, deadlines.
    with django_assert_num_queries(3):
        response = client.get(URL, {"country": "us", "sort": "title"})
    assert [c.id for c in response.context["charts"]] == [
        "deals-years", "deals-countries", "deals-types"
    ]  # fmt: skip


@pytest.mark.django_db
def test_query_count_pinned_with_company_filter(client, django_assert_num_queries):
    make_deals(5)
    buyer = Bid.objects.first().bidders.first()
    # The 7 above, plus 1 to resolve the buyer's slug.
    with django_assert_num_queries(8):
        response = client.get(URL, {"buyer": buyer.slug})
    assert len(response.context["object_list"]) == 1


@pytest.mark.django_db
def test_next_deadline_is_the_earliest_pending_one(client):
    deal = DealFactory()
    soon = datetime.date.today() + datetime.timedelta(days=3)
    DeadlineFactory(deal=deal, label="Later vote", due_on=soon + datetime.timedelta(days=30))
    DeadlineFactory(deal=deal, label="Regulator decides", due_on=soon)
    DeadlineFactory(deal=deal, label="Done already", due_on=soon, status=Deadline.Status.MET)
    html = client.get(URL).content.decode()
    assert "Regulator decides" in html
    assert "Later vote" not in html
    assert Deal.objects.count() == 1


def next_deadline(html) -> str | None:
    """What the one deal row shows as its next deadline, if anything."""
    found = re.search(r'<td data-label="Next deadline">(.*?)</td>', html)
    shown = re.sub(r"<[^>]+>", "", found.group(1)) if found else None
    return shown or None


@pytest.mark.django_db
def test_an_overdue_deadline_is_not_the_next_one(client):
    today = timezone.localdate()
    deal = DealFactory()
    DeadlineFactory(deal=deal, label="Missed filing", due_on=today - datetime.timedelta(days=5))
    assert next_deadline(client.get(URL).content.decode()) is None
    DeadlineFactory(deal=deal, label="Vote", due_on=today + datetime.timedelta(days=5))
    shown = next_deadline(client.get(URL).content.decode())
    assert shown.endswith(": Vote")


@pytest.mark.django_db
def test_the_next_deadline_moves_on_at_midnight(client):
    deal = DealFactory()
    DeadlineFactory(deal=deal, label="Due today", due_on=timezone.localdate())
    assert next_deadline(client.get(URL).content.decode()).endswith(": Due today")
    # The next day, with nothing changed in the archive: the row, cached the
    # day before, must not still say so.
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=tomorrow):
        assert next_deadline(client.get(URL).content.decode()) is None


@pytest.mark.django_db
def test_export_links_ask_crawlers_not_to_follow(client):
    DealFactory()
    html = client.get(URL, {"status": "announced"}).content.decode()
    links = re.findall(r'<a href="/export/deals\.(?:csv|json)\?status=announced"([^>]*)>', html)
    assert links == [' rel="nofollow"', ' rel="nofollow"']


@pytest.mark.django_db
def test_words_list_at_most_the_first_matches_and_say_so(client, monkeypatch):
    """A common word lists the first deals in the chosen order, and the page
    says there are more; the other filters narrow what it matches first."""
    from articles.views import DealListView

    monkeypatch.setattr(DealListView, "match_limit", 4)
    for day in range(1, 7):
        DealFactory(
            title=f"Chip deal {day}", announced_on=datetime.date(2024, 1, day), status="completed"
        )
    DealFactory(title="Chip deal blocked", announced_on=datetime.date(2020, 1, 1), status="blocked")

    html = client.get("/deals/", {"q": "chip"}).content.decode()
    assert "The first 4 deals" in html
    assert "4 or more deals match these words" in html
    listed = re.findall(r"Chip deal \w+", html)
    assert listed[:4] == ["Chip deal 6", "Chip deal 5", "Chip deal 4", "Chip deal 3"]
    assert "Chip deal 1" not in html

    oldest = client.get("/deals/", {"q": "chip", "sort": "announced"}).content.decode()
    assert "Chip deal blocked" in oldest and "Chip deal 6" not in oldest

    # Filters apply before the cut: the one blocked deal is found, with no notice.
    blocked = client.get("/deals/", {"q": "chip", "status": "blocked"}).content.decode()
    assert "Chip deal blocked" in blocked
    assert "1 deal" in blocked and "match these words: the first" not in blocked


@pytest.mark.django_db
def test_the_matches_of_words_are_read_as_one_array_on_postgresql(client):
    """The list reads its matches by id in each of its queries: on PostgreSQL
    as one array parameter, not one parameter per match."""
    deals = [DealFactory(title=f"Chip deal {n}") for n in range(30)]
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/deals/", {"q": "chip"})
    assert response.context["paginator"].count == 30
    assert len(titles(response)) == 25
    by_id = [q["sql"] for q in queries if str(deals[-1].pk) in q["sql"] and "COUNT" in q["sql"]]
    if connection.vendor == "postgresql":
        assert by_id and all("= ANY(" in sql and " IN (" not in sql for sql in by_id)


@pytest.mark.django_db
def test_a_common_word_offers_its_filters_uncounted(client, monkeypatch):
    """Counting tens of thousands of matches by status, type and country
    would take a second: past the limit the choices are offered uncounted,
    and the page says why."""
    from articles.views import DealListView

    monkeypatch.setattr(DealListView, "match_limit", 2)
    for day, word in enumerate(["alpha", "bravo", "charlie", "delta", "echo"], start=1):
        DealFactory(title=f"Chip deal {word}", announced_on=datetime.date(2024, 1, day),
                    status="blocked")  # fmt: skip
    # Status set aside, 5 deals match: too many, even though 5 is what it lists.
    response = client.get("/deals/", {"q": "chip", "status": "blocked"})
    blocked = next(f for f in response.context["facets"]["status"] if f["value"] == "blocked")
    assert blocked["checked"] and blocked["count"] is None
    html = response.content.decode()
    assert "too many to count beside each choice" in html
    assert 'class="count"' not in html and '<option value="ZW">Zimbabwe</option>' in html

    # Fewer matches than the limit: counted again.
    response = client.get("/deals/", {"q": "chip charlie"})
    blocked = next(f for f in response.context["facets"]["status"] if f["value"] == "blocked")
    assert blocked["count"] == 1
    assert "how many deals you would see with it" in response.content.decode()


@pytest.mark.django_db
def test_a_deal_bid_on_by_two_matching_companies_counts_once(client, monkeypatch):
    """A joint bid by two companies whose names match must not take two of
    the first places of a cut list."""
    from articles.views import DealListView

    monkeypatch.setattr(DealListView, "match_limit", 2)
    acme, acme_two = CompanyFactory(name="Acme Capital"), CompanyFactory(name="Acme Partners")
    newest = DealFactory(title="Newest", announced_on=datetime.date(2024, 3, 1))
    BidFactory(deal=newest, bidders=[acme, acme_two])
    BidFactory(deal=newest, bidders=[acme])
    for title, day in (("Middle", 2), ("Earliest", 1)):
        BidFactory(deal=DealFactory(title=title, announced_on=datetime.date(2024, day, 1)),
                   bidders=[acme])  # fmt: skip
    html = client.get("/deals/", {"q": "acme"}).content.decode()
    assert "Newest" in html and "Middle" in html and "Earliest" not in html


@pytest.mark.django_db
def test_exports_take_every_match_of_the_words(client, monkeypatch):
    from articles.views import DealListView

    monkeypatch.setattr(DealListView, "match_limit", 2)
    for day in range(1, 6):
        DealFactory(title=f"Chip deal {day}", announced_on=datetime.date(2024, 1, day))
    rows = b"".join(client.get("/export/deals.csv", {"q": "chip"}).streaming_content)
    assert rows.decode().count("Chip deal") == 5


@pytest.mark.django_db
class TestDealTable:
    def test_one_row_per_deal_with_the_columns_in_order(self, client, demo):
        page = client.get(URL).content.decode()
        # The deal table alone: the charts' tables of numbers follow it.
        html = page[
            page.index('class="deal-table') : page.index(
                "</table>", page.index('class="deal-table')
            )
        ]
        headers = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html)
        assert [re.sub(r"<[^>]+>", "", h) for h in headers] == [
            "Deal",
            "Target",
            "Bidders",
            "Status",
            "Value",
            "Announced",
            "Next deadline",
        ]
        assert html.count('<th scope="row">') == 25  # a full page of the demo
        # Amounts in the reader's format, right-aligned.
        assert '<td class="num" data-label="Value">$68.7B</td>' in html

    def test_sorting_is_links_above_the_results_and_on_the_headers(self, client, demo):
        html = client.get(URL, {"status": "completed"}).content.decode()
        assert html.index('class="sort-links"') < html.index('class="deal-table"')
        assert '<a href="/deals/?status=completed" aria-current="true">Newest first</a>' in html
        assert '<a href="/deals/?status=completed&amp;sort=-value">Highest value</a>' in html
        # The current order's header says so, and a click turns it round.
        assert re.search(
            r'<th scope="col" class="num" aria-sort="descending">'
            r'<a href="/deals/\?status=completed&amp;sort=announced">Announced</a>',
            html,
        )
        assert 'id="id_sort"' not in html  # no select to submit
        ordered = client.get(URL, {"sort": "value"}).content.decode()
        assert (
            '<th scope="col" class="num" aria-sort="ascending"><a href="/deals/?sort=-value">'
            in ordered
        )
        assert '<input type="hidden" name="sort" value="value">' in ordered

    def test_lowest_value_first(self, client, demo):
        values = [d.value for d in client.get(URL, {"sort": "value"}).context["object_list"]]
        known = [v for v in values if v is not None]
        assert known == sorted(known) and values[: len(known)] == known  # unknown last

    def test_a_handful_of_bidders_then_how_many_more(self, client):
        deal = DealFactory()
        for n in range(5):
            BidFactory(deal=deal, bidders=[CompanyFactory(name=f"Bidder {n}")])
        html = client.get(URL).content.decode()
        cell = re.search(r'<td data-label="Bidders">(.*?)</td>', html).group(1)
        assert cell.count("<a ") == 3
        assert "and 2 more" in cell
