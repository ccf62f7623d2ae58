"""sitemap.xml (an index of one sitemap a section, paged as the archive
grows) and robots.txt."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse

from .models import Article, Company, Deal

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
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "deals": DealSitemap,
    "companies": CompanySitemap,
    "articles": ArticleSitemap,
}


def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
