"""Each deal's and each company's own version, so that a save refreshes only
the pages it touched (issue 15).

A deal's page shows the deal, its bids and bidders, deadlines, reviews,
status history and articles; a company's page shows its deals in every role
(with their bidders), its bids, subsidiaries and articles. PostgreSQL keeps a
version for each deal and company (``articles_recordversion``), moved by
statement-level triggers on every curated table: a write moves the version of
every deal whose page it changes and of every company whose page it changes,
which includes every party (target, seller, bidder) of those deals. Saving the
TikTok deal thus moves TikTok's version and ByteDance's, Microsoft's,
Walmart's and Oracle's, and leaves Adobe's page and Figma's kept.

A few writes reach too far to follow record by record: a company renamed
(its name is on the page of every deal it took part in, and of every party
to those deals), a source or an authority renamed, a table emptied. They
move the one ``wide`` version instead, which every deal and company page is
keyed on too.

As with the archive's version, the triggers run inside the writing
statement, so no write bypasses them (the admin, ``update()``, COPY, a
restore), and a reader sees a new version exactly when it can see the change.
Elsewhere than on PostgreSQL nothing is kept, and those pages are keyed on
the archive's version as every other page is (``freshness.cached_page``).

Migration 0034 holds the SQL ``create_sql()`` gave when it was written; a
change here needs a new migration, as for the tallies (tests/test_migrations.py)."""

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import CharField, Expression, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat

from . import dialect

TABLE = "articles_recordversion"
WIDE = "wide"  # the kind of the one version every record's page is keyed on too

# A statement that touches more deals or companies than this (counted with
# repeats) moves the wide version instead.
MOST_RECORDS = 1000

# The version is drawn once per statement, so a statement touching 1,000
# deals writes one new version to each.
TOUCH = (
    "CREATE FUNCTION articles_record_touch(deals bigint[], companies bigint[], wide boolean) "
    "RETURNS void LANGUAGE plpgsql AS $$ "
    "DECLARE drawn bigint := nextval('articles_record_version'); BEGIN "
    # A bulk write (an import, a load) moves every record's pages at once:
    # cheaper than following it record by record, and as right.
    f"IF cardinality(deals) > {MOST_RECORDS} OR cardinality(companies) > {MOST_RECORDS} "
    "THEN deals := '{}'; companies := '{}'; wide := true; END IF; "
    "WITH touched_deals AS (SELECT DISTINCT id FROM unnest(deals) AS d (id)) "
    f"INSERT INTO {TABLE} AS kept (kind, record_id, version) "
    "SELECT kind, id, drawn FROM ("
    "SELECT 'deal', id FROM touched_deals "
    # A deal's parties show it on their pages, with its bidders.
    "UNION SELECT 'company', party FROM ("
    "SELECT unnest(companies) "
    "UNION ALL SELECT d.target_id FROM articles_deal AS d JOIN touched_deals AS t ON t.id = d.id "
    "UNION ALL SELECT d.seller_id FROM articles_deal AS d JOIN touched_deals AS t ON t.id = d.id "
    "UNION ALL SELECT bb.company_id FROM touched_deals AS t "
    "JOIN articles_bid AS b ON b.deal_id = t.id "
    "JOIN articles_bid_bidders AS bb ON bb.bid_id = b.id"
    ") AS parties (party) "
    f"UNION SELECT '{WIDE}', 0 WHERE wide"
    ") AS touched (kind, id) WHERE id IS NOT NULL "
    # In one order: two statements touching the same records cannot deadlock.
    "ORDER BY kind, id "
    "ON CONFLICT (kind, record_id) DO UPDATE SET version = EXCLUDED.version; "
    "END $$;"
)


# Moves every record's pages at once (freshness.bump_archive_version).
BUMP_WIDE = (
    f"INSERT INTO {TABLE} (kind, record_id, version) "
    f"VALUES ('{WIDE}', 0, nextval('articles_record_version')) "
    "ON CONFLICT (kind, record_id) DO UPDATE SET version = EXCLUDED.version"
)


def _via(parent: str, column: str) -> str:
    """The deals of ``{rows}`` that point to a ``parent`` row by ``column``."""
    return f"SELECT p.deal_id FROM {{rows}} AS r JOIN {parent} AS p ON p.id = r.{column}"


# Where an article is a source, the deals whose pages name it: through the
# link to its deals, and through each record that cites it (by ``column``)
# and belongs to a deal directly or through its ``parent``.
_ARTICLE_DEALS = " UNION ALL ".join(
    (
        "SELECT l.deal_id FROM {rows} AS r JOIN articles_article_deals AS l ON l.article_id = r.id",
        "SELECT p.deal_id FROM {rows} AS r JOIN articles_dealstatusperiod AS p "
        "ON p.source_id = r.id",
        *(
            f"SELECT p.deal_id FROM {{rows}} AS r JOIN {citing} AS l ON l.{column} = r.id "
            f"JOIN {parent} AS p ON p.id = l.{parent_column}"
            for citing, column, parent, parent_column in (
                ("articles_bid_sources", "article_id", "articles_bid", "bid_id"),
                ("articles_deadline_sources", "article_id", "articles_deadline", "deadline_id"),
                ("articles_review_sources", "article_id", "articles_review", "review_id"),
                ("articles_bidstatusperiod", "source_id", "articles_bid", "bid_id"),
                ("articles_reviewstatusperiod", "source_id", "articles_review", "review_id"),
            )
        ),
    )
)

# A company's columns that other records' pages show.
_SHOWN_COMPANY_COLUMNS = "name, slug, country"


@dataclass(frozen=True)
class Source:
    """A curated table and, for the rows ``{rows}`` a statement wrote there,
    the deals and companies whose pages changed; ``wide`` says, per event,
    when the write reaches every page instead."""

    table: str
    deals: str = ""
    companies: str = ""
    wide: tuple[tuple[str, str], ...] = ()


SOURCES = (
    Source(
        "articles_deal",
        deals="SELECT r.id FROM {rows} AS r",
        # Its former target and seller too (a deal updated to another target).
        companies=(
            "SELECT r.target_id FROM {rows} AS r UNION ALL SELECT r.seller_id FROM {rows} AS r"
        ),
    ),
    Source("articles_bid", deals="SELECT r.deal_id FROM {rows} AS r"),
    # A bidder taken off the bid is no longer among the deal's parties.
    Source(
        "articles_bid_bidders",
        deals=_via("articles_bid", "bid_id"),
        companies="SELECT r.company_id FROM {rows} AS r",
    ),
    Source("articles_bid_sources", deals=_via("articles_bid", "bid_id")),
    Source("articles_bidstatusperiod", deals=_via("articles_bid", "bid_id")),
    Source(
        "articles_deadline",
        deals=(
            "SELECT r.deal_id FROM {rows} AS r UNION ALL " + _via("articles_review", "review_id")
        ),
    ),
    Source("articles_deadline_sources", deals=_via("articles_deadline", "deadline_id")),
    Source("articles_review", deals="SELECT r.deal_id FROM {rows} AS r"),
    Source("articles_review_sources", deals=_via("articles_review", "review_id")),
    Source("articles_reviewsuspension", deals=_via("articles_review", "review_id")),
    Source("articles_reviewstatusperiod", deals=_via("articles_review", "review_id")),
    Source("articles_dealstatusperiod", deals="SELECT r.deal_id FROM {rows} AS r"),
    Source("articles_article_deals", deals="SELECT r.deal_id FROM {rows} AS r"),
    Source("articles_article_companies", companies="SELECT r.company_id FROM {rows} AS r"),
    Source(
        "articles_article",
        deals=_ARTICLE_DEALS,
        companies=(
            "SELECT l.company_id FROM {rows} AS r "
            "JOIN articles_article_companies AS l ON l.article_id = r.id"
        ),
    ),
    # Its own page, and its parent's (which lists its subsidiaries).
    Source(
        "articles_company",
        companies="SELECT r.id FROM {rows} AS r UNION ALL SELECT r.parent_id FROM {rows} AS r",
        wide=(
            (
                "update",
                f"EXISTS (SELECT {_SHOWN_COMPANY_COLUMNS} FROM old_rows "
                f"EXCEPT SELECT {_SHOWN_COMPANY_COLUMNS} FROM new_rows)",
            ),
            ("delete", "true"),
        ),
    ),
    Source("articles_source", wide=(("update", "true"), ("delete", "true"))),
    Source("articles_authority", wide=(("update", "true"), ("delete", "true"))),
)

_REFERENCING = {
    "insert": "REFERENCING NEW TABLE AS new_rows",
    "delete": "REFERENCING OLD TABLE AS old_rows",
    "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
}
_ROWS = {"insert": ("new_rows",), "delete": ("old_rows",), "update": ("old_rows", "new_rows")}


def _ids(query: str, event: str) -> str:
    if not query:
        return "'{}'::bigint[]"
    return "array(" + " UNION ALL ".join(query.format(rows=rows) for rows in _ROWS[event]) + ")"


def _function(source: Source, event: str) -> str:
    return f"articles_record_{source.table.removeprefix('articles_')}_{event}"


def create_sql() -> list[str]:
    """PostgreSQL statements that create the versions' sequence, functions and triggers."""
    statements = ["CREATE SEQUENCE articles_record_version;", TOUCH]
    for source in SOURCES:
        wide = dict(source.wide)
        for event in ("insert", "update", "delete"):
            touch = (
                f"PERFORM articles_record_touch({_ids(source.deals, event)}, "
                f"{_ids(source.companies, event)}, {wide.get(event, 'false')});"
            )
            statements += [
                f"CREATE FUNCTION {_function(source, event)}() RETURNS trigger "
                f"LANGUAGE plpgsql AS $$ BEGIN {touch} RETURN NULL; END $$;",
                f"CREATE TRIGGER {_function(source, event)} AFTER {event.upper()} ON "
                f"{source.table} {_REFERENCING[event]} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION {_function(source, event)}();",
            ]
        # Emptied, a table may have changed any page.
        statements += [
            f"CREATE FUNCTION {_function(source, 'truncate')}() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN "
            "PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], true); "
            "RETURN NULL; END $$;",
            f"CREATE TRIGGER {_function(source, 'truncate')} AFTER TRUNCATE ON {source.table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {_function(source, 'truncate')}();",
        ]
    return statements


def drop_sql() -> list[str]:
    """PostgreSQL statements that undo ``create_sql()`` (the versions stay)."""
    statements = []
    for source in SOURCES:
        for event in ("insert", "update", "delete", "truncate"):
            statements += [
                f"DROP TRIGGER {_function(source, event)} ON {source.table};",
                f"DROP FUNCTION {_function(source, event)}();",
            ]
    return [
        *statements,
        "DROP FUNCTION articles_record_touch(bigint[], bigint[], boolean);",
        "DROP SEQUENCE articles_record_version;",
    ]


# The pages keyed on a record's version: the record's kind, and its table,
# found by the slug in the page's address.
KINDS = {"deal": "articles_deal", "company": "articles_company"}


def version_of(kind: str, slug: str, using: str = DEFAULT_DB_ALIAS) -> str | None:
    """The version that the page of the ``kind`` record at ``slug`` is keyed
    on (its own and the wide one), in one query; None where none is kept
    (not on PostgreSQL) or no such record exists (a 404 is never kept)."""
    connection = connections[using]
    if not dialect.of(using).keeps_record_versions:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.id, "
            f"(SELECT version FROM {TABLE} WHERE kind = %s AND record_id = r.id), "
            f"(SELECT version FROM {TABLE} WHERE kind = '{WIDE}' AND record_id = 0) "
            f"FROM {KINDS[kind]} AS r WHERE r.slug = %s",
            [kind, slug],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    record_id, own, wide = row
    return f"{kind}:{record_id}:{own}:{wide}"


def row_version() -> Expression:
    """A deal list's annotation: the version a deal's row is kept on (its
    own and the wide one), read with the rows."""
    # Imported here: the models import the querysets, which import this module.
    from .models import RecordVersion

    def version(kind: str, record: OuterRef | int) -> Expression:
        found = RecordVersion.objects.filter(kind=kind, record_id=record).values("version")[:1]
        return Coalesce(Cast(Subquery(found), CharField()), Value("-"))

    return Concat(version("deal", OuterRef("pk")), Value(":"), version(WIDE, 0),
                  output_field=CharField())  # fmt: skip
