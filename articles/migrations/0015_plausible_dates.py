"""Every date a curator gives falls between 1900 and 2100 (issue 13, finding
10: a deadline due 9999-12-31 made every calendar fail, adding a day to it): a
validator on each date field, and a CHECK constraint on each, named
<model>_<field>_plausible.

A date already stored outside the range is moved to the nearer bound first
(a typo: 9999 for 2099, 0202 for 2020); moving every date by the same rule
keeps a deal's closing after its announcement, and a bid's resolution after
its submission. The constraints are added as migration 0012's are: NOT VALID,
then validated, so that no table is locked while its rows are checked.
"""

import datetime

import django.core.validators
from django.db import migrations, models, transaction

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2100, 12, 31)
MESSAGE = "Give a date between 1900 and 2100."

PLAUSIBLE_DATE = [
    django.core.validators.MinValueValidator(EARLIEST, message=MESSAGE),
    django.core.validators.MaxValueValidator(LATEST, message=MESSAGE),
]

DATE_FIELDS = {
    "article": ["published_on"],
    "bid": ["submitted_on", "resolved_on"],
    "deadline": ["due_on"],
    "deal": ["announced_on", "closed_on"],
}


def move_into_range(apps, schema_editor):
    for model_name, fields in DATE_FIELDS.items():
        manager = apps.get_model("articles", model_name)._base_manager
        # Each model's fields are in date order (announced, then closed): raised
        # from the last, lowered from the first, a later date is never before an
        # earlier one, which the database checks at each statement.
        for field in reversed(fields):
            manager.filter(**{f"{field}__lt": EARLIEST}).update(**{field: EARLIEST})
        for field in fields:
            manager.filter(**{f"{field}__gt": LATEST}).update(**{field: LATEST})


class AddConstraintNotValid(migrations.AddConstraint):
    """AddConstraint; on PostgreSQL added NOT VALID, then validated."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            with transaction.atomic(using=connection.alias):  # SQLite rebuilds the table
                super().database_forwards(app_label, schema_editor, from_state, to_state)
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        table = schema_editor.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_constraint WHERE conname = %s", [self.constraint.name])
            added = cursor.fetchone() is not None
        if not added:
            definition = self.constraint.constraint_sql(model, schema_editor)
            schema_editor.execute(f"ALTER TABLE {table} ADD {definition} NOT VALID")
        name = schema_editor.quote_name(self.constraint.name)
        schema_editor.execute(f"ALTER TABLE {table} VALIDATE CONSTRAINT {name}")

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        with transaction.atomic(using=schema_editor.connection.alias):
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('articles', '0014_company_and_source_versions'),
    ]

    operations = [
        migrations.RunPython(move_into_range, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name='article',
            name='published_on',
            field=models.DateField(validators=PLAUSIBLE_DATE, verbose_name='published on'),
        ),
        migrations.AlterField(
            model_name='bid',
            name='resolved_on',
            field=models.DateField(blank=True, help_text='When it was accepted, rejected, withdrawn or lapsed.', null=True, validators=PLAUSIBLE_DATE, verbose_name='resolved on'),
        ),
        migrations.AlterField(
            model_name='bid',
            name='submitted_on',
            field=models.DateField(blank=True, null=True, validators=PLAUSIBLE_DATE, verbose_name='submitted on'),
        ),
        migrations.AlterField(
            model_name='deadline',
            name='due_on',
            field=models.DateField(validators=PLAUSIBLE_DATE, verbose_name='due on'),
        ),
        migrations.AlterField(
            model_name='deal',
            name='announced_on',
            field=models.DateField(blank=True, help_text='When the deal, or the order forcing it, was made public.', null=True, validators=PLAUSIBLE_DATE, verbose_name='announced on'),
        ),
        migrations.AlterField(
            model_name='deal',
            name='closed_on',
            field=models.DateField(blank=True, help_text='When it completed, was abandoned or was blocked.', null=True, validators=PLAUSIBLE_DATE, verbose_name='closed on'),
        ),
        migrations.AlterField(
            model_name='historicalarticle',
            name='published_on',
            field=models.DateField(validators=PLAUSIBLE_DATE, verbose_name='published on'),
        ),
        migrations.AlterField(
            model_name='historicalbid',
            name='resolved_on',
            field=models.DateField(blank=True, help_text='When it was accepted, rejected, withdrawn or lapsed.', null=True, validators=PLAUSIBLE_DATE, verbose_name='resolved on'),
        ),
        migrations.AlterField(
            model_name='historicalbid',
            name='submitted_on',
            field=models.DateField(blank=True, null=True, validators=PLAUSIBLE_DATE, verbose_name='submitted on'),
        ),
        migrations.AlterField(
            model_name='historicaldeadline',
            name='due_on',
            field=models.DateField(validators=PLAUSIBLE_DATE, verbose_name='due on'),
        ),
        migrations.AlterField(
            model_name='historicaldeal',
            name='announced_on',
            field=models.DateField(blank=True, help_text='When the deal, or the order forcing it, was made public.', null=True, validators=PLAUSIBLE_DATE, verbose_name='announced on'),
        ),
        migrations.AlterField(
            model_name='historicaldeal',
            name='closed_on',
            field=models.DateField(blank=True, help_text='When it completed, was abandoned or was blocked.', null=True, validators=PLAUSIBLE_DATE, verbose_name='closed on'),
        ),
        *(
            AddConstraintNotValid(
                model_name=model_name,
                constraint=models.CheckConstraint(
                    condition=models.Q(**{f"{field}__isnull": True})
                    | models.Q(**{f"{field}__range": (EARLIEST, LATEST)}),
                    name=f"{model_name}_{field}_plausible",
                ),
            )
            for model_name, fields in DATE_FIELDS.items()
            for field in fields
        ),
    ]
