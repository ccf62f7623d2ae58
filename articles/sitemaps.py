"""sitemap.xml (an index of one sitemap a section, paged as the archive
grows) and robots.txt."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation

from .models import Article, Authority, Company, Deal

# Search engines accept up to 50,000 URLs a sitemap; smaller pages keep each
# response quick to build.
PAGE_SIZE = 10_000


class DealSitemap(Sitemap):
    limit = PAGE_SIZE

    def items(self):
        return Deal.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, deal):
        return deal.updated_at


class CompanySitemap(Sitemap):
    limit = PAGE_SIZE

    def items(self):
        return Company.objects.only("slug").order_by("pk")


class ArticleSitemap(Sitemap):
    limit = PAGE_SIZE

    def items(self):
        return Article.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, article):
        return article.updated_at


class AuthoritySitemap(Sitemap):
    limit = PAGE_SIZE

    def items(self):
        return Authority.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, authority):
        return authority.updated_at


class PageSitemap(Sitemap):
    """The home page and the lists."""

    changefreq = "daily"

    def items(self):
        return [
            "articles:home",
            "articles:deal_list",
            "articles:company_list",
            "articles:article_list",
            "articles:deadline_list",
            "articles:api_guide",
            "articles:authority_list",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "deals": DealSitemap,
    "companies": CompanySitemap,
    "articles": ArticleSitemap,
    "authorities": AuthoritySitemap,
}


# What crawlers should leave alone, in every language: the admin, and what
# is not a page (downloads, calendars, search results for any words, the
# suggestions of the company boxes), each of which can be asked in endless
# variations of its query string.
DISALLOWED = [
    "admin:index",
    "articles:export_deals_csv",
    "articles:calendar",
    "articles:search",
    "articles:company_suggestions",
]


def _section(name: str) -> str:
    """The first segment of a URL under the language prefix, as a path prefix:
    "/fr/export/" for the French CSV export ("/fr/export/deals.csv")."""
    home = reverse("articles:home")
    return home + reverse(name).removeprefix(home).split("/", 1)[0] + "/"


def robots_txt(request):
    lines = ["User-agent: *"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            lines += [f"Disallow: {_section(name)}" for name in DISALLOWED]
    # The read API, in no language: data for programs, under rate limits.
    lines.append(f"Disallow: {reverse('api:api-root')}")
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
