"""Indexes for the lists of a large archive, on PostgreSQL only.

- A GIN index over a deal's countries as an array, for /deals/?country= (the
  codes are stored "AU,CA,NZ,US"; see DealQuerySet.in_country).
- The deal list's orderings with their NULLS LAST, so that the first page (and,
  read backwards, the last) is an index scan instead of a sort of every deal.
- A trigram index on company names, for a name typed in part (the company
  boxes, /companies/?q=): Django's icontains is UPPER(name::text) LIKE ....
- A full-text index on company names alone, for /deals/?q= through the
  parties' names (DealQuerySet.search_text).
SQLite keeps the plain indexes of the models.
"""

from django.db import migrations

INDEXES = {
    "deal_countries_gin": "articles_deal USING gin (string_to_array(countries, ','))",
    "deal_newest_order_idx": "articles_deal (announced_on DESC NULLS LAST, title, id)",
    "deal_oldest_order_idx": "articles_deal (announced_on ASC NULLS LAST, title, id)",
    "deal_value_order_idx": "articles_deal (value DESC NULLS LAST, title, id)",
    "company_name_trgm": "articles_company USING gin (upper(name::text) gin_trgm_ops)",
    "company_name_fts": "articles_company USING gin "
    "(to_tsvector('dealwatch_english'::regconfig, COALESCE(name, '')))",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, definition in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_search")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
