from django.urls import path

from . import calendar, exports, feeds, search, views
from .freshness import cached_page

app_name = "articles"

# The pages are the same for every reader, and kept until the archive changes
# (cached_page), a deal's or a company's until a write touches that record
# (on PostgreSQL: articles.record_versions); not the search (most searches are asked once), nor the
# suggestions, feeds, calendars and exports.
urlpatterns = [
    path("", cached_page(views.home), name="home"),
    path("deals/", views.DealListView.as_cached_view(), name="deal_list"),
    path(
        "deals/<slug:slug>/",
        cached_page(views.deal_detail, ["page", "as_of"], record="deal"),
        name="deal_detail",
    ),
    path("companies/", views.CompanyListView.as_cached_view(), name="company_list"),
    path("suggest/companies/", views.company_suggestions, name="company_suggestions"),
    path(
        "companies/<slug:slug>/",
        cached_page(views.company_detail, record="company"),
        name="company_detail",
    ),
    path("articles/", views.ArticleListView.as_cached_view(), name="article_list"),
    path(
        "articles/<slug:slug>/",
        cached_page(views.ArticleDetailView.as_view()),
        name="article_detail",
    ),
    path("deadlines/", views.DeadlineListView.as_cached_view(), name="deadline_list"),
    # Not under /api/: that is the API's own, where CORS headers are sent.
    path("use-the-api/", cached_page(views.api_guide), name="api_guide"),
    path("authorities/", views.AuthorityListView.as_cached_view(), name="authority_list"),
    path(
        "authorities/<slug:slug>/",
        cached_page(views.authority_detail),
        name="authority_detail",
    ),
]

# Search, feeds, calendars and exports (issue 4).
urlpatterns += [
    path("search/", search.search_view, name="search"),
    path("feeds/articles/", feeds.LatestArticlesFeed(), name="feed_articles"),
    path("feeds/articles/rss/", feeds.LatestArticlesRssFeed(), name="feed_articles_rss"),
    path("feeds/deals/", feeds.DealListFeed(), name="feed_deals"),
    path("feeds/deals/rss/", feeds.DealListRssFeed(), name="feed_deals_rss"),
    path("feeds/deals/<slug:slug>/", feeds.DealNewsFeed(), name="feed_deal"),
    path("feeds/deals/<slug:slug>/rss/", feeds.DealNewsRssFeed(), name="feed_deal_rss"),
    path("feeds/companies/<slug:slug>/", feeds.CompanyNewsFeed(), name="feed_company"),
    path("feeds/companies/<slug:slug>/rss/", feeds.CompanyNewsRssFeed(), name="feed_company_rss"),
    path("feeds/authorities/<slug:slug>/", feeds.AuthorityReviewsFeed(), name="feed_authority"),
    path(
        "feeds/authorities/<slug:slug>/rss/",
        feeds.AuthorityReviewsRssFeed(),
        name="feed_authority_rss",
    ),
    path("calendar/deadlines.ics", calendar.deadlines_calendar, name="calendar"),
    path(
        "calendar/authorities/<slug:slug>.ics",
        calendar.authority_calendar,
        name="calendar_authority",
    ),
    path("calendar/deals/<slug:slug>.ics", calendar.deal_calendar, name="calendar_deal"),
    path("calendar/companies/<slug:slug>.ics", calendar.company_calendar, name="calendar_company"),
    path("export/deals.csv", exports.deals_csv, name="export_deals_csv"),
    path("export/deals.json", exports.deals_json, name="export_deals_json"),
]
