"""The archive's version moves on every write to the authorities, reviews
and clock stops too (articles.freshness); the curators group may curate
them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# The triggers of articles.freshness for the tables added since migration
# 0011, as they were when this migration was written (tests/test_freshness.py
# compares them with today's definition).
TABLES = ['articles_authority', 'articles_review', 'articles_review_sources', 'articles_reviewsuspension']
CREATE = {
    'postgresql': [
        'CREATE SEQUENCE IF NOT EXISTS articles_archive_version START 2;',
        "CREATE OR REPLACE FUNCTION articles_archive_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, nextval('articles_archive_version'), clock_timestamp()) ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, changed_at = EXCLUDED.changed_at; RETURN NULL; END $$;",
        'CREATE OR REPLACE TRIGGER articles_archive_bump BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON articles_authority FOR EACH STATEMENT EXECUTE FUNCTION articles_archive_bump();',
        'CREATE OR REPLACE TRIGGER articles_archive_bump BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON articles_review FOR EACH STATEMENT EXECUTE FUNCTION articles_archive_bump();',
        'CREATE OR REPLACE TRIGGER articles_archive_bump BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON articles_review_sources FOR EACH STATEMENT EXECUTE FUNCTION articles_archive_bump();',
        'CREATE OR REPLACE TRIGGER articles_archive_bump BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON articles_reviewsuspension FOR EACH STATEMENT EXECUTE FUNCTION articles_archive_bump();',
    ],
    'sqlite': [
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_authority_insert AFTER INSERT ON articles_authority BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_authority_update AFTER UPDATE ON articles_authority BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_authority_delete AFTER DELETE ON articles_authority BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_review_insert AFTER INSERT ON articles_review BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_review_update AFTER UPDATE ON articles_review BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_review_delete AFTER DELETE ON articles_review BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_review_sources_insert AFTER INSERT ON articles_review_sources BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_review_sources_update AFTER UPDATE ON articles_review_sources BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_review_sources_delete AFTER DELETE ON articles_review_sources BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_reviewsuspension_insert AFTER INSERT ON articles_reviewsuspension BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_reviewsuspension_update AFTER UPDATE ON articles_reviewsuspension BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
        "CREATE TRIGGER IF NOT EXISTS articles_archive_bump_articles_reviewsuspension_delete AFTER DELETE ON articles_reviewsuspension BEGIN INSERT INTO articles_archivestate (id, version, changed_at) VALUES (1, random(), strftime('%Y-%m-%d %H:%M:%f', 'now')) ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at; END;",
    ],
}
DROP = {
    'postgresql': [
        'DROP TRIGGER articles_archive_bump ON articles_authority;',
        'DROP TRIGGER articles_archive_bump ON articles_review;',
        'DROP TRIGGER articles_archive_bump ON articles_review_sources;',
        'DROP TRIGGER articles_archive_bump ON articles_reviewsuspension;',
    ],
    'sqlite': [
        'DROP TRIGGER articles_archive_bump_articles_authority_insert;',
        'DROP TRIGGER articles_archive_bump_articles_authority_update;',
        'DROP TRIGGER articles_archive_bump_articles_authority_delete;',
        'DROP TRIGGER articles_archive_bump_articles_review_insert;',
        'DROP TRIGGER articles_archive_bump_articles_review_update;',
        'DROP TRIGGER articles_archive_bump_articles_review_delete;',
        'DROP TRIGGER articles_archive_bump_articles_review_sources_insert;',
        'DROP TRIGGER articles_archive_bump_articles_review_sources_update;',
        'DROP TRIGGER articles_archive_bump_articles_review_sources_delete;',
        'DROP TRIGGER articles_archive_bump_articles_reviewsuspension_insert;',
        'DROP TRIGGER articles_archive_bump_articles_reviewsuspension_update;',
        'DROP TRIGGER articles_archive_bump_articles_reviewsuspension_delete;',
    ],
}

CURATED_MODELS = ["authority", "review", "reviewsuspension"]


def create_triggers(apps, schema_editor):
    for statement in CREATE.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def drop_triggers(apps, schema_editor):
    for statement in DROP.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def grant_reviews_to_curators(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    curators, _created = Group.objects.get_or_create(name="curators")
    codenames = [
        *(f"{action}_{model}" for model in CURATED_MODELS
          for action in ("add", "change", "delete", "view")),
        *(f"{action}_historical{model}" for model in CURATED_MODELS
          for action in ("view", "change")),
    ]
    curators.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0019_authorities_and_reviews"),
    ]

    operations = [
        migrations.RunPython(create_triggers, drop_triggers),
        migrations.RunPython(grant_reviews_to_curators, migrations.RunPython.noop),
    ]
