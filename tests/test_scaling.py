"""What lets reads scale: cached counts and facets invalidated by curators'
changes, cheap deep pages, and the primary/replica router."""

import datetime

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from articles.models import Deal
from dealwatch.routers import PrimaryForCuratorsMiddleware, PrimaryReplicaRouter
from tests.factories import BidFactory, CompanyFactory, DealFactory

URL = reverse("articles:deal_list")


@pytest.mark.django_db
def test_counts_and_facets_are_cached_until_a_curator_changes_data(
    client, django_assert_num_queries
):
    deal = DealFactory()
    BidFactory(deal=deal)
    client.get(URL)
    # Warm: only the page of deals, its bids, bidders and pending deadlines.
    with django_assert_num_queries(4):
        response = client.get(URL)
    assert response.context["paginator"].count == 1

    DealFactory(status=Deal.Status.BLOCKED)  # a curator adds a deal
    response = client.get(URL)
    assert response.context["paginator"].count == 2
    status = {c["value"]: c["count"] for c in response.context["facets"]["status"]}
    assert status["blocked"] == 1


@pytest.mark.django_db
def test_last_page_is_read_from_the_other_end_in_the_right_order(client):
    for day in range(1, 61):
        DealFactory(
            title=f"Deal {day:02}",
            announced_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=day),
        )
    pages = [client.get(URL, {"page": n}).context["object_list"] for n in (1, 2, 3)]
    titles = [deal.title for page in pages for deal in page]
    assert titles == [f"Deal {day:02}" for day in range(60, 0, -1)]


def route(path, method="get"):
    """The database a read of deals goes to while serving ``path``."""
    seen = []
    router = PrimaryReplicaRouter()

    def view(request):
        seen.append(router.db_for_read(Deal))

    request = getattr(RequestFactory(), method)(path)
    PrimaryForCuratorsMiddleware(view)(request)
    return seen[0]


@override_settings(DATABASE_REPLICAS=["replica_1", "replica_2"])
def test_public_reads_go_to_a_replica():
    assert route("/deals/") in {"replica_1", "replica_2"}
    assert PrimaryReplicaRouter().db_for_write(Deal) == "default"


@override_settings(DATABASE_REPLICAS=["replica_1"])
def test_the_admin_and_writes_use_the_primary():
    assert route("/admin/articles/deal/") == "default"
    assert route("/deals/", method="post") == "default"


@override_settings(DATABASE_REPLICAS=[])
def test_without_replicas_everything_uses_the_primary():
    assert route("/deals/") == "default"
    assert PrimaryReplicaRouter().allow_migrate("replica_1", "articles") is False


@pytest.mark.django_db
def test_cached_rows_show_a_new_bid_at_once(client):
    deal = DealFactory()
    assert "Bidders" not in client.get(URL).content.decode()
    BidFactory(deal=deal, bidders=[CompanyFactory(name="Late Bidder Corp")])
    assert "Late Bidder Corp" in client.get(URL).content.decode()
