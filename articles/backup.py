"""Backing up and restoring the whole archive: every curated record, its
history, the curators' accounts and groups, and the admin's log.

The backup is Django's own serialization, so it restores into any supported
database, SQLite or PostgreSQL, at the same migration. It is XML, gzipped:
Django's JSON keeps times to the millisecond only, and a backup must give
back every microsecond (a deal's version, the history's dates). Users,
groups and permissions travel by natural key, so a restored database keeps
who changed what even though its permission ids differ. Left out on purpose:
what Django rebuilds itself (content types, permissions), sessions,
django-axes' login attempts, and the tallies."""

from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import override_settings

from . import dialect

EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    # Derived counts (articles.tallies), rebuilt as the records are loaded.
    "articles.DealTally",
    "articles.ArticleTally",
    "articles.DeadlineTally",
]

# Tables that must be empty before a restore: it adds to nothing.
CHECKED_EMPTY = ["articles.Deal", "articles.Company", "articles.Article", "auth.User"]


SUFFIXES = (".xml", ".xml.gz", ".xml.bz2", ".xml.xz")


def dump(output: str) -> None:
    """Write the archive to ``output`` (one of SUFFIXES), as one consistent
    snapshot even while curators keep working."""
    with transaction.atomic():
        if dialect.of(connection.alias).snapshot_reads:
            # One snapshot for every table, not one per query.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        call_command(
            "dumpdata",
            format="xml",
            natural_foreign=True,
            natural_primary=True,
            exclude=EXCLUDED,
            output=output,
            verbosity=0,
        )


def load(path: str) -> None:
    """Load a backup into this (migrated, empty) database. History is not
    recorded while loading: the backup brings its own."""
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        call_command("loaddata", path, verbosity=0)
