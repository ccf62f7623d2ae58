"""One counting path (articles.counting): a filter set makes one Counts,
which says how many rows its list holds, its facets, and where they came
from; the view and the paginator read it, and nothing changes it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.counting import Counts, Source
from articles.filters import ArticleFilterSet, DeadlineFilterSet, DealFilterSet
from articles.models import Article, Deadline, Deal
from articles.pagination import ArchivePaginator
from tests.factories import ArticleFactory, BidFactory, DeadlineFactory, DealFactory

pytestmark = pytest.mark.django_db
ON_POSTGRES = connection.vendor == "postgresql"


def deal_counts(query, match_limit=None) -> Counts:
    return DealFilterSet(query, queryset=Deal.objects.all(), match_limit=match_limit).counts


def test_an_unfiltered_deal_list_is_counted_from_the_tally_where_kept():
    DealFactory.create_batch(3, status=Deal.Status.ANNOUNCED)
    counts = deal_counts({"status": ["announced"]})
    assert counts.total == 3 and counts.facets["status"]["announced"] == 3
    assert counts.source == (Source.TALLY if ON_POSTGRES else Source.ONE_PASS)


def test_other_filters_are_counted_in_one_pass():
    bid = BidFactory()
    counts = deal_counts({"buyer": bid.bidders.first().slug, "announced_after": "2000-01-01"})
    assert counts == Counts(total=1, source=Source.ONE_PASS, facets=counts.facets)
    assert counts.facets["total"] == 1


def test_one_companys_deals_are_counted_from_its_rows_by_role_where_kept():
    bid = BidFactory()
    counts = deal_counts({"buyer": bid.bidders.first().slug})
    assert counts.total == 1
    assert counts.source == (Source.COMPANY if ON_POSTGRES else Source.ONE_PASS)


def test_words_matching_the_limit_leave_the_facets_uncounted():
    DealFactory.create_batch(3, title="Semiconductor merger")
    counts = deal_counts({"q": "semiconductor"}, match_limit=3)
    assert counts == Counts(total=None, source=Source.UNCOUNTED)
    fewer = deal_counts({"q": "semiconductor"}, match_limit=4)
    # Counted, but the list cut at its first matches is counted by the paginator.
    assert fewer.source != Source.UNCOUNTED and fewer.total is None
    assert fewer.facets["total"] == 3


def test_counting_changes_nothing_in_the_filter_set():
    DealFactory.create_batch(2, title="Semiconductor merger")
    filterset = DealFilterSet({"q": "semiconductor"}, queryset=Deal.objects.all(), match_limit=5)
    counts = filterset.counts
    assert filterset.match_limit == 5 and filterset.limits_matches
    assert filterset.counts is counts  # made once
    assert list(filterset.qs) == list(filterset.qs)


def test_articles_and_past_deadlines_are_counted_from_their_tallies_where_kept():
    ArticleFactory.create_batch(2, language="fr")
    DeadlineFactory(status=Deadline.Status.MET)
    articles = ArticleFilterSet({"language": "fr"}, queryset=Article.objects.all()).counts
    past = DeadlineFilterSet({}, queryset=Deadline.objects.all()).past_counts
    if ON_POSTGRES:
        assert (articles.total, articles.source) == (2, Source.TALLY)
        assert (past.total, past.source) == (1, Source.TALLY)
    else:
        assert articles == past == Counts(total=None, source=Source.PAGINATOR)


def test_the_paginator_takes_a_known_count_without_counting():
    DealFactory.create_batch(3)
    paginator = ArchivePaginator(Deal.objects.order_by("pk"), 2, count=3)
    with CaptureQueriesContext(connection) as queries:
        assert paginator.num_pages == 2
    assert len(queries) == 0
