from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from articles.desk import story_desk
from articles.sitemaps import SITEMAPS, robots_txt
from dealwatch.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    # The read API: one address in every language (Accept-Language picks
    # the language of its messages).
    path("api/v1/", include("articles.api.urls")),
    # English at the root, as it always was; French under /fr/.
    *i18n_patterns(
        # The story desk is an admin page: the admin's login, look and language.
        path("admin/desk/", admin.site.admin_view(story_desk), name="story_desk"),
        path("admin/", admin.site.urls),
        path("", include("articles.urls")),
        prefix_default_language=False,
    ),
]

# A database error raised outside a view still answers the 503 page.
handler500 = "dealwatch.errors.server_error"
# The API's unknown addresses answer JSON, as its documented 404s do.
handler404 = "dealwatch.errors.page_not_found"
