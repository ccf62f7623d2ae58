"""Curated text can no longer hold a character XML 1.0 cannot carry (issue
13, finding 2; migration 0011 cleaned what was stored): a validator on each
text field, and a CHECK constraint on each, named
<model>_<field>_no_control_characters.

On PostgreSQL each constraint is added NOT VALID, then validated: a table is
locked only for the moment it takes to add one, and stays readable and
writable while its rows are checked (about 0.8 s for all of them at 100,000
deals and 200,000 articles, which one transaction would have spent with the
tables locked). Hence not atomic: a run stopped half-way resumes, adding
each constraint once.
"""

import django.core.validators
from django.db import migrations, models, transaction

FORBIDDEN = r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"

PLAIN_TEXT = django.core.validators.RegexValidator(
    FORBIDDEN,
    code="control_characters",
    inverse_match=True,
    message="Remove the control characters (a vertical tab, a form feed…) from this text: "
    "backups and feeds cannot carry them.",
)

TEXT_FIELDS = {
    "article": ["title", "slug", "url", "author", "summary"],
    "bid": ["note"],
    "company": ["name", "slug", "website", "description"],
    "deadline": ["label", "set_by", "note"],
    "deal": ["title", "slug", "summary"],
    "source": ["name", "slug", "homepage"],
}


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
        ('articles', '0012_clean_control_characters'),
    ]

    operations = [
        migrations.AlterField(
            model_name='article',
            name='author',
            field=models.CharField(blank=True, max_length=200, validators=[PLAIN_TEXT], verbose_name='author'),
        ),
        migrations.AlterField(
            model_name='article',
            name='slug',
            field=models.SlugField(max_length=300, unique=True, validators=[PLAIN_TEXT], verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='article',
            name='summary',
            field=models.TextField(blank=True, help_text='What the article reports, in our own words.', validators=[PLAIN_TEXT], verbose_name='summary'),
        ),
        migrations.AlterField(
            model_name='article',
            name='title',
            field=models.CharField(max_length=300, validators=[PLAIN_TEXT], verbose_name='title'),
        ),
        migrations.AlterField(
            model_name='article',
            name='url',
            field=models.URLField(blank=True, help_text='The original article. Leave empty only when the link is unknown.', max_length=1000, null=True, unique=True, validators=[PLAIN_TEXT], verbose_name='link'),
        ),
        migrations.AlterField(
            model_name='bid',
            name='note',
            field=models.TextField(blank=True, help_text='What was offered and how it ended.', validators=[PLAIN_TEXT], verbose_name='note'),
        ),
        migrations.AlterField(
            model_name='company',
            name='description',
            field=models.TextField(blank=True, validators=[PLAIN_TEXT], verbose_name='description'),
        ),
        migrations.AlterField(
            model_name='company',
            name='name',
            field=models.CharField(help_text='The name the company is known by.', max_length=200, validators=[PLAIN_TEXT], verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='company',
            name='slug',
            field=models.SlugField(max_length=200, unique=True, validators=[PLAIN_TEXT], verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='company',
            name='website',
            field=models.URLField(blank=True, validators=[PLAIN_TEXT], verbose_name='website'),
        ),
        migrations.AlterField(
            model_name='deadline',
            name='label',
            field=models.CharField(help_text='What must happen by then.', max_length=300, validators=[PLAIN_TEXT], verbose_name='label'),
        ),
        migrations.AlterField(
            model_name='deadline',
            name='note',
            field=models.TextField(blank=True, validators=[PLAIN_TEXT], verbose_name='note'),
        ),
        migrations.AlterField(
            model_name='deadline',
            name='set_by',
            field=models.CharField(blank=True, help_text="Who set it, and how: a president's executive order, a regulator.", max_length=300, validators=[PLAIN_TEXT], verbose_name='set by'),
        ),
        migrations.AlterField(
            model_name='deal',
            name='slug',
            field=models.SlugField(max_length=300, unique=True, validators=[PLAIN_TEXT], verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='deal',
            name='summary',
            field=models.TextField(blank=True, help_text='The story so far, in our own words.', validators=[PLAIN_TEXT], verbose_name='summary'),
        ),
        migrations.AlterField(
            model_name='deal',
            name='title',
            field=models.CharField(max_length=300, validators=[PLAIN_TEXT], verbose_name='title'),
        ),
        migrations.AlterField(
            model_name='historicalarticle',
            name='author',
            field=models.CharField(blank=True, max_length=200, validators=[PLAIN_TEXT], verbose_name='author'),
        ),
        migrations.AlterField(
            model_name='historicalarticle',
            name='slug',
            field=models.SlugField(max_length=300, validators=[PLAIN_TEXT], verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='historicalarticle',
            name='summary',
            field=models.TextField(blank=True, help_text='What the article reports, in our own words.', validators=[PLAIN_TEXT], verbose_name='summary'),
        ),
        migrations.AlterField(
            model_name='historicalarticle',
            name='title',
            field=models.CharField(max_length=300, validators=[PLAIN_TEXT], verbose_name='title'),
        ),
        migrations.AlterField(
            model_name='historicalarticle',
            name='url',
            field=models.URLField(blank=True, db_index=True, help_text='The original article. Leave empty only when the link is unknown.', max_length=1000, null=True, validators=[PLAIN_TEXT], verbose_name='link'),
        ),
        migrations.AlterField(
            model_name='historicalbid',
            name='note',
            field=models.TextField(blank=True, help_text='What was offered and how it ended.', validators=[PLAIN_TEXT], verbose_name='note'),
        ),
        migrations.AlterField(
            model_name='historicalcompany',
            name='description',
            field=models.TextField(blank=True, validators=[PLAIN_TEXT], verbose_name='description'),
        ),
        migrations.AlterField(
            model_name='historicalcompany',
            name='name',
            field=models.CharField(help_text='The name the company is known by.', max_length=200, validators=[PLAIN_TEXT], verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='historicalcompany',
            name='slug',
            field=models.SlugField(max_length=200, validators=[PLAIN_TEXT], verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='historicalcompany',
            name='website',
            field=models.URLField(blank=True, validators=[PLAIN_TEXT], verbose_name='website'),
        ),
        migrations.AlterField(
            model_name='historicaldeadline',
            name='label',
            field=models.CharField(help_text='What must happen by then.', max_length=300, validators=[PLAIN_TEXT], verbose_name='label'),
        ),
        migrations.AlterField(
            model_name='historicaldeadline',
            name='note',
            field=models.TextField(blank=True, validators=[PLAIN_TEXT], verbose_name='note'),
        ),
        migrations.AlterField(
            model_name='historicaldeadline',
            name='set_by',
            field=models.CharField(blank=True, help_text="Who set it, and how: a president's executive order, a regulator.", max_length=300, validators=[PLAIN_TEXT], verbose_name='set by'),
        ),
        migrations.AlterField(
            model_name='historicaldeal',
            name='slug',
            field=models.SlugField(max_length=300, validators=[PLAIN_TEXT], verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='historicaldeal',
            name='summary',
            field=models.TextField(blank=True, help_text='The story so far, in our own words.', validators=[PLAIN_TEXT], verbose_name='summary'),
        ),
        migrations.AlterField(
            model_name='historicaldeal',
            name='title',
            field=models.CharField(max_length=300, validators=[PLAIN_TEXT], verbose_name='title'),
        ),
        migrations.AlterField(
            model_name='historicalsource',
            name='homepage',
            field=models.URLField(blank=True, validators=[PLAIN_TEXT], verbose_name='homepage'),
        ),
        migrations.AlterField(
            model_name='historicalsource',
            name='name',
            field=models.CharField(db_index=True, max_length=200, validators=[PLAIN_TEXT], verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='historicalsource',
            name='slug',
            field=models.SlugField(max_length=200, validators=[PLAIN_TEXT], verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='source',
            name='homepage',
            field=models.URLField(blank=True, validators=[PLAIN_TEXT], verbose_name='homepage'),
        ),
        migrations.AlterField(
            model_name='source',
            name='name',
            field=models.CharField(max_length=200, unique=True, validators=[PLAIN_TEXT], verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='source',
            name='slug',
            field=models.SlugField(max_length=200, unique=True, validators=[PLAIN_TEXT], verbose_name='slug'),
        ),
        *(
            AddConstraintNotValid(
                model_name=model_name,
                constraint=models.CheckConstraint(
                    condition=~models.Q(**{f"{field}__regex": FORBIDDEN}),
                    name=f"{model_name}_{field}_no_control_characters",
                ),
            )
            for model_name, fields in TEXT_FIELDS.items()
            for field in fields
        ),
    ]
