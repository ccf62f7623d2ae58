"""make bench's curation mix (issue 15) judges what readers were shown after
each save: a reader still shown the title a save replaced was served stale,
and the pages it draws from are the site's, in both languages, the home page
and the lists the most read."""

import random

import pytest
from django.utils.html import escape

from bench import curation_mix
from tests.factories import DealFactory


def a_save(saved_at: float = 100.0) -> curation_mix.Save:
    return curation_mix.Save(
        deal_id=1,
        pages=("/deals/x/",),
        saved_at=saved_at,
        title="Oracle & TikTok",
        old_shown=escape("Oracle & TikTok"),
        new_shown=escape("Oracle & TikTok (revised 1)"),
    )


def test_a_reader_shown_the_old_title_after_the_save_was_served_stale():
    save = a_save()
    curation_mix._judge(save, "<h1>Oracle &amp; TikTok</h1>", sent=100.4)
    curation_mix._judge(save, "<h1>Oracle &amp; TikTok (revised 1)</h1>", sent=100.9)
    curation_mix._judge(save, "<h1>Oracle &amp; TikTok</h1>", sent=101.2)  # another worker
    assert save.first_fresh_at == 100.9
    assert save.last_stale_at == 101.2 and save.responses == 3


def test_a_page_that_shows_neither_title_says_nothing():
    save = a_save()
    curation_mix._judge(save, "<p>Not found</p>", sent=100.5)
    assert save.first_fresh_at is None and save.last_stale_at is None


@pytest.mark.django_db
def test_the_pages_read_most_are_the_home_page_and_the_lists_in_both_languages():
    deals = DealFactory.create_batch(3)
    pages = curation_mix.reader_pages(random.Random(1))
    assert pages[:4] == ["/", "/fr/", "/deals/", "/fr/deals/"]
    for deal in deals:
        assert f"/deals/{deal.slug}/" in pages and f"/fr/deals/{deal.slug}/" in pages
        assert f"/companies/{deal.target.slug}/" in pages
    weights = curation_mix.zipf_weights(len(pages))
    assert weights == sorted(weights, reverse=True) and weights[0] / weights[9] > 10
