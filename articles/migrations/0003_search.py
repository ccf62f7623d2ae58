"""Full-text search: a search_vector on articles, deals and companies, kept
current by PostgreSQL triggers and indexed with GIN.

A GeneratedField cannot pick the text search configuration from each row's
language (PostgreSQL refuses it as "not immutable") and breaks migrations on
SQLite, so the vectors are written by triggers, installed only on PostgreSQL.
On SQLite the columns stay empty and articles/search.py falls back to a
simpler per-word match.

The language -> configuration mapping below is frozen here on purpose: it must
match articles/search.py (ARTICLE_CONFIGS), and changing it needs a new
migration that replaces the article trigger and refreshes the vectors.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

# Copies of the built-in configurations that also fold accents, so that
# "eleve ecole" finds "élèves ... école" and "Nestle" finds "Nestlé".
CONFIGURATIONS = {
    "dealwatch_english": ("english", "english_stem"),
    "dealwatch_french": ("french", "french_stem"),
    "dealwatch_simple": ("simple", "simple"),
}

# (table, trigger function body computing NEW.search_vector, columns it reads)
VECTORS = [
    (
        "articles_article",
        """
        config := CASE NEW.language
            WHEN 'en' THEN 'dealwatch_english'::regconfig
            WHEN 'fr' THEN 'dealwatch_french'::regconfig
            ELSE 'dealwatch_simple'::regconfig
        END;
        NEW.search_vector :=
            setweight(to_tsvector(config, coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector(config, coalesce(NEW.summary, '')), 'B')
            || setweight(to_tsvector(config, coalesce(NEW.author, '')), 'D');
        """,
        ["title", "summary", "author", "language"],
    ),
    (
        "articles_deal",
        """
        config := 'dealwatch_english'::regconfig;
        NEW.search_vector :=
            setweight(to_tsvector(config, coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector(config, coalesce(NEW.summary, '')), 'B');
        """,
        ["title", "summary"],
    ),
    (
        "articles_company",
        """
        config := 'dealwatch_english'::regconfig;
        NEW.search_vector :=
            setweight(to_tsvector(config, coalesce(NEW.name, '')), 'A')
            || setweight(to_tsvector(config, coalesce(NEW.description, '')), 'C');
        """,
        ["name", "description"],
    ),
]


def install_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (base, stem) in CONFIGURATIONS.items():
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{base})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stem}"
        )
    for table, body, columns in VECTORS:
        # SET search_path FROM CURRENT: the trigger finds our configurations
        # even when it fires under another search_path (pg_restore sets it empty).
        schema_editor.execute(
            f"""
            CREATE FUNCTION {table}_search_vector() RETURNS trigger
            LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
            DECLARE
                config regconfig;
            BEGIN
                {body}
                RETURN NEW;
            END
            $$
            """
        )
        # Only the columns read: an update of anything else leaves the vector be.
        schema_editor.execute(
            f"CREATE TRIGGER {table}_search_vector_update "
            f"BEFORE INSERT OR UPDATE OF {', '.join(columns)} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_search_vector()"
        )
        # Fill the vectors of the rows already there.
        schema_editor.execute(f"UPDATE {table} SET {columns[0]} = {columns[0]}")


def remove_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _body, _columns in VECTORS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search_vector_update ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_search_vector()")
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_curators_group"),
    ]

    operations = [
        # Does nothing on SQLite.
        UnaccentExtension(),
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="company",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="deal",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="article",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="article_search_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="company",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="company_search_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="deal",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="deal_search_idx"
            ),
        ),
        migrations.RunPython(install_search, remove_search),
    ]
