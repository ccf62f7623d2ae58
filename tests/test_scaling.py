"""What lets reads scale: cached counts and facets invalidated by curators'
changes, cheap deep pages, and the primary/replica router."""

import datetime
from html import unescape

import pytest
from django.db import connection
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.freshness import bump_archive_version
from articles.models import ArchiveState, Deal
from dealwatch.routers import PrimaryForCuratorsMiddleware, PrimaryReplicaRouter
from tests.factories import (
    ArticleFactory,
    BidFactory,
    CompanyFactory,
    DeadlineFactory,
    DealFactory,
)

URL = reverse("articles:deal_list")


@pytest.mark.django_db
def test_counts_and_facets_are_cached_until_a_curator_changes_data(
    client, django_assert_num_queries
):
    deal = DealFactory()
    BidFactory(deal=deal)
    # A parameter of its own (a newsletter's tag) makes an address whose page
    # is made each time (not kept), from the counts kept for the list.
    tagged = {"utm_source": "newsletter"}
    client.get(URL, tagged)
    # Warm: the archive's version, then only the page of deals and their
    # pending deadlines (the row is kept: its bidders are not read again).
    with django_assert_num_queries(3):
        response = client.get(URL, tagged)
    assert response.context["paginator"].count == 1

    DealFactory(status=Deal.Status.BLOCKED)  # a curator adds a deal
    response = client.get(URL, tagged)
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


@pytest.mark.django_db
@override_settings(DATABASE_REPLICAS=["replica_1", "replica_2"])
def test_public_reads_go_to_a_replica():
    ArchiveState.objects.update(changed_at=timezone.now() - datetime.timedelta(hours=1))
    assert route("/deals/") in {"replica_1", "replica_2"}
    assert PrimaryReplicaRouter().db_for_write(Deal) == "default"


@override_settings(DATABASE_REPLICAS=["replica_1"])
def test_the_admin_and_writes_use_the_primary():
    assert route("/admin/articles/deal/") == "default"
    assert route("/deals/", method="post") == "default"


@pytest.mark.django_db
@override_settings(DATABASE_REPLICAS=["replica_1"], DATABASE_REPLICA_LAG=10)
def test_public_reads_use_the_primary_just_after_a_change():
    """A replica may not have the change yet: what a page read there would be
    kept under the new version as if it were current."""
    bump_archive_version()  # a curator's save
    assert route("/deals/") == "default"
    # And then ten seconds pass.
    ArchiveState.objects.update(changed_at=timezone.now() - datetime.timedelta(seconds=11))
    assert route("/deals/") == "replica_1"


@override_settings(DATABASE_REPLICAS=[])
def test_without_replicas_everything_uses_the_primary():
    assert route("/deals/") == "default"
    assert PrimaryReplicaRouter().allow_migrate("replica_1", "articles") is False


@pytest.mark.django_db
def test_cached_rows_show_a_new_bid_at_once(client):
    deal = DealFactory()
    assert "Late Bidder Corp" not in client.get(URL).content.decode()
    BidFactory(deal=deal, bidders=[CompanyFactory(name="Late Bidder Corp")])
    assert "Late Bidder Corp" in client.get(URL).content.decode()


@pytest.fixture
def small_archive(db):
    target = CompanyFactory(name="Bytedance Ltd", slug="bytedance")
    deal = DealFactory(title="Forced sale of TikTok", slug="tiktok", target=target)
    DeadlineFactory(deal=deal, label="Presidential order", due_on=datetime.date(2099, 9, 15))
    ArticleFactory(title="TikTok on sale", slug="tiktok-on-sale", deals=[deal], companies=[target])
    return deal


KEPT_PAGES = [
    "/",
    "/deals/",
    "/deals/?status=announced&sort=-value&page=1",
    "/deals/tiktok/",
    "/companies/",
    "/companies/bytedance/",
    "/articles/",
    "/articles/tiktok-on-sale/",
    "/deadlines/?past_page=1",
    "/fr/deals/",
]


@pytest.mark.parametrize("path", KEPT_PAGES)
def test_a_public_page_is_kept_until_a_curator_changes_data(
    client, small_archive, django_assert_num_queries, path
):
    first = client.get(path)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        again = client.get(path)
    assert again.content == first.content
    # One query: the version that says the page is still current, the
    # archive's, or on PostgreSQL a deal's or company's own.
    versions = ("FROM articles_archivestate", "FROM articles_recordversion")
    assert len(queries) == 1 and any(v in queries[0]["sql"] for v in versions), path

    small_archive.target.name = "ByteDance Ltd."  # a curator's correction
    small_archive.target.save()
    with CaptureQueriesContext(connection) as queries:
        fresh = client.get(path)
    assert fresh.status_code == 200 and len(queries) > 0  # made again
    if "Bytedance Ltd" in first.content.decode():
        assert "ByteDance Ltd." in fresh.content.decode()


@pytest.mark.parametrize("path", ["/deals/", "/deals/tiktok/", "/companies/bytedance/"])
def test_a_kept_page_shows_a_change_at_once(client, small_archive, path):
    assert "Forced sale of TikTok" in client.get(path).content.decode()
    small_archive.title = "Forced sale of TikTok's US operations"
    small_archive.save()
    assert "Forced sale of TikTok's US operations" in unescape(client.get(path).content.decode())


def test_english_and_french_pages_are_kept_apart(client, small_archive):
    english = client.get("/deals/").content.decode()
    french = client.get("/fr/deals/").content.decode()
    assert '<html lang="en"' in english and '<html lang="fr"' in french
    assert '<html lang="en"' in client.get("/deals/").content.decode()


def test_a_kept_deadlines_page_is_made_again_the_next_day(client, small_archive, monkeypatch):
    deadline = small_archive.deadlines.get()
    deadline.due_on = timezone.localdate()
    deadline.save()
    page = client.get("/deadlines/")
    assert [d.label for d in page.context["sections"][0]["page"]] == ["Presidential order"]

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    page = client.get("/deadlines/")
    sections = {s["key"]: [d.label for d in s["page"]] for s in page.context["sections"]}
    assert sections["upcoming"] == [] and sections["overdue"] == ["Presidential order"]


def test_only_a_pages_own_addresses_are_kept(client, small_archive):
    """Other parameters, words typed, redirects and errors are answered each
    time, not kept."""
    for path, status in [
        ("/deals/?utm_source=newsletter", 200),
        ("/deals/?q=tiktok", 200),  # words typed: mostly asked once
        ("/search/?q=tiktok", 200),
        ("/deals/?target=Bytedance+Ltd", 302),  # a name typed in: to its slug
        ("/deals/no-such-deal/", 404),
    ]:
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == status
            assert len(queries) > 0, path
