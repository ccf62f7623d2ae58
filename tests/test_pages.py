"""The public pages other than the deal list: what a reader sees on each."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Deadline
from tests.factories import (
    ArticleFactory,
    BidFactory,
    CompanyFactory,
    DeadlineFactory,
    DealFactory,
    ReviewFactory,
    SourceFactory,
)

TODAY = datetime.date.today()


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
class TestDealPage:
    def test_tells_the_tiktok_story_in_time_order(self, client, demo):
        response = client.get(reverse("articles:deal_detail", args=["tiktok-us-operations"]))
        html = html_of(response)
        events = response.context["timeline"]
        dates = [event.date for event in events if event.date]
        assert dates == sorted(dates)
        titles = [str(event.title) for event in events]
        assert titles[0] == "Deal announced"
        assert "Bid rejected" in titles and "Bid accepted" in titles
        assert titles[-1] == "Deal abandoned"
        # The joint bid: both bidders, said to be joint, and how it ended.
        assert "(joint bid)" in html
        assert (
            'href="/companies/microsoft/">Microsoft</a> &amp; <a href="/companies/walmart/">Walmart'
            in html
        )
        assert "Rejected" in html
        # The deadline that slipped, with who set it and where it went.
        assert "Sell to an American company or see TikTok banned in the US" in html
        assert "President Donald Trump" in html
        assert "Deadline moved to Sept. 20, 2020" in html
        # Parties link to their pages and bidders to the filtered list.
        assert 'href="/companies/oracle/"' in html
        assert 'href="/deals/?buyer=oracle"' in html
        assert 'href="/deals/?country=NZ"' in html
        # The source article.
        assert "Microsoft écarté du rachat de TikTok" in html

    def test_has_title_description_and_link_preview(self, client, demo):
        html = html_of(client.get(reverse("articles:deal_detail", args=["tiktok-us-operations"])))
        assert "<title>Forced sale of TikTok&#x27;s US operations · dealwatch</title>" in html
        assert '<meta name="description" content="A presidential executive order' in html
        assert (
            '<meta property="og:title" content="Forced sale of TikTok&#x27;s US operations">'
            in html
        )

    def test_each_bid_outcome_shows_where_it_happened(self, client, demo):
        response = client.get(reverse("articles:deal_detail", args=["tiktok-us-operations"]))
        events = [(e.date, str(e.title), e.status) for e in response.context["timeline"]]
        made = events.index((datetime.date(2020, 8, 27), "Bid made", "submitted"))
        rejected = events.index((datetime.date(2020, 9, 13), "Bid rejected", "rejected"))
        assert made < rejected
        # The card of the bid made carries no outcome yet.
        html = html_of(response)
        card = html[html.index("Aug. 27, 2020</time>") :].split("</li>")[0]
        assert "Submitted" in card and "Rejected" not in card

    def test_the_end_is_named_for_what_happened(self, client, demo):
        response = client.get(reverse("articles:deal_detail", args=["tiktok-us-operations"]))
        html = html_of(response)
        assert "<dt>Abandoned on</dt>" in html and ">Closed<" not in html
        assert str(response.context["timeline"][-1].title) == "Deal abandoned"
        # Oracle's accepted bid says what became of it.
        assert "Accepted, then the deal was abandoned" in html
        assert "Bids still standing, which fell with the deal:" in html

    def test_the_deadline_chain_reads_as_one_line(self, client, demo):
        response = client.get(reverse("articles:deal_detail", args=["tiktok-us-operations"]))
        deadlines = [e for e in response.context["timeline"] if e.kind == "deadline"]
        assert [str(e.title) for e in deadlines] == ["Deadline extended"] * 4 + ["Deadline missed"]
        chain = [d.due_on.isoformat() for d in deadlines[0].chain]
        assert chain == ["2020-09-15", "2020-09-20", "2020-11-12", "2020-11-27", "2020-12-04"]
        html = html_of(response)
        # Each card says what it is: where the deadline moved, or how it ended.
        for moved_to in ("Sept. 20, 2020", "Nov. 12, 2020", "Nov. 27, 2020", "Dec. 4, 2020"):
            assert f"Deadline moved to {moved_to}" in html
        assert html.count("Dec. 4, 2020</a>, missed</p>") == 4  # the fifth is the current step
        assert html.count('aria-current="step"') == 5

    def test_undated_bid_is_placed_after_the_announcement_and_says_so(self, client):
        deal = DealFactory(announced_on=datetime.date(2024, 1, 1))
        DeadlineFactory(deal=deal, due_on=datetime.date(2024, 3, 1))
        BidFactory(deal=deal, submitted_on=None, resolved_on=None, note="Rumoured interest")
        response = client.get(deal.get_absolute_url())
        kinds = [(e.kind, e.date) for e in response.context["timeline"]]
        assert kinds[:2] == [("deal", datetime.date(2024, 1, 1)), ("bid", None)]
        assert "placed after the announcement, the earliest it can have been" in html_of(response)

    def test_a_long_story_is_paged_oldest_first(self, client):
        deal = DealFactory(announced_on=datetime.date(2020, 1, 1))
        for day in range(1, 150):
            DeadlineFactory(
                deal=deal,
                label=f"Step {day}",
                due_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=day),
            )
        first = client.get(deal.get_absolute_url())
        assert len(first.context["timeline"]) == 100
        assert "Events 1 to 100 of 150, oldest first." in html_of(first)
        second = client.get(deal.get_absolute_url(), {"page": "2"})
        assert [e.obj.label for e in second.context["timeline"]][-1] == "Step 149"
        bad = client.get(deal.get_absolute_url(), {"page": "last-but-one"})
        assert "is not a page number: showing the first page." in html_of(bad)

    def test_query_count_does_not_grow_with_the_story(self, client, django_assert_num_queries):
        deal = DealFactory()
        for _ in range(6):
            BidFactory(deal=deal, bidders=[CompanyFactory(), CompanyFactory()])
            DeadlineFactory(deal=deal)
            ReviewFactory(deal=deal)
            ArticleFactory(deals=[deal])
        # archive version, deal, bids, bidders, bid sources, deadlines,
        # reviews, their next deadlines, their clock stops, review sources,
        # deadline sources, articles.
        with django_assert_num_queries(12):
            client.get(deal.get_absolute_url())


@pytest.mark.django_db
class TestCompanyPages:
    def test_company_page_shows_every_role(self, client, demo):
        html = html_of(client.get(reverse("articles:company_detail", args=["microsoft"])))
        assert "As bidder" in html
        assert "Forced sale of TikTok&#x27;s US operations" in html
        assert "jointly with" in html and 'href="/companies/walmart/"' in html
        assert "Microsoft acquires Activision Blizzard" in html
        assert "Microsoft écarté du rachat de TikTok" in html  # mentioned in the news

    def test_seller_target_parent_and_subsidiaries(self, client, demo):
        bytedance = html_of(client.get(reverse("articles:company_detail", args=["bytedance"])))
        assert "As seller" in bytedance
        assert 'href="/companies/tiktok/"' in bytedance  # subsidiary, and the target sold
        tiktok = html_of(client.get(reverse("articles:company_detail", args=["tiktok"])))
        assert "Parent company" in tiktok and 'href="/companies/bytedance/"' in tiktok
        assert "sold by" in tiktok

    def test_unknown_company_is_a_404(self, client):
        assert client.get(reverse("articles:company_detail", args=["nope"])).status_code == 404

    def test_company_list_search_and_country(self, client, demo):
        url = reverse("articles:company_list")
        names = lambda r: [c.name for c in r.context["object_list"]]  # noqa: E731
        assert names(client.get(url, {"q": "soft"})) == ["SoftBank Group", "Microsoft"]
        assert names(client.get(url, {"country": "jp"})) == [
            "Honda",
            "Nippon Steel",
            "Nissan",
            "SoftBank Group",
            "Toshiba",
            "Toshiba Memory",
        ]
        bad = html_of(client.get(url, {"country": "XX1"}))
        assert "No country is called “XX1”: choose one from the list." in bad
        assert "No company matches." in bad  # never the unfiltered list

    @pytest.mark.parametrize("query", [{}, {"q": "acme"}])
    def test_namesakes_each_show_once_across_the_pages(self, client, query):
        # 120 companies of one name on three pages of 50: the third is read
        # from the other end, which is only right if namesakes keep one order.
        namesakes = CompanyFactory.create_batch(120, name="Acme")
        url = reverse("articles:company_list")
        pages = [client.get(url, {**query, "page": n}).context["object_list"] for n in (1, 2, 3)]
        shown = [company.pk for page in pages for company in page]
        assert len(shown) == 120
        assert set(shown) == {company.pk for company in namesakes}

    def test_a_long_list_of_subsidiaries_ends_with_how_many_more(self, client):
        giant = CompanyFactory(name="Giant")
        CompanyFactory.create_batch(25, parent=giant)
        response = client.get(giant.get_absolute_url())
        html = html_of(response)
        assert len(response.context["subsidiaries"]) == 20
        assert "and 5 more" in html
        few = CompanyFactory(name="Small group")
        CompanyFactory.create_batch(3, parent=few)
        response = client.get(few.get_absolute_url())
        assert len(response.context["subsidiaries"]) == 3
        assert " more</dd>" not in html_of(response)

    def jointly_with(self, html) -> list[str]:
        """The partners of each joint bid, as the reader sees them."""
        spans = re.findall(
            r'<span class="muted">(?:jointly with|conjointement avec) (.*?)</span>', html
        )
        return [re.sub(r"<[^>]+>", "", span) for span in spans]

    def test_joint_bids_name_the_partners_as_a_sentence_would(self, client):
        # Zeta is last by name: its own name used to leave a stray comma.
        zeta = CompanyFactory(name="Zeta", slug="zeta")
        beta, gamma, delta = (CompanyFactory(name=n) for n in ("Beta", "Gamma", "Delta"))
        BidFactory(bidders=[zeta], submitted_on=datetime.date(2024, 1, 1))
        BidFactory(bidders=[zeta, beta], submitted_on=datetime.date(2024, 1, 2))
        BidFactory(bidders=[zeta, beta, gamma], submitted_on=datetime.date(2024, 1, 3))
        BidFactory(bidders=[zeta, beta, gamma, delta], submitted_on=datetime.date(2024, 1, 4))
        html = html_of(client.get(zeta.get_absolute_url()))
        assert self.jointly_with(html) == ["Beta, Delta, and Gamma", "Beta and Gamma", "Beta"]
        french = html_of(client.get("/fr/companies/zeta/"))
        assert self.jointly_with(french) == ["Beta, Delta et Gamma", "Beta et Gamma", "Beta"]

    def test_the_link_to_all_its_bids_counts_deals_not_bids(self, client):
        bidder = CompanyFactory()
        first, second = DealFactory(), DealFactory()
        for n in range(21):
            BidFactory(deal=first if n % 2 else second, bidders=[bidder])
        html = html_of(client.get(bidder.get_absolute_url()))
        assert 'As bidder <span class="count">(21)</span>' in html
        assert "All 2 deals it bid on" in html
        loyal = CompanyFactory()
        BidFactory.create_batch(21, deal=first, bidders=[loyal])
        assert "The deal it bid on" in html_of(client.get(loyal.get_absolute_url()))

    def test_company_list_query_count_is_constant(self, client, django_assert_num_queries):
        parent = CompanyFactory()
        CompanyFactory.create_batch(30, parent=parent)
        # archive version, count, page of companies with parents and deal counts.
        with django_assert_num_queries(3):
            client.get(reverse("articles:company_list"))


@pytest.mark.django_db
class TestArticlePages:
    def test_archive_filters(self, client, demo):
        url = reverse("articles:article_list")
        english = ArticleFactory(
            title="Oracle picked", language="en", published_on=datetime.date(2020, 9, 20)
        )
        titles = lambda r: [a.title for a in r.context["object_list"]]  # noqa: E731
        september_2020 = {"published_after": "2020-09-01", "published_before": "2020-09-30"}
        assert titles(client.get(url, september_2020)) == [
            "Oracle picked",
            "Microsoft écarté du rachat de TikTok",
        ]
        assert titles(client.get(url, {"language": "fr", **september_2020})) == [
            "Microsoft écarté du rachat de TikTok"
        ]
        assert titles(client.get(url, {"source": "zdnet-fr"})) == [
            "Microsoft écarté du rachat de TikTok"
        ]
        assert titles(client.get(url, {"company": "walmart"})) == [
            "Microsoft écarté du rachat de TikTok"
        ]
        assert titles(client.get(url, {"deal": "tiktok-us-operations"})) == [
            "Microsoft écarté du rachat de TikTok"
        ]
        after = {"published_after": "2020-09-15", "published_before": "2020-09-30"}
        assert titles(client.get(url, after)) == [english.title]
        before = {"published_after": "2020-09-01", "published_before": "2020-09-15"}
        assert titles(client.get(url, before)) == ["Microsoft écarté du rachat de TikTok"]

    def test_archive_bad_input(self, client, demo):
        url = reverse("articles:article_list")
        html = html_of(
            client.get(url, {"deal": "no-such-deal", "language": "xx", "source": "nope"})
        )
        assert "Nothing in the archive has the identifier “no-such-deal”." in html
        assert "Select a valid choice." in html

    def test_article_page(self, client, demo):
        html = html_of(
            client.get(
                reverse("articles:article_detail", args=["microsoft-ecarte-du-rachat-de-tiktok"])
            )
        )
        assert '<h1 lang="fr">Microsoft écarté du rachat de TikTok</h1>' in html
        assert "ZDNet France" in html and "French" in html
        assert "The link to the original article has not been recorded." in html
        assert 'href="/deals/tiktok-us-operations/"' in html
        assert 'href="/companies/oracle/"' in html

    def test_article_page_links_to_the_original(self, client):
        article = ArticleFactory(url="https://news.example/story")
        html = html_of(client.get(article.get_absolute_url()))
        assert 'href="https://news.example/story"' in html

    def test_archive_query_count_is_constant(self, client, django_assert_num_queries):
        source = SourceFactory()
        for _ in range(20):
            ArticleFactory(source=source, deals=[DealFactory()], companies=[CompanyFactory()])
        # archive version, count, page with sources, deals, companies;
        # languages for the filter's choices (the source is typed, not picked
        # from a list).
        with django_assert_num_queries(6):
            client.get(reverse("articles:article_list"))

    def test_the_source_is_typed_by_name_or_given_by_slug(self, client):
        zdnet = SourceFactory(name="ZDNet France", slug="zdnet-fr")
        other = SourceFactory(name="Le Monde", slug="le-monde")
        ArticleFactory(source=zdnet, title="TikTok : Microsoft écarté")
        ArticleFactory(source=other, title="Autre sujet")
        for value in ["zdnet-fr", "zdnet", "ZDNet France"]:
            html = client.get(reverse("articles:article_list"), {"source": value}).content.decode()
            assert "TikTok : Microsoft écarté" in html and "Autre sujet" not in html
            assert 'value="ZDNet France"' in html

    def test_an_unknown_or_ambiguous_source_says_so(self, client):
        SourceFactory(name="Gazette de Lyon")
        SourceFactory(name="Gazette de Nice")
        url = reverse("articles:article_list")
        unknown = client.get(url, {"source": "Nowhere"}).content.decode()
        assert "No source matches “Nowhere”." in unknown
        ambiguous = client.get(url, {"source": "gazette"}).content.decode()
        assert "Several sources match “gazette”" in ambiguous


@pytest.mark.django_db
class TestDeadlines:
    def make_schedule(self):
        deal = DealFactory(title="Merger of equals", countries=["FR"])
        upcoming_late = DeadlineFactory(
            deal=deal, label="Vote", due_on=TODAY + datetime.timedelta(days=20)
        )
        upcoming_soon = DeadlineFactory(
            deal=deal, label="Review", due_on=TODAY + datetime.timedelta(days=2)
        )
        overdue = DeadlineFactory(
            deal=deal, label="Filing", due_on=TODAY - datetime.timedelta(days=5)
        )
        past = DeadlineFactory(
            deal=deal,
            label="Old order",
            due_on=TODAY - datetime.timedelta(days=90),
            status=Deadline.Status.MET,
        )
        return [upcoming_soon, upcoming_late, overdue, past]

    def test_upcoming_then_overdue_then_past(self, client):
        soon, late, overdue, past = self.make_schedule()
        response = client.get(reverse("articles:deadline_list"))
        sections = {s["key"]: list(s["page"].object_list) for s in response.context["sections"]}
        assert sections == {"upcoming": [soon, late], "overdue": [overdue], "past": [past]}
        html = html_of(response)
        assert html.index("Upcoming") < html.index("Overdue") < html.index("Past")

    def test_each_section_pages_on_its_own(self, client):
        deal = DealFactory()
        for day in range(30):
            DeadlineFactory(
                deal=deal,
                label=f"Old {day}",
                due_on=TODAY - datetime.timedelta(days=100 + day),
                status=Deadline.Status.MET,
            )
        DeadlineFactory(deal=deal, label="Coming", due_on=TODAY + datetime.timedelta(days=1))
        response = client.get(reverse("articles:deadline_list"), {"past_page": "2"})
        sections = {s["key"]: s for s in response.context["sections"]}
        assert [d.label for d in sections["past"]["page"].object_list] == [
            f"Old {day}" for day in range(25, 30)
        ]
        assert [d.label for d in sections["upcoming"]["page"].object_list] == ["Coming"]
        assert sections["past"]["pages"] == {"previous": "past_page=1"}

    def test_filters(self, client, demo):
        self.make_schedule()
        url = reverse("articles:deadline_list")

        def labels(response):
            return [d.label for s in response.context["sections"] for d in s["page"].object_list]

        assert len(labels(client.get(url, {"company": "bytedance"}))) == 5
        in_france = labels(client.get(url, {"country": "fr"}))
        assert in_france[:4] == ["Review", "Vote", "Filing", "Old order"]
        # Then the past deadlines of the demo's deals in France.
        assert sorted(in_france[4:]) == sorted(
            deadline.label
            for deadline in Deadline.objects.exclude(deal__title="Merger of equals")
            if "FR" in [country.code for country in deadline.deal.countries]
        )
        assert labels(client.get(url, {"kind": "shareholder_vote", "company": "qualcomm"})) == [
            "Postponed Qualcomm annual meeting",
            "Qualcomm annual meeting, with Broadcom's board nominees",
        ]
        assert "Select a valid choice." in html_of(client.get(url, {"kind": "coup"}))

    def test_query_count_is_constant(self, client, django_assert_num_queries):
        for _ in range(10):
            self.make_schedule()
        # The archive version, then for each of the three sections: a count,
        # and a page of deadlines with their deal, its target and the successor
        # deadline; the deadlines per month of the chart (cached); the open
        # reviews awaiting a computed date (none here).
        with django_assert_num_queries(9):
            client.get(reverse("articles:deadline_list"))


@pytest.mark.django_db
def test_home_page(client, demo):
    DeadlineFactory(label="Competition ruling", due_on=TODAY + datetime.timedelta(days=10))
    html = html_of(client.get(reverse("articles:home")))
    # The newest article of the archive.
    assert "Video game maker Electronic Arts to be acquired" in html
    assert "Competition ruling" in html
    # The deal announced last.
    assert "Electronic Arts to be taken private by PIF" in html


@pytest.mark.django_db
def test_home_rows_show_a_handful_of_bidders_then_how_many_more(client):
    deal = DealFactory(announced_on=TODAY)
    for n in range(5):
        BidFactory(deal=deal, bidders=[CompanyFactory(name=f"Bidder {n}")])
    html = html_of(client.get(reverse("articles:home")))
    bidders = re.search(r"<dt>Bidders</dt><dd>(.*?)</dd>", html, re.S).group(1)
    assert bidders.count("<a ") == 3 and "and 2 more" in bidders


@pytest.mark.django_db
def test_home_query_count_is_constant(client):
    # More deals than the news lists: the most recently announced has rows.
    for _ in range(6):
        deal = DealFactory()
        BidFactory(deal=deal)
        ArticleFactory(deals=[deal])
        DeadlineFactory(deal=deal, due_on=TODAY)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("articles:home"))
    for _ in range(10):
        deal = DealFactory()
        BidFactory(deal=deal)
        ArticleFactory(deals=[deal])
        DeadlineFactory(deal=deal, due_on=TODAY)
    # Every row drawn again, as the first time (a row kept from then would
    # read no bidders: one query fewer).
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("articles:home"))
    assert len(few) == len(many)


@pytest.mark.django_db
def test_company_suggestions(client, demo):
    response = client.get(reverse("articles:company_suggestions"), {"q": "wal"})
    assert response.json()["results"] == [
        {"name": "Walmart", "slug": "walmart", "country": "US"},
        {"name": "The Walt Disney Company", "slug": "walt-disney", "country": "US"},
    ]
    assert client.get(reverse("articles:company_suggestions"), {"q": "w"}).json() == {"results": []}


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["wal\x00mart", "\x00", "x" * 5000])
def test_company_suggestions_refuse_what_no_name_could_match(client, demo, text):
    # A NUL byte would make PostgreSQL fail the query (a 500); SQLite would
    # just find nothing. Both now refuse it before any query, as too long a text.
    response = client.get(reverse("articles:company_suggestions"), {"q": text})
    assert response.status_code == 400
    assert response.json()["results"] == []


@pytest.mark.django_db
def test_a_deal_page_is_told_once_until_the_archive_changes(client, django_assert_num_queries):
    deal = DealFactory(title="Forced sale of TikTok's US operations")
    BidFactory(deal=deal, bidders=[CompanyFactory(name="Microsoft")], note="Turned down.")
    url = deal.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(1):  # the page is kept: the version only
        assert "Turned down." in client.get(url).content.decode()

    bid = deal.bids.get()
    bid.note = "Turned down on 13 September."
    bid.save()

    assert "Turned down on 13 September." in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_deal_page_with_other_parameters_is_told_but_not_kept(client):
    deal = DealFactory()
    url = deal.get_absolute_url()
    with CaptureQueriesContext(connection) as first:
        client.get(url, {"utm_source": "newsletter"})
    with CaptureQueriesContext(connection) as again:
        client.get(url, {"utm_source": "newsletter"})
    assert len(again) == len(first) > 1  # told each time, never kept


@pytest.mark.django_db
def test_the_language_filter_offers_the_languages_the_archive_holds(client):
    ArticleFactory(language="fr")
    url = reverse("articles:article_list")

    def offered():
        field = client.get(url).context["filter"].form.fields["language"]
        return [code for code, _name in field.choices if code]

    assert offered() == ["fr"]
    ArticleFactory(language="de")
    assert offered() == ["fr", "de"]  # by name: French, German


@pytest.mark.django_db
def test_a_deal_bid_on_by_many_lists_the_first_bidders_and_counts_the_rest(client):
    deal = DealFactory()
    for n in range(23):
        BidFactory(
            deal=deal,
            bidders=[CompanyFactory(name=f"Bidder {n:02}")],
            submitted_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
        )
    html = client.get(deal.get_absolute_url()).content.decode()
    summary = html[html.index("<dt>Bidders</dt>") : html.index("</dd>", html.index("<dt>Bidders"))]
    assert "Bidder 19" in summary and "Bidder 20" not in summary
    assert "and 3 more" in summary
    assert "Bidder 22" in html  # its bid is in the timeline
