"""The deals by status, type and country, without the year
(DealCountryTally): the table, then its triggers
(articles.tallies.DEAL_COUNTRIES), which count the deals already held."""

from django.db import migrations, models

# The SQL of articles.tallies.DEAL_COUNTRIES when this migration was written,
# frozen here so that what it builds never changes with that module
# (tests/test_migrations.py compares them).
DEAL_COUNTRY_TALLY = {
    "create": [
        "CREATE FUNCTION articles_deal_country_tally_insert() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN INSERT INTO articles_dealcountrytally AS tally (status, "
        "deal_type, country, deals) SELECT status, deal_type, country, SUM(delta) FROM "
        "(SELECT r.status, r.deal_type, code, 1 AS delta FROM new_rows AS r, LATERAL (SELECT "
        "DISTINCT code FROM unnest(array_append(string_to_array(coalesce(r.countries, ''), "
        "','), '')) AS code) AS codes) AS changes (status, deal_type, country, delta) GROUP "
        "BY status, deal_type, country ORDER BY status, deal_type, country ON CONFLICT "
        "(status, deal_type, country) DO UPDATE SET deals = tally.deals + EXCLUDED.deals; "
        "RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_country_tally_insert AFTER INSERT ON articles_deal "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deal_country_tally_insert();",
        "CREATE FUNCTION articles_deal_country_tally_delete() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN INSERT INTO articles_dealcountrytally AS tally (status, "
        "deal_type, country, deals) SELECT status, deal_type, country, SUM(delta) FROM "
        "(SELECT r.status, r.deal_type, code, -1 AS delta FROM old_rows AS r, LATERAL (SELECT "
        "DISTINCT code FROM unnest(array_append(string_to_array(coalesce(r.countries, ''), "
        "','), '')) AS code) AS codes) AS changes (status, deal_type, country, delta) GROUP "
        "BY status, deal_type, country ORDER BY status, deal_type, country ON CONFLICT "
        "(status, deal_type, country) DO UPDATE SET deals = tally.deals + EXCLUDED.deals; "
        "RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_country_tally_delete AFTER DELETE ON articles_deal "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deal_country_tally_delete();",
        "CREATE FUNCTION articles_deal_country_tally_update() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN INSERT INTO articles_dealcountrytally AS tally (status, "
        "deal_type, country, deals) SELECT status, deal_type, country, SUM(delta) FROM "
        "(SELECT r.status, r.deal_type, code, -1 AS delta FROM (SELECT status, deal_type, "
        "countries FROM old_rows EXCEPT ALL SELECT status, deal_type, countries FROM "
        "new_rows) AS r, LATERAL (SELECT DISTINCT code FROM "
        "unnest(array_append(string_to_array(coalesce(r.countries, ''), ','), '')) AS code) "
        "AS codes UNION ALL SELECT r.status, r.deal_type, code, 1 AS delta FROM (SELECT "
        "status, deal_type, countries FROM new_rows EXCEPT ALL SELECT status, deal_type, "
        "countries FROM old_rows) AS r, LATERAL (SELECT DISTINCT code FROM "
        "unnest(array_append(string_to_array(coalesce(r.countries, ''), ','), '')) AS code) "
        "AS codes) AS changes (status, deal_type, country, delta) GROUP BY status, deal_type, "
        "country ORDER BY status, deal_type, country ON CONFLICT (status, deal_type, country) "
        "DO UPDATE SET deals = tally.deals + EXCLUDED.deals; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_country_tally_update AFTER UPDATE ON articles_deal "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_deal_country_tally_update();",
        "CREATE FUNCTION articles_deal_country_tally_truncate() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN DELETE FROM articles_dealcountrytally; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_country_tally_truncate AFTER TRUNCATE ON articles_deal  "
        "FOR EACH STATEMENT EXECUTE FUNCTION articles_deal_country_tally_truncate();",
        "INSERT INTO articles_dealcountrytally AS tally (status, deal_type, country, deals) "
        "SELECT status, deal_type, country, SUM(delta) FROM (SELECT r.status, r.deal_type, "
        "code, 1 AS delta FROM articles_deal AS r, LATERAL (SELECT DISTINCT code FROM "
        "unnest(array_append(string_to_array(coalesce(r.countries, ''), ','), '')) AS code) "
        "AS codes) AS changes (status, deal_type, country, delta) GROUP BY status, deal_type, "
        "country ORDER BY status, deal_type, country ON CONFLICT (status, deal_type, country) "
        "DO UPDATE SET deals = tally.deals + EXCLUDED.deals;",
    ],
    "drop": [
        "DROP TRIGGER articles_deal_country_tally_insert ON articles_deal;",
        "DROP FUNCTION articles_deal_country_tally_insert();",
        "DROP TRIGGER articles_deal_country_tally_delete ON articles_deal;",
        "DROP FUNCTION articles_deal_country_tally_delete();",
        "DROP TRIGGER articles_deal_country_tally_update ON articles_deal;",
        "DROP FUNCTION articles_deal_country_tally_update();",
        "DROP TRIGGER articles_deal_country_tally_truncate ON articles_deal;",
        "DROP FUNCTION articles_deal_country_tally_truncate();",
    ],
}


def _execute(schema_editor, statements):
    # PostgreSQL's; elsewhere the tally stays empty and unread.
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement)


def create(apps, schema_editor):
    _execute(schema_editor, DEAL_COUNTRY_TALLY["create"])


def drop(apps, schema_editor):
    _execute(schema_editor, DEAL_COUNTRY_TALLY["drop"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0034_record_versions"),
    ]

    operations = [
        migrations.CreateModel(
            name="DealCountryTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
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
                ("country", models.TextField(blank=True)),
                ("deals", models.IntegerField()),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("status", "deal_type", "country"), name="deal_country_tally_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(create, drop),
    ]
