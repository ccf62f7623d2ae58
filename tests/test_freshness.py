"""Freshness: the archive's version is moved by the database itself on every
write to a curated table, whatever wrote it, so that no cache layer can be
left stale (articles.freshness)."""

import datetime
import importlib
import threading
import time

import pytest
from django.core.cache import cache
from django.db import connection, connections, transaction
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation

from articles import freshness
from articles.freshness import archive_version, cached, cached_count
from articles.models import Article, Company, Deal
from tests.factories import ArticleFactory, BidFactory, CompanyFactory, DealFactory

DEALS = reverse("articles:deal_list")


def _insert_company_by_sql():
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO articles_company (name, slug, country, description, website) "
            "VALUES ('Raw Corp', 'raw-corp', 'US', '', '')"
        )


WRITE_PATHS = {
    "save": lambda deal: DealFactory(),
    "update()": lambda deal: Deal.objects.filter(pk=deal.pk).update(title="Renamed"),
    "bulk_create": lambda deal: Company.objects.bulk_create(
        [Company(name="Bulk Co", slug="bulk-co", country="FR")]
    ),
    "bulk_update": lambda deal: Deal.objects.bulk_update(
        [Deal(pk=deal.pk, title="Bulk renamed")], ["title"]
    ),
    "many-to-many add": lambda deal: deal.articles.add(ArticleFactory()),
    "delete()": lambda deal: Deal.objects.filter(pk=deal.pk).delete(),
    "raw SQL": lambda deal: _insert_company_by_sql(),
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", WRITE_PATHS)
def test_every_write_path_moves_the_version(path):
    deal = DealFactory()
    before = freshness.current()
    WRITE_PATHS[path](deal)
    after = freshness.current()
    assert after.number != before.number
    assert after.changed_at >= before.changed_at


@pytest.mark.django_db
def test_a_read_leaves_the_version_be():
    DealFactory()
    before = archive_version()
    list(Deal.objects.for_list())
    Company.objects.count()
    assert archive_version() == before


@pytest.mark.django_db
@pytest.mark.postgres
def test_copy_and_truncate_move_the_version():
    before = archive_version()
    with (
        connection.cursor() as cursor,
        cursor.copy("COPY articles_source (name, slug, homepage) FROM STDIN") as copy,
    ):
        copy.write_row(("Copied Times", "copied-times", ""))
    after_copy = archive_version()
    assert after_copy != before
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE articles_article_companies")
    assert archive_version() != after_copy


@pytest.fixture
def tiktok(db):
    return DealFactory(title="Forced sale of TikTok", slug="tiktok", status=Deal.Status.ANNOUNCED)


def _status_counts(client):
    # A parameter of its own: the page is made again (not kept), from the
    # facet counts kept for the list.
    response = client.get(DEALS, {"utm_source": "newsletter"})
    return {c["value"]: c["count"] for c in response.context["facets"]["status"]}


def test_a_kept_page_says_so_in_its_server_timing(client, tiktok):
    first = client.get(DEALS)
    assert "Server-Timing" not in first
    kept = client.get(DEALS)
    assert kept["Server-Timing"] == 'page;desc="kept"'
    assert kept.content == first.content
    Deal.objects.filter(pk=tiktok.pk).update(title="Forced sale of TikTok US")
    assert "Server-Timing" not in client.get(DEALS)


def test_a_kept_list_shows_a_bulk_update_at_once(client, tiktok):
    """Pages, row fragments, counts and facets, all written by update()."""
    assert "Forced sale of TikTok" in client.get(DEALS).content.decode()
    assert _status_counts(client)["announced"] == 1
    Deal.objects.filter(pk=tiktok.pk).update(
        title="Forced sale of TikTok US", status=Deal.Status.ABANDONED
    )
    page = client.get(DEALS).content.decode()
    assert "Forced sale of TikTok US" in page
    counts = _status_counts(client)
    assert counts["announced"] == 0 and counts["abandoned"] == 1


def test_a_kept_deal_page_shows_a_raw_sql_change_at_once(client, tiktok):
    path = tiktok.get_absolute_url()
    assert "Forced sale of TikTok" in client.get(path).content.decode()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_deal SET title = %s WHERE id = %s", ["Sold", tiktok.pk])
    assert "<h1>Sold</h1>" in client.get(path).content.decode().replace("\n", "")


def test_cached_counts_follow_a_bulk_create(db):
    companies = Company.objects.filter(country="FR")
    assert cached_count(companies) == 0
    Company.objects.bulk_create([Company(name="Bulk Co", slug="bulk-co", country="FR")])
    assert cached_count(companies) == 1


def test_language_choices_follow_a_bulk_create(client, db):
    ArticleFactory(language="en")
    assert [code for code, _ in Article.objects.language_choices()] == ["en"]
    source = ArticleFactory().source
    Article.objects.bulk_create(
        [
            Article(
                title="Rachat",
                slug="rachat",
                source=source,
                language="fr",
                published_on=datetime.date(2020, 9, 14),
                url="https://example.com/rachat",
            )
        ]
    )
    assert {code for code, _ in Article.objects.language_choices()} == {"en", "fr"}


def test_a_bid_added_by_bulk_create_shows_on_the_kept_list(client, tiktok):
    assert "Late Bidder" not in client.get(DEALS).content.decode()
    bid = BidFactory(deal=tiktok)
    bidder = CompanyFactory(name="Late Bidder")
    bid.bidders.through.objects.bulk_create([bid.bidders.through(bid=bid, company=bidder)])
    assert "Late Bidder" in client.get(DEALS).content.decode()


def test_only_listed_layers_may_be_cached(db):
    with pytest.raises(ValueError, match="not a cache layer"):
        cached("elsewhere", "x", lambda: 1)


@pytest.mark.django_db
def test_a_rolled_back_change_never_gives_its_version_again():
    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        DealFactory()
        seen_inside = archive_version()
        raise Undo
    DealFactory()
    assert archive_version() != seen_inside


@pytest.mark.django_db
def test_every_curated_table_carries_the_trigger():
    tables = set(freshness.curated_tables())
    assert {"articles_deal", "articles_bid_bidders", "articles_article_companies"} <= tables
    assert not tables & {"articles_dealtally", "articles_archivestate", "articles_historicaldeal"}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = 'articles_archive_bump'"
            )
            covered = {name for (name,) in cursor.fetchall()}
        else:
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
            names = {name for _table, name in cursor.fetchall()}
            covered = {
                table
                for table in tables
                if all(f"articles_archive_bump_{table}_{e}" in names for e in ("insert", "update"))
                and f"articles_archive_bump_{table}_delete" in names
            }
    assert covered == tables


# The migrations that create the triggers, each for the tables curated since
# the one before: 0011 with the shared function and sequence, the others
# adding tables.
TRIGGER_MIGRATIONS = [
    "0011_archive_state",
    "0020_review_triggers_and_permissions",
    "0022_status_period_ranges_and_triggers",
    "0024_review_status_periods",
]


@pytest.mark.parametrize("vendor", ["postgresql", "sqlite"])
def test_the_migrations_froze_todays_triggers(vendor):
    """The migrations carry their own SQL; if the definition in
    articles.freshness changes, or a curated table is added, a new
    migration must apply it."""
    migrations = [
        importlib.import_module(f"articles.migrations.{name}") for name in TRIGGER_MIGRATIONS
    ]
    assert freshness.curated_tables() == sorted(t for m in migrations for t in m.TABLES), (
        "the curated tables changed: add a migration that creates their triggers"
    )
    for index, migration in enumerate(migrations):
        assert migration.CREATE[vendor] == freshness.trigger_sql(vendor, migration.TABLES)
        assert migration.DROP[vendor] == freshness.drop_trigger_sql(
            vendor, migration.TABLES, shared=index == 0
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
def test_a_reader_sees_the_new_version_only_with_the_change():
    """A change not yet committed is invisible to other connections, and so
    is its version: what they cache meanwhile is under the old one."""
    DealFactory(title="Before")
    before = archive_version()

    def titles():
        return list(Deal.objects.values_list("title", flat=True))

    written, release = threading.Event(), threading.Event()

    def curator():
        try:
            with transaction.atomic():
                Deal.objects.update(title="After")
                written.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=curator)
    thread.start()
    assert written.wait(10)
    assert archive_version() == before  # not committed yet
    assert cached(
        "count", "titles", lambda: list(Deal.objects.values_list("title", flat=True))
    ) == ["Before"]
    release.set()
    thread.join()
    assert archive_version() != before
    assert cached(
        "count", "titles", lambda: list(Deal.objects.values_list("title", flat=True))
    ) == ["After"]


@pytest.mark.django_db
def test_a_kept_page_is_served_while_the_database_is_unreachable(client, tiktok, monkeypatch):
    """The last version this process read stands in for the database's."""
    client.get(DEALS)

    def unreachable():
        raise freshness.OperationalError("the server closed the connection")

    monkeypatch.setattr(freshness, "_read_version", unreachable)
    response = client.get(DEALS)
    assert response.status_code == 200
    assert "Forced sale of TikTok" in response.content.decode()


def slow_page(built: list[int], gate: threading.Event):
    """A view that counts the pages it made, each waiting for ``gate``."""

    def view(request):
        built.append(len(built) + 1)
        gate.wait(5)
        return HttpResponse(f"page {len(built)}")

    return freshness.cached_page(view)


def at_version(monkeypatch, number: int, changed_ago: float) -> None:
    changed_at = timezone.now() - datetime.timedelta(seconds=changed_ago)
    monkeypatch.setattr(freshness, "current", lambda: freshness.Version(number, changed_at))


def test_concurrent_first_requests_after_a_change_make_the_page_once(rf, monkeypatch):
    built: list[int] = []
    gate = threading.Event()
    serve = slow_page(built, gate)
    gate.set()
    at_version(monkeypatch, 1, changed_ago=3600)
    assert serve(rf.get("/stampede/")).content == b"page 1"

    # A change: eight readers at once while the page is made again slowly.
    at_version(monkeypatch, 2, changed_ago=0)
    gate.clear()
    responses = []

    def read():
        responses.append(serve(rf.get("/stampede/")))

    readers = [threading.Thread(target=read) for _ in range(8)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join(timeout=0.5)  # the seven not making it are answered at once
    assert len(responses) == 7
    assert {r.content for r in responses} == {b"page 1"}
    assert {r["Server-Timing"] for r in responses} == {freshness.STALE_TIMING}
    gate.set()
    for reader in readers:
        reader.join()
    assert built == [1, 2]  # made once after the change
    assert responses[-1].content == b"page 2"
    kept = serve(rf.get("/stampede/"))
    assert (kept.content, kept["Server-Timing"]) == (b"page 2", freshness.KEPT_TIMING)


def test_the_page_from_before_a_change_is_served_only_briefly(rf, monkeypatch):
    built: list[int] = []
    gate = threading.Event()
    gate.set()
    serve = slow_page(built, gate)
    at_version(monkeypatch, 1, changed_ago=3600)
    serve(rf.get("/brief/"))
    # Changed longer ago than STALE_SECONDS, and another request is making
    # the page (it holds the turn): a reader waits for it, not served the
    # old page; the maker stuck, the reader makes it itself.
    at_version(monkeypatch, 2, changed_ago=freshness.STALE_SECONDS + 1)
    parts = ("/brief/", "testserver", "http", translation.get_language(), timezone.localdate())
    cache.add(freshness._key("page-rebuild", parts, 2), True, 60)
    monkeypatch.setattr(freshness, "REBUILD_WAIT_SECONDS", 0.2)
    started = time.monotonic()
    response = serve(rf.get("/brief/"))
    assert time.monotonic() - started >= 0.2  # it waited
    assert response.content == b"page 2"
    assert "Server-Timing" not in response
    assert built == [1, 2]
