"""Freshness: every cache layer of the site, what it keys on, and what makes
it stale. This module is the one place that owns it.

The archive has one version, kept by the database itself in the single row
of ``ArchiveState``: a trigger on every curated table moves it on every
statement that writes there, whatever wrote it (the admin, ``update()``,
``bulk_create``, raw SQL, COPY, TRUNCATE, a restore). Every cached value is
keyed on the version it was computed at, so a change makes every layer miss
at once and stale entries simply expire (``TIMEOUT``). Where PostgreSQL keeps
each deal's and company's own version (articles.record_versions), their pages
are keyed on that instead, so that a save leaves the pages of the records it
did not touch kept. One exception, bounded:
while one request makes a page again after a change, the others asking for
it are served the page last made, for at most ``STALE_SECONDS`` after the
change (``cached_page``).

Because the version is a row, it moves inside the writing transaction: other
connections see the new version exactly when they can see the change. A
reader that read the old version and then the new data caches it under the
old version, which nobody reads again. A rolled-back change never reuses a
version (PostgreSQL draws it from a sequence, SQLite at random).

Each request reads the version once from the primary database (one small
query, memoised for the request by ``ArchiveVersionMiddleware``), so that
every worker sees a change at once whatever the cache backend. While the
database is unreachable the last version this process read is used, so that
kept pages still answer during an outage.
"""

import dataclasses
import datetime
import functools
import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import resolve
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime

from . import dialect, record_versions

TIMEOUT = 60 * 60  # stale keys are unreachable anyway; this only frees memory
# A page larger than this is answered but never kept: the largest real page
# (a giant's deal list, 25 rows) is about 110 KB.
MAX_KEPT_PAGE_BYTES = 512 * 1024


@dataclasses.dataclass(frozen=True)
class Layer:
    """One cache layer: its namespace in the keys, where it is filled, and
    what its keys hold besides the archive's version."""

    namespace: str
    filled_by: str
    keyed_on: str


# Every layer keyed on the archive's version; ``cached()`` refuses any other
# namespace, so that this list stays the whole truth.
LAYERS = (
    Layer("page", "cached_page (public pages and feeds; and the page last made,"
          " served for STALE_SECONDS after a change while one request makes it again)",
          "address, host, scheme, language, date; a deal's or company's page:"
          " that record's version instead of the archive's (record_versions)"),
    Layer("deal_row", "fragments.deal_rows (a list's rows: the deal table's, the home's cards)",
          "shape, deal id, language, date; on PostgreSQL the deal's own version"
          " instead of the archive's (record_versions.row_version)"),
    Layer("count", "cached_count (paginators, company pages)", "the count's SQL"),
    Layer("facets", "counting.DealCounts (the deal list's facets)",
          "the other filters' SQL and the choices made"),
    Layer("languages", "ArticleQuerySet.language_choices", "the model"),
    Layer("companies", "company_names.likely_duplicates (the worklist)", "the question"),
    Layer("api", "api.views.ArchiveViewSet.kept (a list's first page, a record)",
          "address, host, scheme"),
    Layer("charts", "chart_data (the tallies behind the charts)", "the tally's SQL, the date"),
)  # fmt: skip
NAMESPACES = frozenset(layer.namespace for layer in LAYERS)


# The version ------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Version:
    number: int
    changed_at: datetime.datetime | None  # None before the first change


# The statement that moves the version: a trigger's body, and bump().
BUMP_SQL = {
    "postgresql": (
        "INSERT INTO articles_archivestate (id, version, changed_at) "
        "VALUES (1, nextval('articles_archive_version'), clock_timestamp()) "
        "ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, "
        "changed_at = EXCLUDED.changed_at;"
    ),
    "sqlite": (
        "INSERT INTO articles_archivestate (id, version, changed_at) "
        "VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) "
        "ON CONFLICT (id) DO UPDATE SET version = excluded.version, "
        "changed_at = excluded.changed_at;"
    ),
}

_memo: ContextVar[dict[str, Version] | None] = ContextVar("archive_version_memo", default=None)
_last_read: Version | None = None  # for an outage


def current() -> Version:
    """The archive's version, read from the primary (once per request)."""
    global _last_read
    memo = _memo.get()
    if memo is not None and "version" in memo:
        return memo["version"]
    try:
        version = _read_version()
    except (OperationalError, InterfaceError):
        if _last_read is None:
            raise
        return _last_read
    _last_read = version
    if memo is not None:
        memo["version"] = version
    return version


def _read_version() -> Version:
    # Plain SQL: every request makes this read, and the ORM's query building
    # cost five times the query itself (about 500 against 90 microseconds).
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT version, changed_at FROM articles_archivestate WHERE id = 1")
        row = cursor.fetchone()
    if row is None:  # no row yet (a test database flushed): the first write makes it
        return Version(0, None)
    number, changed_at = row
    if isinstance(changed_at, str):
        changed_at = parse_datetime(changed_at)
    if changed_at is not None and timezone.is_naive(changed_at):  # SQLite keeps UTC
        changed_at = changed_at.replace(tzinfo=datetime.UTC)
    return Version(number, changed_at)


def _has_record_versions(cursor: Any) -> bool:
    # Not before migration 0034, nor after it is migrated back.
    cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [record_versions.TABLE])
    return bool(cursor.fetchone()[0])


def archive_version() -> int:
    return current().number


def changed_within(seconds: float) -> bool:
    """Whether a curated change was made in the last ``seconds``."""
    changed_at = current().changed_at
    return changed_at is not None and timezone.now() - changed_at < datetime.timedelta(
        seconds=seconds
    )


def bump_archive_version(using: str = DEFAULT_DB_ALIAS) -> None:
    """Move the version, and every record's (record_versions), as a
    curated write reaching everything would: every layer misses. For the
    benchmark's uncached runs; writes to curated tables need no call."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(BUMP_SQL[connection.vendor])
        if dialect.of(using).keeps_record_versions and _has_record_versions(cursor):
            cursor.execute(record_versions.BUMP_WIDE)
    memo = _memo.get()
    if memo is not None:
        memo.pop("version", None)


class ArchiveVersionMiddleware:
    """Reads the version at most once per safe request (none for a request
    that reads nothing cached). Unsafe requests read it each time: they
    write, and what they cache afterwards must carry their new version."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            return self.get_response(request)
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


# The triggers -----------------------------------------------------------


def curated_tables() -> list[str]:
    """The tables whose rows a reader sees: the curated models and their
    many-to-many links. History, tallies and this state are not."""
    tables = []
    for model in apps.get_app_config("articles").get_models():
        if model._meta.label in DERIVED_MODELS or model._meta.label.startswith(HISTORY_PREFIX):
            continue
        tables.append(model._meta.db_table)
        tables += [
            # The stubs type ``through`` optional; a loaded many-to-many field has one.
            field.remote_field.through._meta.db_table  # type: ignore[union-attr]
            for field in model._meta.many_to_many
        ]
    return sorted(tables)


DERIVED_MODELS = frozenset(
    {
        "articles.ArchiveState",
        "articles.DealTally",
        "articles.DealCountryTally",
        "articles.ArticleTally",
        "articles.DeadlineTally",
        "articles.DeadlineMonthTally",
        "articles.DealValueTally",
        "articles.DealStatusDayTally",
        "articles.EarlyStatusPeriod",
        "articles.DealReviewSpan",
        "articles.CompanyDealRole",
        "articles.RecordVersion",
        # Not derived, but on no public page: the story desk's lookup.
        "articles.SourceDomain",
    }
)
# django-simple-history's models live in the app too: they are derived.
HISTORY_PREFIX = "articles.Historical"


def trigger_sql(vendor: str, tables: Iterable[str]) -> list[str]:
    """The statements that make ``tables`` move the version on ``vendor``;
    each may run again (ensure_triggers). Migrations freeze their output (a
    test compares the two)."""
    if vendor == "postgresql":
        # BEFORE, so that a transaction takes the version's row lock before
        # any row it writes: two curators' transactions then lock in one
        # order, and cannot deadlock over it.
        return [
            "CREATE SEQUENCE IF NOT EXISTS articles_archive_version START 2;",
            "CREATE OR REPLACE FUNCTION articles_archive_bump() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {BUMP_SQL['postgresql']} RETURN NULL; END $$;",
            *(
                "CREATE OR REPLACE TRIGGER articles_archive_bump BEFORE INSERT OR UPDATE "
                f"OR DELETE OR TRUNCATE ON {table} FOR EACH STATEMENT "
                "EXECUTE FUNCTION articles_archive_bump();"
                for table in tables
            ),
        ]
    # SQLite has row triggers only; it has no TRUNCATE.
    return [
        f"CREATE TRIGGER IF NOT EXISTS articles_archive_bump_{table}_{event.lower()} "
        f"AFTER {event} ON {table} BEGIN {BUMP_SQL['sqlite']} END;"
        for table in tables
        for event in ("INSERT", "UPDATE", "DELETE")
    ]


def drop_trigger_sql(vendor: str, tables: Iterable[str], *, shared: bool = True) -> list[str]:
    """The statements that undo ``trigger_sql``; with ``shared=False`` only
    the tables' triggers, leaving the function and sequence that others use
    (a later migration that added tables)."""
    if vendor == "postgresql":
        drops = [f"DROP TRIGGER articles_archive_bump ON {table};" for table in tables]
        if shared:
            drops += [
                "DROP FUNCTION articles_archive_bump();",
                "DROP SEQUENCE articles_archive_version;",
            ]
        return drops
    return [
        f"DROP TRIGGER articles_archive_bump_{table}_{event};"
        for table in tables
        for event in ("insert", "update", "delete")
    ]


def ensure_triggers(using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """post_migrate: every curated table carries its trigger, and the version
    moves (a migration may have changed what pages show). SQLite drops a
    table's triggers when a migration rebuilds it (most schema changes do),
    and a new curated model needs one too: today's definition is applied
    again, which creates only what is missing."""
    connection = connections[using]
    state = apps.get_model("articles", "ArchiveState")._meta.db_table
    if connection.vendor not in BUMP_SQL or state not in connection.introspection.table_names():
        return  # migrated back to before the version existed
    with connection.cursor() as cursor:
        for statement in trigger_sql(connection.vendor, curated_tables()):
            cursor.execute(statement)
    bump_archive_version(using)


# The layers -------------------------------------------------------------


def _key(namespace: str, parts: Any, version: int | str) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"archive:{version}:{namespace}:{digest}"


def cached[T](namespace: str, parts: Any, compute: Callable[[], T]) -> T:
    """``compute()``, or its result for the same ``parts`` at the current version."""
    if namespace not in NAMESPACES:
        raise ValueError(f"{namespace!r} is not a cache layer of articles.freshness.LAYERS")
    key = _key(namespace, parts, archive_version())
    value: T | None = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def kept_fragments(
    namespace: str,
    fragments: Sequence[tuple[Any, int | None]],
    draw: Callable[[list[int]], list[str]],
) -> list[str]:
    """The fragments of a list, each kept on its own parts and version (the
    archive's where None): all read in one round trip, those missing drawn
    together by ``draw(indexes)`` and stored in one more."""
    if namespace not in NAMESPACES:
        raise ValueError(f"{namespace!r} is not a cache layer of articles.freshness.LAYERS")
    keys = [
        _key(namespace, parts, archive_version() if version is None else version)
        for parts, version in fragments
    ]
    kept = cache.get_many(keys)
    missing = [index for index, key in enumerate(keys) if key not in kept]
    if missing:
        drawn = dict(zip((keys[index] for index in missing), draw(missing), strict=True))
        cache.set_many(drawn, TIMEOUT)
        kept.update(drawn)
    return [kept[key] for key in keys]


def cached_count(queryset: QuerySet[Any]) -> int:
    """``queryset.count()``, computed once per archive version (0 at once
    for a queryset that can hold nothing: ``none()``). Its order is set
    aside, even when it is cut at its first rows: a count is the same in
    any order, and lists that differ only in theirs share one."""
    counted = queryset.all()
    counted.query.clear_ordering(force=True)
    try:
        sql = counted.query.sql_with_params()
    except EmptyResultSet:
        return 0
    return cached("count", sql, counted.count)


KEPT_TIMING = 'page;desc="kept"'
STALE_TIMING = 'page;desc="stale"'

# After a change, the page kept from before it is served for at most this
# long (from the change) to the readers who ask while one request rebuilds
# it; past that they wait for the rebuild. One request rebuilds a page: the
# others wait at most REBUILD_WAIT_SECONDS for it (then build it themselves:
# the rebuilder failed or is stuck), and a rebuilder that died holds the
# page's turn for at most REBUILD_TURN_SECONDS (gunicorn's own timeout).
STALE_SECONDS = 3
REBUILD_WAIT_SECONDS = 10
REBUILD_TURN_SECONDS = 30
_REBUILD_POLL_SECONDS = 0.02


def cached_page(
    view: Callable[..., HttpResponseBase], params: Iterable[str] = (), record: str | None = None
) -> Callable[..., HttpResponseBase]:
    """The view, its pages kept until the archive changes or the day does
    (which turns deadlines overdue). A public page is the same for every
    reader: it depends on its address, host, scheme and language only.

    Only its own addresses are kept: a query string with any parameter but
    ``params`` is answered and not kept, or anyone could fill the cache with
    ?x=1, ?x=2... Only a 200 is kept (not a redirect, an error or a stream),
    and only up to MAX_KEPT_PAGE_BYTES.

    The page of one ``record`` (a kind of articles.record_versions.KINDS,
    found by the ``slug`` in its address) is keyed on that record's own
    version where the database keeps one: a save elsewhere leaves it kept.

    After a change, one request at a time makes a page again (its turn is a
    cache entry that ``add`` takes): the others asking meanwhile are served
    the page last made, for at most STALE_SECONDS after the change, or wait
    for the new one, so that a change never sets every reader of a page
    making it at once."""
    allowed = frozenset(params)

    @functools.wraps(view)
    def serve(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD") or not allowed.issuperset(request.GET):
            return view(request, *args, **kwargs)
        parts = _page_parts(request.get_full_path(), request.get_host(), request.scheme,
                            translation.get_language())  # fmt: skip
        # The version is read before the page is made: a change saved
        # meanwhile makes this key stale at once.
        version = _page_version(record, kwargs)
        key = _key("page", parts, version)
        rebuilding = getattr(request, REBUILDING, False)
        turn = _key("page-rebuild", parts, version)
        content = cache.get(key)
        if content is not None:
            if rebuilding:  # made meanwhile: give its turn back
                cache.delete(turn)
            return _kept(content, KEPT_TIMING)
        latest = _key("page", parts, "latest")  # the page last made, at any version

        def build() -> HttpResponseBase:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                if hasattr(response, "render"):
                    response.render()
                if (
                    isinstance(response, HttpResponse)
                    and len(response.content) <= MAX_KEPT_PAGE_BYTES
                ):
                    cache.set_many({key: response.content, latest: response.content}, TIMEOUT)
            return response

        if rebuilding or cache.add(turn, True, REBUILD_TURN_SECONDS):
            try:
                return build()
            finally:
                cache.delete(turn)
        # Another request is making this page at this version.
        if changed_within(STALE_SECONDS) and (content := cache.get(latest)) is not None:
            return _kept(content, STALE_TIMING)
        deadline = time.monotonic() + REBUILD_WAIT_SECONDS
        while time.monotonic() < deadline and cache.get(turn) is not None:
            time.sleep(_REBUILD_POLL_SECONDS)
            if (content := cache.get(key)) is not None:
                return _kept(content, KEPT_TIMING)
        # Its maker gave up (an error, a page not kept) or is stuck.
        return build()

    serve.record = record  # type: ignore[attr-defined]  # for take_turns
    return serve


def _page_version(record: str | None, kwargs: dict[str, Any]) -> int | str:
    """What a page is keyed on besides its address: its record's version,
    or else the archive's."""
    if record is not None:
        own = record_versions.version_of(record, kwargs["slug"])
        if own is not None:
            return own
    return current().number


# A request made by articles.page_rebuild, which took the page's turn
# beforehand: it makes the page and gives the turn back. An attribute, which
# only code can set (no header a reader could send to force a page made).
REBUILDING = "dealwatch_rebuilding"


def _page_parts(path: str, host: str, scheme: str | None, language: str) -> tuple[Any, ...]:
    """What a kept page is keyed on, besides the version."""
    return (path, host, scheme, language, timezone.localdate())


def committed_version() -> int:
    """The version as last committed, not a request's memo of it (after a
    request's own change commits)."""
    return _read_version().number


def take_turns(pages: Iterable[tuple[str, str, str, str]]) -> None:
    """Take the turns to make ``pages`` (path, host, scheme, language) at
    the current version, for at most STALE_SECONDS: who asks for them
    meanwhile is served the page last made (articles.page_rebuild)."""
    archive = committed_version()
    for path, host, scheme, language in pages:
        with translation.override(language):
            match = resolve(path)
        record = getattr(match.func, "record", None)
        own = record and record_versions.version_of(record, match.kwargs["slug"])
        version = own or archive
        parts = _page_parts(path, host, scheme, language)
        cache.add(_key("page-rebuild", parts, version), True, STALE_SECONDS)


def _kept(content: bytes, timing: str) -> HttpResponse:
    kept = HttpResponse(content)
    # Says to a developer's tools (and the benchmark) that it was kept, or
    # kept from before a change while the page is made again.
    kept["Server-Timing"] = timing
    return kept
