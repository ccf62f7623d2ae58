"""Paging through the lists: deep pages read from the other end only when
the order is total, and a page parameter that is no page number shows the
first page with a note saying so, on every list and each deadline section."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.freshness import cached_count
from articles.models import Company, Deadline, Deal
from articles.pagination import ArchivePaginator, ends_in_unique_column
from tests.factories import ArticleFactory, CompanyFactory, DeadlineFactory, DealFactory


@pytest.mark.django_db
class TestDeepPages:
    def test_only_a_total_order_is_read_backwards(self):
        assert ends_in_unique_column(Company.objects.order_by("name", "pk"))
        assert ends_in_unique_column(Company.objects.order_by("name", "-id"))
        assert ends_in_unique_column(Company.objects.order_by("slug"))  # unique
        assert ends_in_unique_column(Deadline.objects.all())  # Meta: due_on, pk
        assert not ends_in_unique_column(Company.objects.order_by("name"))
        assert not ends_in_unique_column(Company.objects.order_by("parent__pk"))
        assert not ends_in_unique_column(Company.objects.order_by())
        assert not ends_in_unique_column(Deal.objects.all())  # Meta: -announced_on, title

    def test_a_list_with_ties_reads_deep_pages_the_ordinary_way(self):
        CompanyFactory.create_batch(10, name="Acme")
        paginator = ArchivePaginator(Company.objects.order_by("name"), 3)
        with CaptureQueriesContext(connection) as queries:
            page = paginator.page(4)
        assert len(page) == 1
        assert "DESC" not in queries[-1]["sql"]


LISTS = [
    reverse("articles:deal_list"),
    reverse("articles:company_list"),
    reverse("articles:article_list"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("number", ["0", "-1", "abc"])
def test_a_page_that_is_no_page_number_shows_the_first_page(client, url, number):
    # More than a page of each, so that the first page is not also the last.
    ArticleFactory.create_batch(26)
    DealFactory.create_batch(51)
    response = client.get(url, {"page": number})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    assert response.context["paginator"].num_pages > 1
    assert f"“{number}” is not a page number: showing the first page." in (
        response.content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "param, days, status",
    [
        ("page", 10, Deadline.Status.PENDING),
        ("overdue_page", -10, Deadline.Status.PENDING),
        ("past_page", -10, Deadline.Status.MET),
    ],
)
@pytest.mark.parametrize("number", ["0", "-1"])
def test_each_deadline_section_shows_its_first_page_for_no_page_number(
    client, param, days, status, number
):
    due_on = datetime.date.today() + datetime.timedelta(days=days)
    DeadlineFactory.create_batch(26, deal=DealFactory(), due_on=due_on, status=status)
    response = client.get(reverse("articles:deadline_list"), {param: number})
    assert response.status_code == 200
    assert [section["page"].number for section in response.context["sections"]] == [1, 1, 1]
    assert f"“{number}” is not a page number" in response.content.decode()


@pytest.mark.django_db
def test_every_order_of_a_list_shares_its_count(django_assert_num_queries):
    DealFactory.create_batch(3)
    assert cached_count(Deal.objects.order_by("title")[:2]) == 2
    # Another order, cut at as many rows: only the archive's version is read.
    with django_assert_num_queries(1):
        assert cached_count(Deal.objects.order_by("-announced_on", "pk")[:2]) == 2
