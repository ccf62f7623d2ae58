"""The curators group: may curate every record of the archive, but not manage
users, groups or permissions (those stay with superusers)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATED_MODELS = ["source", "article", "company", "deal", "bid", "deadline"]
ACTIONS = ["add", "change", "delete", "view"]


def create_curators_group(apps, schema_editor):
    # Permissions are normally created after all migrations have run; the
    # group needs them now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="curators")
    codenames = [f"{action}_{model}" for model in CURATED_MODELS for action in ACTIONS]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
    )


def remove_curators_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="curators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_curators_group, remove_curators_group)]
