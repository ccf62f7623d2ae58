"""Curated text in another language than the page's is marked with its
language, so that screen readers pronounce it right (issue 17)."""

import re

import pytest
from django.urls import reverse


def html(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
class TestFrenchPagesMarkEnglishText:
    def test_deal_page(self, client, demo):
        page = html(client, "/fr/deals/tiktok-us-operations/")
        assert re.search(r'<h1 lang="en">Forced sale of TikTok', page)
        assert '<div class="summary" lang="en">' in page
        assert re.search(r'<p><span lang="en">[^<]+</span> <span class="badge deadline-', page)

    def test_deal_list_rows(self, client, demo):
        page = html(client, "/fr/deals/")
        assert re.search(r'<a href="/fr/deals/tiktok-us-operations/" lang="en">', page)

    def test_deadlines(self, client, demo):
        page = html(client, "/fr/deadlines/")
        labels = re.findall(r'<span lang="en">([^<]+)</span> <span class="badge deadline-', page)
        assert labels, "every deadline label is marked"

    def test_articles_keep_their_own_language(self, client, demo):
        page = html(client, "/fr/articles/")
        # The demo's article is French: no mark on a French page, but its
        # summary is ours, in English.
        assert re.search(r'<a href="/fr/articles/[^"]+/">[^<]+</a></h3>', page)
        assert '<p lang="en">' in page
        english = html(client, "/articles/")
        assert re.search(r'lang="fr">[^<]+</a></h3>', english)

    def test_english_pages_mark_nothing_curated(self, client, demo):
        page = html(client, reverse("articles:deal_detail", args=["tiktok-us-operations"]))
        assert "<h1>Forced sale of TikTok" in page
        assert 'lang="en"' not in page.split("<main")[1].split("language-switcher")[0]


@pytest.mark.django_db
def test_the_curation_language_is_a_setting(client, demo, settings):
    settings.DEALWATCH_CURATION_LANGUAGE = "fr"
    english = html(client, reverse("articles:deal_detail", args=["tiktok-us-operations"]))
    assert '<h1 lang="fr">' in english
    assert "<h1>" in html(client, "/fr/deals/tiktok-us-operations/")
