"""The open reviews, the latest phase first: the deadlines page's computed
dates (ReviewQuerySet.awaiting_computed_date, latest_first) walk this index
and stop at their page instead of sorting every open review. PostgreSQL
only: SQLite cannot say NULLS LAST in an index."""

from django.db import migrations

INDEX = (
    "CREATE INDEX review_open_latest_idx ON articles_review "
    "(COALESCE(phase_started_on, opened_on) DESC NULLS LAST, id DESC) "
    "WHERE status IN ('under_review', 'in_depth');"
)
UNINDEX = "DROP INDEX review_open_latest_idx;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNINDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0029_company_deal_roles"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
