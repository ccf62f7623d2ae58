"""What /deals/?as_of= with a review filter reads: for each reviewed deal,
the days on which it was under review by each authority, in each review
status and in each jurisdiction, cut at its own status changes
(DealReviewSpan). The table, its GiST index, then the triggers of the five
tables it is derived from (articles.tallies.REVIEW_SPANS), which derive the
rows of the deals already reviewed."""

from django.db import migrations, models

# The SQL of articles.tallies.REVIEW_SPANS when this migration was written,
# frozen here so that what it builds never changes with that module
# (tests/test_migrations.py compares them).
REVIEW_SPANS = {
    "create": [
        "CREATE FUNCTION articles_deal_review_span_refresh(ids bigint[]) RETURNS void LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM 1 FROM articles_deal WHERE id IN (SELECT unnest(ids)) "
        "ORDER BY id FOR NO KEY UPDATE; DELETE FROM articles_dealreviewspan WHERE deal_id IN "
        "(SELECT unnest(ids)); INSERT INTO articles_dealreviewspan (deal_id, facet, value, "
        "status, deal_type, countries, year, started_on, until) SELECT k.deal_id, k.facet, "
        "k.value, p.status, d.deal_type, d.countries, coalesce(extract(year FROM "
        "d.announced_on)::int, 0), lower(s.days), coalesce(upper(s.days), '9999-12-31'::date) "
        "FROM (SELECT deal_id, facet, value, unnest(range_agg(days)) AS days FROM (SELECT "
        "r.deal_id, f.facet, f.value, daterange(p.started_on, p.ended_on, '[)') AS days FROM "
        "articles_reviewstatusperiod AS p JOIN articles_review AS r ON r.id = p.review_id JOIN "
        "articles_authority AS a ON a.id = r.authority_id, LATERAL (VALUES ('authority', "
        "r.authority_id::text), ('review', p.status::text), ('jurisdiction', "
        "a.jurisdiction::text)) AS f (facet, value) WHERE r.deal_id IN (SELECT unnest(ids)) "
        "AND p.started_on IS NOT NULL AND (p.is_current OR p.ended_on IS NOT NULL)) AS known "
        "GROUP BY deal_id, facet, value) AS k JOIN articles_deal AS d ON d.id = k.deal_id JOIN "
        "articles_dealstatusperiod AS p ON p.deal_id = k.deal_id AND p.started_on IS NOT NULL "
        "AND (p.is_current OR p.ended_on IS NOT NULL) AND daterange(p.started_on, p.ended_on, "
        "'[)') && k.days, LATERAL (SELECT daterange(p.started_on, p.ended_on, '[)') * k.days "
        "AS days) AS s; END $$;",
        "CREATE FUNCTION articles_deal_review_span_reviewstatusperiod_insert() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN PERFORM articles_deal_review_span_refresh(array(SELECT "
        "v.deal_id FROM new_rows AS r JOIN articles_review AS v ON v.id = r.review_id)); "
        "RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_review_span_reviewstatusperiod_insert AFTER INSERT ON "
        "articles_reviewstatusperiod REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION articles_deal_review_span_reviewstatusperiod_insert();",
        "CREATE FUNCTION articles_deal_review_span_reviewstatusperiod_update() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN PERFORM articles_deal_review_span_refresh(array(SELECT "
        "v.deal_id FROM (SELECT review_id, status, started_on, ended_on, is_current FROM "
        "old_rows EXCEPT SELECT review_id, status, started_on, ended_on, is_current FROM "
        "new_rows) AS r JOIN articles_review AS v ON v.id = r.review_id UNION SELECT v.deal_id "
        "FROM (SELECT review_id, status, started_on, ended_on, is_current FROM new_rows EXCEPT "
        "SELECT review_id, status, started_on, ended_on, is_current FROM old_rows) AS r JOIN "
        "articles_review AS v ON v.id = r.review_id)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_review_span_reviewstatusperiod_update AFTER UPDATE ON "
        "articles_reviewstatusperiod REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deal_review_span_reviewstatusperiod_update();",
        "CREATE FUNCTION articles_deal_review_span_reviewstatusperiod_delete() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN PERFORM articles_deal_review_span_refresh(array(SELECT "
        "v.deal_id FROM old_rows AS r JOIN articles_review AS v ON v.id = r.review_id)); "
        "RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_review_span_reviewstatusperiod_delete AFTER DELETE ON "
        "articles_reviewstatusperiod REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION articles_deal_review_span_reviewstatusperiod_delete();",
        "CREATE FUNCTION articles_deal_review_span_reviewstatusperiod_truncate() RETURNS "
        "trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM articles_dealreviewspan; PERFORM "
        "articles_deal_review_span_refresh(array(SELECT DISTINCT deal_id FROM "
        "articles_review)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_review_span_reviewstatusperiod_truncate AFTER TRUNCATE "
        "ON articles_reviewstatusperiod FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deal_review_span_reviewstatusperiod_truncate();",
        "CREATE FUNCTION articles_deal_review_span_review_insert() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_deal_review_span_refresh(array(SELECT r.deal_id "
        "FROM new_rows AS r)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_review_span_review_insert AFTER INSERT ON "
        "articles_review REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deal_review_span_review_insert();",
        "CREATE FUNCTION articles_deal_review_span_review_update() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_deal_review_span_refresh(array(SELECT r.deal_id "
        "FROM (SELECT deal_id, authority_id FROM old_rows EXCEPT SELECT deal_id, authority_id "
        "FROM new_rows) AS r UNION SELECT r.deal_id FROM (SELECT deal_id, authority_id FROM "
        "new_rows EXCEPT SELECT deal_id, authority_id FROM old_rows) AS r)); RETURN NULL; END "
        "$$;",
        "CREATE TRIGGER articles_deal_review_span_review_update AFTER UPDATE ON "
        "articles_review REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH "
        "STATEMENT EXECUTE FUNCTION articles_deal_review_span_review_update();",
        "CREATE FUNCTION articles_deal_review_span_review_delete() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_deal_review_span_refresh(array(SELECT r.deal_id "
        "FROM old_rows AS r)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_review_span_review_delete AFTER DELETE ON "
        "articles_review REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deal_review_span_review_delete();",
        "CREATE FUNCTION articles_deal_review_span_review_truncate() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN DELETE FROM articles_dealreviewspan; PERFORM "
        "articles_deal_review_span_refresh(array(SELECT DISTINCT deal_id FROM "
        "articles_review)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_review_span_review_truncate AFTER TRUNCATE ON "
        "articles_review FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deal_review_span_review_truncate();",
        "CREATE FUNCTION articles_deal_review_span_authority_insert() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_deal_review_span_refresh(array(SELECT v.deal_id "
        "FROM new_rows AS r JOIN articles_review AS v ON v.authority_id = r.id)); RETURN NULL; "
        "END $$;",
        "CREATE TRIGGER articles_deal_review_span_authority_insert AFTER INSERT ON "
        "articles_authority REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_deal_review_span_authority_insert();",
        "CREATE FUNCTION articles_deal_review_span_authority_update() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_deal_review_span_refresh(array(SELECT v.deal_id "
        "FROM (SELECT id, jurisdiction FROM old_rows EXCEPT SELECT id, jurisdiction FROM "
        "new_rows) AS r JOIN articles_review AS v ON v.authority_id = r.id UNION SELECT "
        "v.deal_id FROM (SELECT id, jurisdiction FROM new_rows EXCEPT SELECT id, jurisdiction "
        "FROM old_rows) AS r JOIN articles_review AS v ON v.authority_id = r.id)); RETURN "
        "NULL; END $$;",
        "CREATE TRIGGER articles_deal_review_span_authority_update AFTER UPDATE ON "
        "articles_authority REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH "
        "STATEMENT EXECUTE FUNCTION articles_deal_review_span_authority_update();",
        "CREATE FUNCTION articles_deal_review_span_authority_truncate() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN DELETE FROM articles_dealreviewspan; PERFORM "
        "articles_deal_review_span_refresh(array(SELECT DISTINCT deal_id FROM "
        "articles_review)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_review_span_authority_truncate AFTER TRUNCATE ON "
        "articles_authority FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deal_review_span_authority_truncate();",
        "CREATE FUNCTION articles_deal_review_span_dealstatusperiod_insert() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN PERFORM articles_deal_review_span_refresh(array(SELECT "
        "r.deal_id FROM new_rows AS r)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_review_span_dealstatusperiod_insert AFTER INSERT ON "
        "articles_dealstatusperiod REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION articles_deal_review_span_dealstatusperiod_insert();",
        "CREATE FUNCTION articles_deal_review_span_dealstatusperiod_update() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN PERFORM articles_deal_review_span_refresh(array(SELECT "
        "r.deal_id FROM (SELECT deal_id, status, started_on, ended_on, is_current FROM "
        "old_rows EXCEPT SELECT deal_id, status, started_on, ended_on, is_current FROM "
        "new_rows) AS r UNION SELECT r.deal_id FROM (SELECT deal_id, status, started_on, "
        "ended_on, is_current FROM new_rows EXCEPT SELECT deal_id, status, started_on, "
        "ended_on, is_current FROM old_rows) AS r)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_review_span_dealstatusperiod_update AFTER UPDATE ON "
        "articles_dealstatusperiod REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR "
        "EACH STATEMENT EXECUTE FUNCTION articles_deal_review_span_dealstatusperiod_update();",
        "CREATE FUNCTION articles_deal_review_span_dealstatusperiod_delete() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN PERFORM articles_deal_review_span_refresh(array(SELECT "
        "r.deal_id FROM old_rows AS r)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_review_span_dealstatusperiod_delete AFTER DELETE ON "
        "articles_dealstatusperiod REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION articles_deal_review_span_dealstatusperiod_delete();",
        "CREATE FUNCTION articles_deal_review_span_dealstatusperiod_truncate() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN DELETE FROM articles_dealreviewspan; PERFORM "
        "articles_deal_review_span_refresh(array(SELECT DISTINCT deal_id FROM "
        "articles_review)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_review_span_dealstatusperiod_truncate AFTER TRUNCATE ON "
        "articles_dealstatusperiod FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deal_review_span_dealstatusperiod_truncate();",
        "CREATE FUNCTION articles_deal_review_span_deal_insert() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_deal_review_span_refresh(array(SELECT r.id FROM "
        "new_rows AS r)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_review_span_deal_insert AFTER INSERT ON articles_deal "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deal_review_span_deal_insert();",
        "CREATE FUNCTION articles_deal_review_span_deal_update() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_deal_review_span_refresh(array(SELECT r.id FROM "
        "(SELECT id, deal_type, countries, announced_on FROM old_rows EXCEPT SELECT id, "
        "deal_type, countries, announced_on FROM new_rows) AS r UNION SELECT r.id FROM (SELECT "
        "id, deal_type, countries, announced_on FROM new_rows EXCEPT SELECT id, deal_type, "
        "countries, announced_on FROM old_rows) AS r)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_review_span_deal_update AFTER UPDATE ON articles_deal "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_deal_review_span_deal_update();",
        "CREATE FUNCTION articles_deal_review_span_deal_delete() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_deal_review_span_refresh(array(SELECT r.id FROM "
        "old_rows AS r)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_review_span_deal_delete AFTER DELETE ON articles_deal "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deal_review_span_deal_delete();",
        "CREATE FUNCTION articles_deal_review_span_deal_truncate() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN DELETE FROM articles_dealreviewspan; PERFORM "
        "articles_deal_review_span_refresh(array(SELECT DISTINCT deal_id FROM "
        "articles_review)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_review_span_deal_truncate AFTER TRUNCATE ON "
        "articles_deal FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deal_review_span_deal_truncate();",
        "SELECT articles_deal_review_span_refresh(array(SELECT DISTINCT deal_id FROM "
        "articles_review));",
    ],
    "drop": [
        "DROP TRIGGER articles_deal_review_span_reviewstatusperiod_insert ON "
        "articles_reviewstatusperiod;",
        "DROP FUNCTION articles_deal_review_span_reviewstatusperiod_insert();",
        "DROP TRIGGER articles_deal_review_span_reviewstatusperiod_update ON "
        "articles_reviewstatusperiod;",
        "DROP FUNCTION articles_deal_review_span_reviewstatusperiod_update();",
        "DROP TRIGGER articles_deal_review_span_reviewstatusperiod_delete ON "
        "articles_reviewstatusperiod;",
        "DROP FUNCTION articles_deal_review_span_reviewstatusperiod_delete();",
        "DROP TRIGGER articles_deal_review_span_reviewstatusperiod_truncate ON "
        "articles_reviewstatusperiod;",
        "DROP FUNCTION articles_deal_review_span_reviewstatusperiod_truncate();",
        "DROP TRIGGER articles_deal_review_span_review_insert ON articles_review;",
        "DROP FUNCTION articles_deal_review_span_review_insert();",
        "DROP TRIGGER articles_deal_review_span_review_update ON articles_review;",
        "DROP FUNCTION articles_deal_review_span_review_update();",
        "DROP TRIGGER articles_deal_review_span_review_delete ON articles_review;",
        "DROP FUNCTION articles_deal_review_span_review_delete();",
        "DROP TRIGGER articles_deal_review_span_review_truncate ON articles_review;",
        "DROP FUNCTION articles_deal_review_span_review_truncate();",
        "DROP TRIGGER articles_deal_review_span_authority_insert ON articles_authority;",
        "DROP FUNCTION articles_deal_review_span_authority_insert();",
        "DROP TRIGGER articles_deal_review_span_authority_update ON articles_authority;",
        "DROP FUNCTION articles_deal_review_span_authority_update();",
        "DROP TRIGGER articles_deal_review_span_authority_truncate ON articles_authority;",
        "DROP FUNCTION articles_deal_review_span_authority_truncate();",
        "DROP TRIGGER articles_deal_review_span_dealstatusperiod_insert ON "
        "articles_dealstatusperiod;",
        "DROP FUNCTION articles_deal_review_span_dealstatusperiod_insert();",
        "DROP TRIGGER articles_deal_review_span_dealstatusperiod_update ON "
        "articles_dealstatusperiod;",
        "DROP FUNCTION articles_deal_review_span_dealstatusperiod_update();",
        "DROP TRIGGER articles_deal_review_span_dealstatusperiod_delete ON "
        "articles_dealstatusperiod;",
        "DROP FUNCTION articles_deal_review_span_dealstatusperiod_delete();",
        "DROP TRIGGER articles_deal_review_span_dealstatusperiod_truncate ON "
        "articles_dealstatusperiod;",
        "DROP FUNCTION articles_deal_review_span_dealstatusperiod_truncate();",
        "DROP TRIGGER articles_deal_review_span_deal_insert ON articles_deal;",
        "DROP FUNCTION articles_deal_review_span_deal_insert();",
        "DROP TRIGGER articles_deal_review_span_deal_update ON articles_deal;",
        "DROP FUNCTION articles_deal_review_span_deal_update();",
        "DROP TRIGGER articles_deal_review_span_deal_delete ON articles_deal;",
        "DROP FUNCTION articles_deal_review_span_deal_delete();",
        "DROP TRIGGER articles_deal_review_span_deal_truncate ON articles_deal;",
        "DROP FUNCTION articles_deal_review_span_deal_truncate();",
        "DROP FUNCTION articles_deal_review_span_refresh(bigint[]);",
    ],
}

# The index a day's list reads: the rows of one authority, status or
# jurisdiction open that day, spelt as articles.querysets.DateRange spells it.
INDEX = [
    "CREATE INDEX articles_dealreviewspan_days_gist ON articles_dealreviewspan USING gist "
    "(facet, value, daterange(started_on, until, '[)'));",
]
UNINDEX = ["DROP INDEX articles_dealreviewspan_days_gist;"]


def _execute(schema_editor, statements):
    # PostgreSQL's; elsewhere the table stays empty and unread.
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement)


def create(apps, schema_editor):
    _execute(schema_editor, INDEX + REVIEW_SPANS["create"])


def drop(apps, schema_editor):
    _execute(schema_editor, REVIEW_SPANS["drop"] + UNINDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0027_as_of_tallies"),
    ]

    operations = [
        migrations.CreateModel(
            name="DealReviewSpan",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("deal_id", models.BigIntegerField()),
                ("facet", models.TextField()),
                ("value", models.TextField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("rumoured", "Rumoured"),
                            ("in_talks", "In talks"),
                            ("announced", "Announced"),
                            ("pending_approval", "Pending approval"),
                            ("completed", "Completed"),
                            ("abandoned", "Abandoned"),
                            ("blocked", "Blocked"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "deal_type",
                    models.CharField(
                        choices=[
                            ("acquisition", "Acquisition"),
                            ("merger", "Merger"),
                            ("divestiture", "Divestiture"),
                            ("forced_sale", "Forced sale"),
                            ("minority_stake", "Minority stake"),
                            ("partnership", "Partnership"),
                            ("joint_venture", "Joint venture"),
                        ],
                        max_length=20,
                    ),
                ),
                ("countries", models.TextField(blank=True)),
                ("year", models.IntegerField(default=0)),
                ("started_on", models.DateField()),
                ("until", models.DateField()),
            ],
            options={
                "indexes": [models.Index(fields=["deal_id"], name="deal_review_span_deal_idx")],
            },
        ),
        migrations.RunPython(create, drop),
    ]
