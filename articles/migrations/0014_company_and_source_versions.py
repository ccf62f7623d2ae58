"""Companies and sources carry a version, as deals and articles do: when they
were last saved (issue 13, finding 9, edit conflicts). Existing rows, and
their past versions, get the time of this migration: the column's default
is the database's clock, so no row is rewritten."""

import django.db.models.functions.datetime
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0013_text_without_control_characters'),
    ]

    operations = [
        migrations.AddField(
            model_name='company',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, db_default=django.db.models.functions.datetime.Now(), verbose_name='updated at'),
        ),
        migrations.AddField(
            model_name='historicalcompany',
            name='updated_at',
            field=models.DateTimeField(blank=True, db_default=django.db.models.functions.datetime.Now(), editable=False, verbose_name='updated at'),
        ),
        migrations.AddField(
            model_name='historicalsource',
            name='updated_at',
            field=models.DateTimeField(blank=True, db_default=django.db.models.functions.datetime.Now(), editable=False, verbose_name='updated at'),
        ),
        migrations.AddField(
            model_name='source',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, db_default=django.db.models.functions.datetime.Now(), verbose_name='updated at'),
        ),
    ]
