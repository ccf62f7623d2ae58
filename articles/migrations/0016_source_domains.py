"""The domains each source publishes under (the story desk finds a link's
source by them), filled in from the sources' homepages; the curators group
may curate them."""

from urllib.parse import urlsplit

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
import simple_history.models
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def domains_from_homepages(apps, schema_editor):
    Source = apps.get_model("articles", "Source")
    SourceDomain = apps.get_model("articles", "SourceDomain")
    taken = set(SourceDomain.objects.values_list("domain", flat=True))
    for source in Source.objects.exclude(homepage="").order_by("pk"):
        host = (urlsplit(source.homepage).hostname or "").lower().rstrip(".")
        domain = host.removeprefix("www.")
        if domain and domain not in taken:
            SourceDomain.objects.create(source=source, domain=domain)
            taken.add(domain)


def grant_domains_to_curators(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    curators, _created = Group.objects.get_or_create(name="curators")
    codenames = [
        *(f"{action}_sourcedomain" for action in ("add", "change", "delete", "view")),
        "view_historicalsourcedomain",
        "change_historicalsourcedomain",
    ]
    curators.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
    )


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0015_plausible_dates'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalSourceDomain',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('domain', models.CharField(db_index=True, help_text='Without “www.”, in lower case: zdnet.fr.', max_length=253, validators=[django.core.validators.RegexValidator('[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\ufffe\\uffff]', code='control_characters', inverse_match=True, message='Remove the control characters (a vertical tab, a form feed…) from this text: backups and feeds cannot carry them.')], verbose_name='domain')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.source', verbose_name='source')),
            ],
            options={
                'verbose_name': 'historical domain',
                'verbose_name_plural': 'historical domains',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='SourceDomain',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('domain', models.CharField(help_text='Without “www.”, in lower case: zdnet.fr.', max_length=253, unique=True, validators=[django.core.validators.RegexValidator('[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\ufffe\\uffff]', code='control_characters', inverse_match=True, message='Remove the control characters (a vertical tab, a form feed…) from this text: backups and feeds cannot carry them.')], verbose_name='domain')),
                ('source', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='domains', to='articles.source', verbose_name='source')),
            ],
            options={
                'verbose_name': 'domain',
                'verbose_name_plural': 'domains',
                'ordering': ['domain'],
                'constraints': [models.CheckConstraint(condition=models.Q(('domain', django.db.models.functions.text.Lower('domain')), models.Q(('domain__startswith', 'www.'), _negated=True), models.Q(('domain', ''), _negated=True)), name='source_domain_lowercase_without_www'), models.CheckConstraint(condition=models.Q(('domain__regex', '[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\ufffe\\uffff]'), _negated=True), name='source_domain_domain_no_control_characters')],
            },
        ),
        migrations.RunPython(domains_from_homepages, migrations.RunPython.noop),
        migrations.RunPython(grant_domains_to_curators, migrations.RunPython.noop),
    ]
