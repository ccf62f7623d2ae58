"""/search/ on PostgreSQL: one full-text index over each language's articles
instead of one over all of them.

An article's vector is stemmed in its own language, and a query is parsed in
each language for the articles written in it. With one index over every
vector, PostgreSQL's statistics mix the languages: "merger" parsed as French
("merg") looks common, because English articles about merging are full of it,
though no French article has it; believing it common, PostgreSQL would read
every French article in date order looking for it. An index over an
expression gets statistics of its own, so each language's words are counted
among that language's articles. The expressions must stay those of
articles.search.ARTICLE_VECTORS (tests/test_search.py checks that the
indexes serve its queries).

The new indexes are built CONCURRENTLY, outside a transaction, so that the
site keeps reading and curators keep writing while they are (two million
articles: about half a minute); the old index is dropped only then, a brief
lock.
"""

from django.db import migrations

INDEXES = {
    "article_search_en_idx": "CASE WHEN language = 'en' THEN search_vector END",
    "article_search_fr_idx": "CASE WHEN language = 'fr' THEN search_vector END",
    "article_search_other_idx": "CASE WHEN NOT (language IN ('en', 'fr')) THEN search_vector END",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, expression in INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} "
                f"ON articles_article USING gin (({expression}))"
            )
        # Statistics of the new expressions, before the first search.
        schema_editor.execute("ANALYZE articles_article")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [("articles", "0005_history")]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, atomic=False),
        migrations.RemoveIndex(model_name="article", name="article_search_idx"),
    ]
