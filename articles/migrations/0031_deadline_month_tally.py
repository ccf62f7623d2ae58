"""The deadlines per month of their due date (DeadlineMonthTally): the
table, then its triggers (articles.tallies.DEADLINE_MONTHS), which count the
deadlines already held."""

from django.db import migrations, models

# The SQL of articles.tallies.DEADLINE_MONTHS when this migration was written,
# frozen here so that what it builds never changes with that module
# (tests/test_migrations.py compares them).
DEADLINE_MONTH_TALLY = {
    "create": [
        "CREATE FUNCTION articles_deadline_month_tally_insert() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN INSERT INTO articles_deadlinemonthtally AS tally (month, "
        "deadlines) SELECT month, SUM(delta) FROM (SELECT date_trunc('month', r.due_on)::date, "
        "1 AS delta FROM new_rows AS r) AS changes (month, delta) GROUP BY month ORDER BY "
        "month ON CONFLICT (month) DO UPDATE SET deadlines = tally.deadlines + "
        "EXCLUDED.deadlines; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deadline_month_tally_insert AFTER INSERT ON articles_deadline "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deadline_month_tally_insert();",
        "CREATE FUNCTION articles_deadline_month_tally_delete() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN INSERT INTO articles_deadlinemonthtally AS tally (month, "
        "deadlines) SELECT month, SUM(delta) FROM (SELECT date_trunc('month', r.due_on)::date, "
        "-1 AS delta FROM old_rows AS r) AS changes (month, delta) GROUP BY month ORDER BY "
        "month ON CONFLICT (month) DO UPDATE SET deadlines = tally.deadlines + "
        "EXCLUDED.deadlines; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deadline_month_tally_delete AFTER DELETE ON articles_deadline "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deadline_month_tally_delete();",
        "CREATE FUNCTION articles_deadline_month_tally_update() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN INSERT INTO articles_deadlinemonthtally AS tally (month, "
        "deadlines) SELECT month, SUM(delta) FROM (SELECT date_trunc('month', r.due_on)::date, "
        "-1 AS delta FROM (SELECT due_on FROM old_rows EXCEPT ALL SELECT due_on FROM new_rows) "
        "AS r UNION ALL SELECT date_trunc('month', r.due_on)::date, 1 AS delta FROM (SELECT "
        "due_on FROM new_rows EXCEPT ALL SELECT due_on FROM old_rows) AS r) AS changes (month, "
        "delta) GROUP BY month ORDER BY month ON CONFLICT (month) DO UPDATE SET deadlines = "
        "tally.deadlines + EXCLUDED.deadlines; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deadline_month_tally_update AFTER UPDATE ON articles_deadline "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_deadline_month_tally_update();",
        "CREATE FUNCTION articles_deadline_month_tally_truncate() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN DELETE FROM articles_deadlinemonthtally; RETURN NULL; END $$;",
        "CREATE TRIGGER articles_deadline_month_tally_truncate AFTER TRUNCATE ON "
        "articles_deadline  FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_deadline_month_tally_truncate();",
        "INSERT INTO articles_deadlinemonthtally AS tally (month, deadlines) SELECT month, "
        "SUM(delta) FROM (SELECT date_trunc('month', r.due_on)::date, 1 AS delta FROM "
        "articles_deadline AS r) AS changes (month, delta) GROUP BY month ORDER BY month ON "
        "CONFLICT (month) DO UPDATE SET deadlines = tally.deadlines + EXCLUDED.deadlines;",
    ],
    "drop": [
        "DROP TRIGGER articles_deadline_month_tally_insert ON articles_deadline;",
        "DROP FUNCTION articles_deadline_month_tally_insert();",
        "DROP TRIGGER articles_deadline_month_tally_delete ON articles_deadline;",
        "DROP FUNCTION articles_deadline_month_tally_delete();",
        "DROP TRIGGER articles_deadline_month_tally_update ON articles_deadline;",
        "DROP FUNCTION articles_deadline_month_tally_update();",
        "DROP TRIGGER articles_deadline_month_tally_truncate ON articles_deadline;",
        "DROP FUNCTION articles_deadline_month_tally_truncate();",
    ],
}


def _execute(schema_editor, statements):
    # PostgreSQL's; elsewhere the tally stays empty and unread.
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement)


def create(apps, schema_editor):
    _execute(schema_editor, DEADLINE_MONTH_TALLY["create"])


def drop(apps, schema_editor):
    _execute(schema_editor, DEADLINE_MONTH_TALLY["drop"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0030_open_reviews_latest_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="DeadlineMonthTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(unique=True)),
                ("deadlines", models.IntegerField()),
            ],
        ),
        migrations.RunPython(create, drop),
    ]
