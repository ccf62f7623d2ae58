"""The deals' values added up per currency (DealValueTally): the table, then
its triggers (articles.tallies.DEAL_VALUES), which add up the deals already
held."""

from django.db import migrations, models

# The SQL of articles.tallies.DEAL_VALUES when this migration was written,
# frozen here so that what it builds never changes with that module
# (tests/test_migrations.py compares them).
DEAL_VALUE_TALLY = {
    "create": [
        "CREATE FUNCTION articles_deal_value_tally_insert() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN INSERT INTO articles_dealvaluetally AS tally (currency, total) SELECT "
        "currency, SUM(delta) FROM (SELECT r.currency, 1 * coalesce(r.value, 0) AS delta FROM "
        "new_rows AS r) AS changes (currency, delta) GROUP BY currency ORDER BY currency ON "
        "CONFLICT (currency) DO UPDATE SET total = tally.total + EXCLUDED.total; RETURN NULL; "
        "END $$;",
        "CREATE TRIGGER articles_deal_value_tally_insert AFTER INSERT ON articles_deal "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deal_value_tally_insert();",
        "CREATE FUNCTION articles_deal_value_tally_delete() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN INSERT INTO articles_dealvaluetally AS tally (currency, total) SELECT "
        "currency, SUM(delta) FROM (SELECT r.currency, -1 * coalesce(r.value, 0) AS delta FROM "
        "old_rows AS r) AS changes (currency, delta) GROUP BY currency ORDER BY currency ON "
        "CONFLICT (currency) DO UPDATE SET total = tally.total + EXCLUDED.total; RETURN NULL; "
        "END $$;",
        "CREATE TRIGGER articles_deal_value_tally_delete AFTER DELETE ON articles_deal "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deal_value_tally_delete();",
        "CREATE FUNCTION articles_deal_value_tally_update() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN INSERT INTO articles_dealvaluetally AS tally (currency, total) SELECT "
        "currency, SUM(delta) FROM (SELECT r.currency, -1 * coalesce(r.value, 0) AS delta FROM "
        "(SELECT currency, value FROM old_rows EXCEPT ALL SELECT currency, value FROM "
        "new_rows) AS r UNION ALL SELECT r.currency, 1 * coalesce(r.value, 0) AS delta FROM "
        "(SELECT currency, value FROM new_rows EXCEPT ALL SELECT currency, value FROM "
        "old_rows) AS r) AS changes (currency, delta) GROUP BY currency ORDER BY currency ON "
        "CONFLICT (currency) DO UPDATE SET total = tally.total + EXCLUDED.total; RETURN NULL; "
        "END $$;",
        "CREATE TRIGGER articles_deal_value_tally_update AFTER UPDATE ON articles_deal "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_deal_value_tally_update();",
        "CREATE FUNCTION articles_deal_value_tally_truncate() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN DELETE FROM articles_dealvaluetally; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deal_value_tally_truncate AFTER TRUNCATE ON articles_deal  "
        "FOR EACH STATEMENT EXECUTE FUNCTION articles_deal_value_tally_truncate();",
        "INSERT INTO articles_dealvaluetally AS tally (currency, total) SELECT currency, "
        "SUM(delta) FROM (SELECT r.currency, 1 * coalesce(r.value, 0) AS delta FROM "
        "articles_deal AS r) AS changes (currency, delta) GROUP BY currency ORDER BY currency "
        "ON CONFLICT (currency) DO UPDATE SET total = tally.total + EXCLUDED.total;",
    ],
    "drop": [
        "DROP TRIGGER articles_deal_value_tally_insert ON articles_deal;",
        "DROP FUNCTION articles_deal_value_tally_insert();",
        "DROP TRIGGER articles_deal_value_tally_delete ON articles_deal;",
        "DROP FUNCTION articles_deal_value_tally_delete();",
        "DROP TRIGGER articles_deal_value_tally_update ON articles_deal;",
        "DROP FUNCTION articles_deal_value_tally_update();",
        "DROP TRIGGER articles_deal_value_tally_truncate ON articles_deal;",
        "DROP FUNCTION articles_deal_value_tally_truncate();",
    ],
}


def _execute(schema_editor, statements):
    # PostgreSQL's; elsewhere the tally stays empty and unread.
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement)


def create(apps, schema_editor):
    _execute(schema_editor, DEAL_VALUE_TALLY["create"])


def drop(apps, schema_editor):
    _execute(schema_editor, DEAL_VALUE_TALLY["drop"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0031_deadline_month_tally"),
    ]

    operations = [
        migrations.CreateModel(
            name="DealValueTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("currency", models.TextField(blank=True, unique=True)),
                ("total", models.DecimalField(decimal_places=2, max_digits=30)),
            ],
        ),
        migrations.RunPython(create, drop),
    ]
