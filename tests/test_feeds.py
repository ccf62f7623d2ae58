"""Atom and RSS feeds: the latest articles, one deal's news, one company's
news and any filtered deal list, read back with feedparser."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest
from django.test.html import parse_html
from django.urls import reverse

from articles.models import Deal
from tests.factories import ArticleFactory, BidFactory, CompanyFactory, DealFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def paths(feed) -> list[str]:
    return [urlsplit(entry.link).path for entry in feed.entries]


def error_lines(response) -> dict[str, str]:
    """The 400's message as {parameter: problem}."""
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()[1:]
    return dict(line.split(": ", 1) for line in lines if not line.startswith(" "))


@pytest.mark.django_db
def test_latest_articles_is_an_atom_feed_of_our_pages_newest_first(client):
    older = ArticleFactory(title="Older", published_on=datetime.date(2024, 1, 1))
    newer = ArticleFactory(
        title="Newer", published_on=datetime.date(2024, 2, 1), author="Jane Reporter"
    )
    feed = parse(client.get(reverse("articles:feed_articles")))
    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == ["Newer", "Older"]
    assert paths(feed) == [newer.get_absolute_url(), older.get_absolute_url()]
    assert len({entry.id for entry in feed.entries}) == 2
    assert feed.entries[0].published_parsed[:3] == (2024, 2, 1)
    assert feed.entries[0].updated_parsed
    assert feed.entries[0].author == "Jane Reporter"
    assert urlsplit(feed.feed.link).path == reverse("articles:article_list")


@pytest.mark.django_db
def test_rss_variant_of_the_latest_articles(client):
    ArticleFactory(title="Only one")
    feed = parse(client.get(reverse("articles:feed_articles_rss")))
    assert feed.version == "rss20"
    assert [entry.title for entry in feed.entries] == ["Only one"]
    assert feed.entries[0].published_parsed


@pytest.mark.django_db
def test_a_summary_is_escaped_text_linking_to_the_original(client):
    ArticleFactory(
        summary="Bids <script>alert(1)</script> & more",
        url="https://news.example/x",
        source__name="Le Monde",
    )
    response = client.get(reverse("articles:feed_articles"))
    entry = ET.fromstring(response.content).find(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # The HTML a reader renders: the script is text, the link is a link.
    assert parse_html(summary.text) == parse_html(
        "<p>Bids &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>"
        '<p><a href="https://news.example/x">Read the original in Le Monde</a></p>'
    )


@pytest.mark.django_db
def test_a_deals_feed_holds_only_the_news_of_that_deal(client):
    deal = DealFactory(slug="tiktok-us")
    about = ArticleFactory(title="About it", deals=[deal])
    ArticleFactory(title="About something else", deals=[DealFactory()])
    for name in ("articles:feed_deal", "articles:feed_deal_rss"):
        feed = parse(client.get(reverse(name, kwargs={"slug": "tiktok-us"})))
        assert paths(feed) == [about.get_absolute_url()]
        assert urlsplit(feed.feed.link).path == deal.get_absolute_url()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["articles:feed_deal", "articles:feed_deal_rss", "articles:feed_company"]
)
def test_an_unknown_slug_is_a_404(client, name):
    assert client.get(reverse(name, kwargs={"slug": "no-such-thing"})).status_code == 404


@pytest.mark.django_db
def test_a_companys_feed_holds_articles_mentioning_it_or_about_its_deals_once_each(client):
    microsoft, walmart = CompanyFactory(slug="microsoft"), CompanyFactory(slug="walmart")
    joint_bid_deal = DealFactory()
    BidFactory(deal=joint_bid_deal, bidders=[microsoft, walmart])
    sold_by_it = DealFactory(seller=microsoft)
    mentions = ArticleFactory(published_on=datetime.date(2024, 1, 4), companies=[microsoft])
    both = ArticleFactory(
        published_on=datetime.date(2024, 1, 3), companies=[microsoft], deals=[joint_bid_deal]
    )
    about_bid = ArticleFactory(published_on=datetime.date(2024, 1, 2), deals=[joint_bid_deal])
    about_sale = ArticleFactory(published_on=datetime.date(2024, 1, 1), deals=[sold_by_it])
    ArticleFactory(companies=[walmart], deals=[DealFactory()])

    feed = parse(client.get(reverse("articles:feed_company", kwargs={"slug": "microsoft"})))
    assert paths(feed) == [a.get_absolute_url() for a in (mentions, both, about_bid, about_sale)]
    rss = parse(client.get(reverse("articles:feed_company_rss", kwargs={"slug": "microsoft"})))
    assert rss.version == "rss20"
    assert paths(rss) == paths(feed)


@pytest.mark.django_db
def test_the_deal_list_feed_takes_the_filters_of_the_deal_list(client):
    microsoft = CompanyFactory(slug="microsoft")
    old = DealFactory(
        title="Old", status=Deal.Status.BLOCKED, announced_on=datetime.date(2020, 1, 1)
    )
    new = DealFactory(
        title="New", status=Deal.Status.BLOCKED, announced_on=datetime.date(2024, 1, 1)
    )
    BidFactory(deal=new, bidders=[microsoft])
    DealFactory(title="Open", status=Deal.Status.ANNOUNCED)

    feed = parse(client.get(reverse("articles:feed_deals"), {"status": "blocked"}))
    assert [entry.title for entry in feed.entries] == ["New", "Old"]
    assert paths(feed) == [new.get_absolute_url(), old.get_absolute_url()]
    assert feed.entries[0].published_parsed[:3] == (2024, 1, 1)
    # The feed links to the same filtered list, and to itself with its filters.
    alternate = urlsplit(feed.feed.link)
    assert alternate.path == reverse("articles:deal_list")
    assert parse_qs(alternate.query) == {"status": ["blocked"]}
    [self_link] = [link.href for link in feed.feed.links if link.rel == "self"]
    assert parse_qs(urlsplit(self_link).query) == {"status": ["blocked"]}

    feed = parse(
        client.get(reverse("articles:feed_deals_rss"), {"buyer": "microsoft", "sort": "title"})
    )
    assert feed.version == "rss20"
    assert [entry.title for entry in feed.entries] == ["New"]


@pytest.mark.django_db
def test_the_deal_list_feed_is_newest_announced_first_whatever_the_sort(client):
    DealFactory(title="A undated", announced_on=None)
    DealFactory(title="B older", announced_on=datetime.date(2020, 1, 1))
    DealFactory(title="C newer", announced_on=datetime.date(2024, 1, 1))
    feed = parse(client.get(reverse("articles:feed_deals"), {"sort": "title"}))
    assert [entry.title for entry in feed.entries] == ["C newer", "B older", "A undated"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["articles:feed_deals", "articles:feed_deals_rss"])
def test_bad_filters_get_a_400_saying_which(client, name):
    response = client.get(
        reverse(name),
        {"company": "nobody", "announced_after": "yesterday", "status": "sold", "country": "ZZ"},
    )
    assert set(error_lines(response)) == {"company", "announced_after", "status", "country"}


@pytest.mark.django_db
def test_an_ambiguous_company_lists_the_slugs_to_choose_from(client):
    CompanyFactory(name="Micron", slug="micron")
    CompanyFactory(name="Microsoft", slug="microsoft")
    response = client.get(reverse("articles:feed_deals"), {"company": "micro"})
    assert set(error_lines(response)) == {"company"}
    [choices] = [line for line in response.content.decode().splitlines() if line.startswith(" ")]
    assert sorted(choices.split(": ", 1)[1].split(", ")) == ["micron", "microsoft"]


@pytest.mark.django_db
def test_feeds_run_a_fixed_number_of_queries(client, django_assert_num_queries):
    deal = DealFactory(slug="big")
    company = CompanyFactory(slug="acme")
    for _n in range(5):
        ArticleFactory(deals=[deal], companies=[company])
        DealFactory(status=Deal.Status.BLOCKED)
    # The articles with their source.
    with django_assert_num_queries(1):
        client.get(reverse("articles:feed_articles"))
    # The deal; its articles with their source.
    with django_assert_num_queries(2):
        client.get(reverse("articles:feed_deal", kwargs={"slug": "big"}))
    # The company; the articles mentioning it or about its deals, with their source.
    with django_assert_num_queries(2):
        client.get(reverse("articles:feed_company", kwargs={"slug": "acme"}))
    # The deals with their target.
    with django_assert_num_queries(1):
        client.get(reverse("articles:feed_deals"), {"status": "blocked"})
