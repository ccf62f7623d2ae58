"""Reviews' dated status history (issue 16): the table, PostgreSQL's GiST
index and rule against overlapping periods (as 0022), its archive-version
trigger (articles.freshness, frozen; tests/test_freshness.py compares it),
and every review's periods from its opened and decided dates
(articles.status_history.FILL_SQL["review"], frozen)."""

import datetime
import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


TABLES = ["articles_reviewstatusperiod"]

CREATE = {
    "postgresql": [
        "CREATE SEQUENCE IF NOT EXISTS articles_archive_version START 2;",
        "CREATE OR REPLACE FUNCTION articles_archive_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, nextval('articles_archive_version'), clock_timestamp()) ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, changed_at = EXCLUDED.changed_at; RETURN NULL; END $$;",
        "CREATE OR REPLACE TRIGGER articles_archive_bump BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON articles_reviewstatusperiod FOR EACH STATEMENT EXECUTE FUNCTION articles_archive_bump();",
    ],
    "sqlite": [
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_reviewstatusperiod_insert AFTER INSERT ON articles_reviewstatusperiod BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_reviewstatusperiod_update AFTER UPDATE ON articles_reviewstatusperiod BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_reviewstatusperiod_delete AFTER DELETE ON articles_reviewstatusperiod BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
    ],
}
DROP = {
    "postgresql": [
        "DROP TRIGGER articles_archive_bump ON articles_reviewstatusperiod;",
    ],
    "sqlite": [
        "DROP TRIGGER articles_archive_bump_articles_reviewstatusperiod_insert;",
        "DROP TRIGGER articles_archive_bump_articles_reviewstatusperiod_update;",
        "DROP TRIGGER articles_archive_bump_articles_reviewstatusperiod_delete;",
    ],
}

RANGES = [
    "CREATE INDEX articles_reviewstatusperiod_span_gist ON articles_reviewstatusperiod "
    "USING gist (status, daterange(started_on, ended_on, '[)'));",
    "ALTER TABLE articles_reviewstatusperiod ADD CONSTRAINT "
    "articles_reviewstatusperiod_no_overlap EXCLUDE USING gist "
    "(review_id WITH =, daterange(started_on, ended_on, '[)') WITH &&) "
    "WHERE (started_on IS NOT NULL AND (ended_on IS NOT NULL OR is_current));",
]
UNRANGES = [
    "ALTER TABLE articles_reviewstatusperiod DROP CONSTRAINT "
    "articles_reviewstatusperiod_no_overlap;",
    "DROP INDEX articles_reviewstatusperiod_span_gist;",
]

FILL_SQL = "INSERT INTO articles_reviewstatusperiod (review_id, status, started_on, ended_on, is_current) SELECT r.id, 'under_review', r.opened_on, CASE WHEN r.status = 'in_depth' THEN NULL ELSE r.decided_on END, FALSE FROM articles_review r WHERE r.status <> 'under_review' AND NOT EXISTS (SELECT 1 FROM articles_reviewstatusperiod p WHERE p.review_id = r.id) UNION ALL SELECT r.id, r.status, CASE WHEN r.status = 'under_review' THEN r.opened_on WHEN r.status = 'in_depth' THEN NULL ELSE r.decided_on END, NULL, TRUE FROM articles_review r WHERE NOT EXISTS (SELECT 1 FROM articles_reviewstatusperiod p WHERE p.review_id = r.id)"


def create_ranges(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in RANGES:
            schema_editor.execute(statement, params=None)


def drop_ranges(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in UNRANGES:
            schema_editor.execute(statement, params=None)


def create_triggers(apps, schema_editor):
    for statement in CREATE.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def drop_triggers(apps, schema_editor):
    for statement in DROP.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def fill(apps, schema_editor):
    schema_editor.execute(FILL_SQL, params=None)


def empty(apps, schema_editor):
    model = apps.get_model("articles", "ReviewStatusPeriod")
    model.objects.using(schema_editor.connection.alias).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0023_status_periods_from_dates"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalReviewStatusPeriod",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "started_on",
                    models.DateField(
                        blank=True,
                        help_text="When it took this status in the world; empty when the date is not known.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                datetime.date(1900, 1, 1),
                                message="Give a date between 1900 and 2100.",
                            ),
                            django.core.validators.MaxValueValidator(
                                datetime.date(2100, 12, 31),
                                message="Give a date between 1900 and 2100.",
                            ),
                        ],
                        verbose_name="from",
                    ),
                ),
                (
                    "ended_on",
                    models.DateField(
                        blank=True,
                        help_text="When it took the next status; empty while current or when not known.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                datetime.date(1900, 1, 1),
                                message="Give a date between 1900 and 2100.",
                            ),
                            django.core.validators.MaxValueValidator(
                                datetime.date(2100, 12, 31),
                                message="Give a date between 1900 and 2100.",
                            ),
                        ],
                        verbose_name="until",
                    ),
                ),
                ("is_current", models.BooleanField(default=True, verbose_name="current")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("under_review", "Under review"),
                            ("in_depth", "In depth"),
                            ("cleared", "Cleared"),
                            ("cleared_with_remedies", "Cleared with remedies"),
                            ("prohibited", "Prohibited"),
                            ("withdrawn", "Withdrawn"),
                            ("referred", "Referred"),
                            ("abandoned", "Abandoned with the deal"),
                        ],
                        max_length=24,
                        verbose_name="status",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "review",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="articles.review",
                        verbose_name="review",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The article that reported the change, if any.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="articles.article",
                        verbose_name="source",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical review status period",
                "verbose_name_plural": "historical review status periods",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ReviewStatusPeriod",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "started_on",
                    models.DateField(
                        blank=True,
                        help_text="When it took this status in the world; empty when the date is not known.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                datetime.date(1900, 1, 1),
                                message="Give a date between 1900 and 2100.",
                            ),
                            django.core.validators.MaxValueValidator(
                                datetime.date(2100, 12, 31),
                                message="Give a date between 1900 and 2100.",
                            ),
                        ],
                        verbose_name="from",
                    ),
                ),
                (
                    "ended_on",
                    models.DateField(
                        blank=True,
                        help_text="When it took the next status; empty while current or when not known.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                datetime.date(1900, 1, 1),
                                message="Give a date between 1900 and 2100.",
                            ),
                            django.core.validators.MaxValueValidator(
                                datetime.date(2100, 12, 31),
                                message="Give a date between 1900 and 2100.",
                            ),
                        ],
                        verbose_name="until",
                    ),
                ),
                ("is_current", models.BooleanField(default=True, verbose_name="current")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("under_review", "Under review"),
                            ("in_depth", "In depth"),
                            ("cleared", "Cleared"),
                            ("cleared_with_remedies", "Cleared with remedies"),
                            ("prohibited", "Prohibited"),
                            ("withdrawn", "Withdrawn"),
                            ("referred", "Referred"),
                            ("abandoned", "Abandoned with the deal"),
                        ],
                        max_length=24,
                        verbose_name="status",
                    ),
                ),
                (
                    "review",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="status_periods",
                        to="articles.review",
                        verbose_name="review",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        help_text="The article that reported the change, if any.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="articles.article",
                        verbose_name="source",
                    ),
                ),
            ],
            options={
                "verbose_name": "review status period",
                "verbose_name_plural": "review status periods",
                "ordering": [models.OrderBy(models.F("started_on"), nulls_first=True), "pk"],
                "abstract": False,
                "indexes": [
                    models.Index(fields=["review", "started_on"], name="review_period_review_idx")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "status__in",
                                [
                                    "under_review",
                                    "in_depth",
                                    "cleared",
                                    "cleared_with_remedies",
                                    "prohibited",
                                    "withdrawn",
                                    "referred",
                                    "abandoned",
                                ],
                            )
                        ),
                        name="review_period_status_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("ended_on__isnull", True),
                            ("started_on__isnull", True),
                            ("ended_on__gte", models.F("started_on")),
                            _connector="OR",
                        ),
                        name="review_period_ended_not_before_started",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("is_current", False), ("ended_on__isnull", True), _connector="OR"
                        ),
                        name="review_period_current_is_open",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("is_current", True)),
                        fields=("review",),
                        name="review_period_one_current",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("started_on__isnull", True),
                            (
                                "started_on__range",
                                (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)),
                            ),
                            _connector="OR",
                        ),
                        name="review_period_started_on_plausible",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("ended_on__isnull", True),
                            (
                                "ended_on__range",
                                (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)),
                            ),
                            _connector="OR",
                        ),
                        name="review_period_ended_on_plausible",
                    ),
                ],
            },
        ),
        migrations.RunPython(create_ranges, drop_ranges),
        migrations.RunPython(create_triggers, drop_triggers),
        migrations.RunPython(fill, empty),
    ]
