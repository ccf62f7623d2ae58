"""sitemap.xml, read with an XML parser, and robots.txt, read with Python's
robots.txt parser."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, AuthorityFactory, CompanyFactory, DealFactory

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse(client, url) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    return ET.fromstring(response.content)


def locations(root) -> list[str]:
    """The address of each <url> of a sitemap, or of each <sitemap> of an index."""
    return [loc.text for loc in root.iterfind("sm:*/sm:loc", NS)]


@pytest.mark.django_db
def test_the_sitemap_lists_every_deal_company_article_authority_and_list_page(client):
    deal = DealFactory()
    company = CompanyFactory()
    article = ArticleFactory()
    authority = AuthorityFactory()
    index = parse(client, reverse("sitemap"))
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    sections = locations(index)
    assert [urlsplit(url).path for url in sections] == [
        "/sitemap-pages.xml",
        "/sitemap-deals.xml",
        "/sitemap-companies.xml",
        "/sitemap-articles.xml",
        "/sitemap-authorities.xml",
    ]
    pages = {
        urlsplit(url).path
        for section in sections
        for url in locations(parse(client, urlsplit(section).path))
    }
    assert pages == {
        reverse("articles:home"),
        reverse("articles:deal_list"),
        reverse("articles:company_list"),
        reverse("articles:article_list"),
        reverse("articles:deadline_list"),
        reverse("articles:api_guide"),
        reverse("articles:authority_list"),
        authority.get_absolute_url(),
        deal.get_absolute_url(),
        deal.target.get_absolute_url(),
        company.get_absolute_url(),
        article.get_absolute_url(),
    }


@pytest.mark.django_db
def test_deals_carry_their_last_change(client):
    DealFactory()
    root = parse(client, "/sitemap-deals.xml")
    [lastmod] = root.iterfind("sm:url/sm:lastmod", NS)
    assert lastmod.text


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/sitemap-nothing.xml", "/sitemap-deals.xml?p=abc"])
def test_a_bad_section_or_page_is_a_404(client, url):
    assert client.get(url).status_code == 404


def test_robots_txt_allows_all_but_the_admin_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    robots = RobotFileParser()
    robots.parse(response.content.decode().splitlines())
    assert robots.can_fetch("AnyBot", "/deals/?status=blocked")
    assert robots.can_fetch("AnyBot", "/")
    assert not robots.can_fetch("AnyBot", "/admin/articles/deal/")
    assert not robots.can_fetch("AnyBot", "/api/v1/deals/?country=ca")
    assert robots.can_fetch("AnyBot", "/use-the-api/")
    assert robots.site_maps() == ["http://testserver/sitemap.xml"]


def test_robots_txt_keeps_crawlers_out_of_what_is_not_a_page_in_both_languages(client):
    body = client.get("/robots.txt").content.decode()
    assert body.splitlines()[:12] == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /export/",
        "Disallow: /calendar/",
        "Disallow: /search/",
        "Disallow: /suggest/",
        "Disallow: /fr/admin/",
        "Disallow: /fr/export/",
        "Disallow: /fr/calendar/",
        "Disallow: /fr/search/",
        "Disallow: /fr/suggest/",
        "Disallow: /api/v1/",
    ]
    robots = RobotFileParser()
    robots.parse(body.splitlines())
    for prefix in ("", "/fr"):
        for path in (
            "/admin/articles/deal/",
            "/export/deals.csv?status=blocked",
            "/export/deals.json",
            "/calendar/deadlines.ics",
            "/calendar/companies/oracle.ics",
            "/search/?q=tiktok",
            "/suggest/companies/?q=wal",
        ):
            assert not robots.can_fetch("AnyBot", prefix + path), prefix + path
        for path in ("/", "/deals/?status=blocked", "/companies/oracle/", "/deadlines/"):
            assert robots.can_fetch("AnyBot", prefix + path), prefix + path
