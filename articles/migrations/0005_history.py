"""History of every curated record (django-simple-history), and the curators
group's right to see and restore past versions."""

import articles.locale_data
import django.db.models.deletion
import django_countries.fields
import simple_history.models
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

HISTORIES = ["source", "article", "company", "deal", "bid", "deadline"]


def grant_history_to_curators(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    curators, _created = Group.objects.get_or_create(name="curators")
    # Viewing a past version, and restoring it (which changes the record).
    codenames = [f"{action}_historical{model}" for model in HISTORIES for action in ("view", "change")]
    curators.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
    )


def revoke_history_from_curators(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="curators"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="articles", codename__contains="_historical"
            )
        )


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0004_list_indexes'),
        ('auth', '0012_alter_user_first_name_max_length'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalArticle',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('slug', models.SlugField(max_length=300, verbose_name='slug')),
                ('url', models.URLField(blank=True, db_index=True, help_text='The original article. Leave empty only when the link is unknown.', max_length=1000, null=True, verbose_name='link')),
                ('language', models.CharField(choices=articles.locale_data.language_choices, help_text='The language the article is written in (ISO 639-1).', max_length=2, verbose_name='language')),
                ('published_on', models.DateField(verbose_name='published on')),
                ('author', models.CharField(blank=True, max_length=200, verbose_name='author')),
                ('summary', models.TextField(blank=True, help_text='What the article reports, in our own words.', verbose_name='summary')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.source', verbose_name='source')),
            ],
            options={
                'verbose_name': 'historical article',
                'verbose_name_plural': 'historical articles',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalArticle_companies',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('article', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.article')),
                ('company', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.company')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='articles.historicalarticle')),
            ],
            options={
                'verbose_name': 'HistoricalArticle_companies',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalArticle_deals',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('article', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.article')),
                ('deal', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.deal')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='articles.historicalarticle')),
            ],
            options={
                'verbose_name': 'HistoricalArticle_deals',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalBid',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('status', models.CharField(choices=[('rumoured', 'Rumoured'), ('submitted', 'Submitted'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn'), ('lapsed', 'Lapsed'), ('accepted', 'Accepted'), ('completed', 'Completed')], default='submitted', max_length=20, verbose_name='status')),
                ('countries', django_countries.fields.CountryField(blank=True, help_text="What the bid is for, when it covers only some of the deal's markets.", max_length=746, multiple=True, verbose_name='countries')),
                ('amount', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='amount')),
                ('currency', models.CharField(blank=True, choices=articles.locale_data.currency_choices, help_text='ISO 4217 code, required whenever an amount is given.', max_length=3, verbose_name='currency')),
                ('submitted_on', models.DateField(blank=True, null=True, verbose_name='submitted on')),
                ('resolved_on', models.DateField(blank=True, help_text='When it was accepted, rejected, withdrawn or lapsed.', null=True, verbose_name='resolved on')),
                ('note', models.TextField(blank=True, help_text='What was offered and how it ended.', verbose_name='note')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('deal', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.deal', verbose_name='deal')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical bid',
                'verbose_name_plural': 'historical bids',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalBid_bidders',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('bid', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.bid')),
                ('company', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.company')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='articles.historicalbid')),
            ],
            options={
                'verbose_name': 'HistoricalBid_bidders',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalBid_sources',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('article', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.article')),
                ('bid', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.bid')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='articles.historicalbid')),
            ],
            options={
                'verbose_name': 'HistoricalBid_sources',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCompany',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(help_text='The name the company is known by.', max_length=200, verbose_name='name')),
                ('slug', models.SlugField(max_length=200, verbose_name='slug')),
                ('country', django_countries.fields.CountryField(blank=True, help_text='Where the company is headquartered.', max_length=2, verbose_name='country')),
                ('website', models.URLField(blank=True, verbose_name='website')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('parent', models.ForeignKey(blank=True, db_constraint=False, help_text="The company that owns it, if any (TikTok's parent is ByteDance).", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.company', verbose_name='parent company')),
            ],
            options={
                'verbose_name': 'historical company',
                'verbose_name_plural': 'historical companies',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalDeadline',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('label', models.CharField(help_text='What must happen by then.', max_length=300, verbose_name='label')),
                ('kind', models.CharField(choices=[('government_order', 'Government order'), ('regulatory_review', 'Regulatory review'), ('shareholder_vote', 'Shareholder vote'), ('offer_deadline', 'Offer deadline'), ('long_stop_date', 'Long-stop date'), ('court', 'Court'), ('other', 'Other')], default='other', max_length=20, verbose_name='kind')),
                ('due_on', models.DateField(verbose_name='due on')),
                ('set_by', models.CharField(blank=True, help_text="Who set it, and how: a president's executive order, a regulator.", max_length=300, verbose_name='set by')),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('met', 'Met'), ('missed', 'Missed'), ('extended', 'Extended'), ('lifted', 'Lifted')], default='pending', max_length=20, verbose_name='status')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('deal', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.deal', verbose_name='deal')),
                ('extended_to', models.ForeignKey(blank=True, db_constraint=False, help_text='The deadline that replaced this one when it slipped.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.deadline', verbose_name='extended to')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical deadline',
                'verbose_name_plural': 'historical deadlines',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalDeadline_sources',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('article', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.article')),
                ('deadline', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.deadline')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='articles.historicaldeadline')),
            ],
            options={
                'verbose_name': 'HistoricalDeadline_sources',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalDeal',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('slug', models.SlugField(max_length=300, verbose_name='slug')),
                ('countries', django_countries.fields.CountryField(blank=True, help_text='The markets or jurisdictions the deal covers.', max_length=746, multiple=True, verbose_name='countries')),
                ('deal_type', models.CharField(choices=[('acquisition', 'Acquisition'), ('merger', 'Merger'), ('divestiture', 'Divestiture'), ('forced_sale', 'Forced sale'), ('minority_stake', 'Minority stake'), ('partnership', 'Partnership'), ('joint_venture', 'Joint venture')], default='acquisition', max_length=20, verbose_name='type')),
                ('status', models.CharField(choices=[('rumoured', 'Rumoured'), ('in_talks', 'In talks'), ('announced', 'Announced'), ('pending_approval', 'Pending approval'), ('completed', 'Completed'), ('abandoned', 'Abandoned'), ('blocked', 'Blocked')], default='rumoured', max_length=20, verbose_name='status')),
                ('announced_on', models.DateField(blank=True, help_text='When the deal, or the order forcing it, was made public.', null=True, verbose_name='announced on')),
                ('closed_on', models.DateField(blank=True, help_text='When it completed, was abandoned or was blocked.', null=True, verbose_name='closed on')),
                ('value', models.DecimalField(blank=True, decimal_places=2, help_text='The headline value of the deal, if reported.', max_digits=18, null=True, verbose_name='value')),
                ('currency', models.CharField(blank=True, choices=articles.locale_data.currency_choices, help_text='ISO 4217 code, required whenever an amount is given.', max_length=3, verbose_name='currency')),
                ('summary', models.TextField(blank=True, help_text='The story so far, in our own words.', verbose_name='summary')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('seller', models.ForeignKey(blank=True, db_constraint=False, help_text="Who sells, when it is not the target's own shareholders.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.company', verbose_name='seller')),
                ('target', models.ForeignKey(blank=True, db_constraint=False, help_text='The company, or the business of a company, being bought or sold.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.company', verbose_name='target')),
            ],
            options={
                'verbose_name': 'historical deal',
                'verbose_name_plural': 'historical deals',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalSource',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(db_index=True, max_length=200, verbose_name='name')),
                ('slug', models.SlugField(max_length=200, verbose_name='slug')),
                ('homepage', models.URLField(blank=True, verbose_name='homepage')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical source',
                'verbose_name_plural': 'historical sources',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(grant_history_to_curators, revoke_history_from_curators),
    ]
