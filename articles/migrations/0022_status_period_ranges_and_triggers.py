"""Status periods: PostgreSQL's GiST index over their date ranges and its
rule against two overlapping periods of one record; and the archive-version
triggers of the two new curated tables (articles.freshness), frozen here
(tests/test_freshness.py compares them with today's definition)."""

from django.db import migrations

TABLES = ["articles_bidstatusperiod", "articles_dealstatusperiod"]

CREATE = {
    "postgresql": [
        "CREATE SEQUENCE IF NOT EXISTS articles_archive_version START 2;",
        "CREATE OR REPLACE FUNCTION articles_archive_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, nextval('articles_archive_version'), clock_timestamp()) ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, changed_at = EXCLUDED.changed_at; RETURN NULL; END $$;",
        "CREATE OR REPLACE TRIGGER articles_archive_bump BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON articles_bidstatusperiod FOR EACH STATEMENT EXECUTE FUNCTION articles_archive_bump();",
        "CREATE OR REPLACE TRIGGER articles_archive_bump BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON articles_dealstatusperiod FOR EACH STATEMENT EXECUTE FUNCTION articles_archive_bump();",
    ],
    "sqlite": [
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_bidstatusperiod_insert AFTER INSERT ON articles_bidstatusperiod BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_bidstatusperiod_update AFTER UPDATE ON articles_bidstatusperiod BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_bidstatusperiod_delete AFTER DELETE ON articles_bidstatusperiod BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_dealstatusperiod_insert AFTER INSERT ON articles_dealstatusperiod BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_dealstatusperiod_update AFTER UPDATE ON articles_dealstatusperiod BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_dealstatusperiod_delete AFTER DELETE ON articles_dealstatusperiod BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
    ],
}
DROP = {
    "postgresql": [
        "DROP TRIGGER articles_archive_bump ON articles_bidstatusperiod;",
        "DROP TRIGGER articles_archive_bump ON articles_dealstatusperiod;",
    ],
    "sqlite": [
        "DROP TRIGGER articles_archive_bump_articles_bidstatusperiod_insert;",
        "DROP TRIGGER articles_archive_bump_articles_bidstatusperiod_update;",
        "DROP TRIGGER articles_archive_bump_articles_bidstatusperiod_delete;",
        "DROP TRIGGER articles_archive_bump_articles_dealstatusperiod_insert;",
        "DROP TRIGGER articles_archive_bump_articles_dealstatusperiod_update;",
        "DROP TRIGGER articles_archive_bump_articles_dealstatusperiod_delete;",
    ],
}

# The index and the rule behind /deals/?as_of= on PostgreSQL: a period's
# dates as one daterange (an empty bound is infinite), spelt exactly as
# articles.querysets.DateRange spells it. btree_gist lets one GiST index
# hold the record's id or the status with the range.
RANGES = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist;",
    *(
        statement
        for table, record in (
            ("articles_dealstatusperiod", "deal_id"),
            ("articles_bidstatusperiod", "bid_id"),
        )
        for statement in (
            f"CREATE INDEX {table}_span_gist ON {table} USING gist "
            "(status, daterange(started_on, ended_on, '[)'));",
            # Known periods only: one whose start, or whose end once closed,
            # is not known cannot be placed.
            f"ALTER TABLE {table} ADD CONSTRAINT {table}_no_overlap EXCLUDE USING gist "
            f"({record} WITH =, daterange(started_on, ended_on, '[)') WITH &&) "
            "WHERE (started_on IS NOT NULL AND (ended_on IS NOT NULL OR is_current));",
        )
    ),
]
UNRANGES = [
    f"{statement}"
    for table in ("articles_dealstatusperiod", "articles_bidstatusperiod")
    for statement in (
        f"ALTER TABLE {table} DROP CONSTRAINT {table}_no_overlap;",
        f"DROP INDEX {table}_span_gist;",
    )
]


def create_triggers(apps, schema_editor):
    for statement in CREATE.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def drop_triggers(apps, schema_editor):
    for statement in DROP.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def create_ranges(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in RANGES:
            schema_editor.execute(statement, params=None)


def drop_ranges(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in UNRANGES:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0021_status_periods"),
    ]

    operations = [
        migrations.RunPython(create_ranges, drop_ranges),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
