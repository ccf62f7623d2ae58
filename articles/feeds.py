"""Atom feeds, each with an RSS variant, through Django's syndication framework:
the latest articles, the news of one deal, the news of one company, an
authority's reviews (newest event first), and any filtered deal list (the
same parameters as /deals/, newest announced first)."""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.functional import Promise
from django.utils.html import format_html, linebreaks
from django.utils.translation import gettext as _

from .filters import DealFilterSet
from .models import Article, Authority, Company, Deal, Review
from .syndication import invalid_filters_response
from .text import strip_forbidden

FEED_ITEMS = 50


def _xml_safe(value):
    if isinstance(value, str | Promise):
        return strip_forbidden(str(value))
    if isinstance(value, list | tuple):
        return [_xml_safe(item) for item in value]
    return value


class XmlSafeFeedMixin:
    """Drops from a feed's every text what XML cannot carry, where Django's
    feed writer would fail with a server error. The records cannot hold such
    characters (articles.text); this is defence in depth, so that no record's
    text ever takes a feed down (issue 13, finding 2)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{key: _xml_safe(value) for key, value in kwargs.items()})

    def add_item(self, *args, **kwargs):
        safe = {key: _xml_safe(value) for key, value in kwargs.items()}
        super().add_item(*args, **safe)  # type: ignore[misc]  # feedgenerator is untyped


class AtomFeed(XmlSafeFeedMixin, Atom1Feed):
    pass


class RssFeed(XmlSafeFeedMixin, Rss201rev2Feed):
    pass


def _midnight(date: datetime.date) -> datetime.datetime:
    # Articles and deals carry a day, feeds want an instant.
    return datetime.datetime.combine(date, datetime.time.min, tzinfo=datetime.UTC)


class ArticleFeed(Feed):
    """What every feed of articles shares: an item is an article, linking to
    its page on dealwatch, with our summary and a link to the original."""

    feed_type = AtomFeed
    author_name = "dealwatch"

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        summary = linebreaks(article.summary, autoescape=True)
        if not article.url:
            return summary
        original = format_html(
            '<p><a href="{}">{}</a></p>',
            article.url,
            _("Read the original in %(source)s") % {"source": article.source.name},
        )
        return summary + original

    def item_pubdate(self, article):
        return _midnight(article.published_on)

    def item_updateddate(self, article):
        return article.updated_at

    def item_author_name(self, article):
        return article.author or None

    def item_categories(self, article):
        return [article.source.name]


class LatestArticlesFeed(ArticleFeed):
    def title(self):
        return _("dealwatch: latest articles")

    def description(self):
        return _("The latest articles added to the dealwatch archive of deal news.")

    def link(self):
        return reverse("articles:article_list")

    def items(self):
        return Article.objects.select_related("source")[:FEED_ITEMS]


class DealNewsFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Deal, slug=slug)

    def title(self, deal):
        return _("dealwatch: news on %(deal)s") % {"deal": deal.title}

    def description(self, deal):
        return _("Articles reporting on %(deal)s, newest first.") % {"deal": deal.title}

    def link(self, deal):
        return deal.get_absolute_url()

    def items(self, deal):
        return deal.articles.select_related("source")[:FEED_ITEMS]


class CompanyNewsFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Company, slug=slug)

    def title(self, company):
        return _("dealwatch: news on %(company)s") % {"company": company.name}

    def description(self, company):
        return _("Articles mentioning %(company)s or reporting on its deals, newest first.") % {
            "company": company.name
        }

    def link(self, company):
        return company.get_absolute_url()

    def items(self, company):
        # Subqueries rather than joins, so that an article is listed once.
        mentioning = Article.companies.through.objects.filter(company=company)
        about_its_deals = Article.deals.through.objects.filter(
            deal__in=Deal.objects.involving(company)
        )
        return Article.objects.filter(
            Q(pk__in=mentioning.values("article_id"))
            | Q(pk__in=about_its_deals.values("article_id"))
        ).select_related("source")[:FEED_ITEMS]


class DealListFeed(Feed):
    """The deals of a filtered list, newest announced first; a bad parameter
    gets a 400 that says which, rather than a feed that silently ignores it."""

    feed_type = AtomFeed
    author_name = "dealwatch"
    url_name = "articles:feed_deals"  # the feed's own address, with the filters

    def __call__(self, request, *args, **kwargs):
        filterset = DealFilterSet(request.GET, queryset=Deal.objects.select_related("target"))
        if not filterset.is_valid():
            return invalid_filters_response(filterset)
        return super().__call__(request, filterset=filterset)

    def get_object(self, request, filterset):
        return filterset

    def title(self, filterset):
        if filterset.data:
            return _("dealwatch: deals matching your filters")
        return _("dealwatch: deals")

    def description(self, filterset):
        return _("Deals in the dealwatch archive, newest announced first.")

    def link(self, filterset):
        return self._with_query(reverse("articles:deal_list"), filterset)

    def feed_url(self, filterset):
        return self._with_query(reverse(self.url_name), filterset)

    @staticmethod
    def _with_query(path, filterset):
        query = filterset.data.urlencode()
        return f"{path}?{query}" if query else path

    def items(self, filterset):
        # Newest first whatever ?sort= says: a feed reader shows new items on top.
        return filterset.qs.order_by(F("announced_on").desc(nulls_last=True), "-pk")[:FEED_ITEMS]

    def item_title(self, deal):
        return deal.title

    def item_description(self, deal):
        facts = format_html(
            "<p>{} · {} · {}</p>",
            deal.get_status_display(),
            deal.get_deal_type_display(),
            _("target: %(target)s") % {"target": deal.target.name},
        )
        return facts + linebreaks(deal.summary, autoescape=True)

    def item_pubdate(self, deal):
        return _midnight(deal.announced_on) if deal.announced_on else deal.created_at

    def item_updateddate(self, deal):
        return deal.updated_at


class AuthorityReviewsFeed(Feed):
    """An authority's reviews, the latest opened or decided first: a review
    is an item, updated when it is decided."""

    feed_type = AtomFeed
    author_name = "dealwatch"

    def get_object(self, request, slug):
        return get_object_or_404(Authority, slug=slug)

    def title(self, authority):
        return _("dealwatch: reviews by %(authority)s") % {"authority": authority.label}

    def description(self, authority):
        return _("Deals reviewed by %(authority)s, the latest opened or decided first.") % {
            "authority": authority.name
        }

    def link(self, authority):
        return authority.get_absolute_url()

    def items(self, authority):
        return (
            Review.objects.filter(authority=authority)
            .select_related("deal", "authority")
            .defer("deal__search_vector")
            .alias(latest=Coalesce("decided_on", "opened_on"))
            .order_by(F("latest").desc(nulls_last=True), "-pk")[:FEED_ITEMS]
        )

    def item_title(self, review):
        return _("%(deal)s: %(status)s") % {
            "deal": review.deal.title,
            "status": review.get_status_display(),
        }

    def item_link(self, review):
        return f"{review.deal.get_absolute_url()}#review-{review.pk}"

    def item_guid(self, review):
        return f"review-{review.pk}@dealwatch"

    item_guid_is_permalink = False

    def item_description(self, review):
        facts = format_html(
            "<p>{} · {} · {}</p>",
            review.get_kind_display(),
            review.get_phase_display(),
            review.case_reference or _("no case reference"),
        )
        remedies = linebreaks(review.remedies, autoescape=True) if review.remedies else ""
        return facts + remedies + linebreaks(review.note, autoescape=True)

    def item_pubdate(self, review):
        date = review.decided_on or review.opened_on
        return _midnight(date) if date else review.deal.created_at


class LatestArticlesRssFeed(LatestArticlesFeed):
    feed_type = RssFeed


class DealNewsRssFeed(DealNewsFeed):
    feed_type = RssFeed


class CompanyNewsRssFeed(CompanyNewsFeed):
    feed_type = RssFeed


class DealListRssFeed(DealListFeed):
    feed_type = RssFeed
    url_name = "articles:feed_deals_rss"


class AuthorityReviewsRssFeed(AuthorityReviewsFeed):
    feed_type = RssFeed
