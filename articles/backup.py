"""Backing up and restoring the whole archive: every curated record, its
history, the curators' accounts and groups, and the admin's log.

The backup is Django's own serialization, so it restores into any supported
database, SQLite or PostgreSQL, at the same migration. It is XML, gzipped:
Django's JSON keeps times to the millisecond only, and a backup must give
back every microsecond (a deal's version, the history's dates). Users,
groups and permissions travel by natural key, so a restored database keeps
who changed what even though its permission ids differ. Left out on purpose:
what Django rebuilds itself (content types, permissions), sessions,
django-axes' login attempts, and the tallies.

A backup is all or nothing: it is written to a hidden file beside its
destination, read back in full, and only then given its name. One that fails
(a record XML cannot carry, a full disk) leaves nothing that looks like a
backup (issue 13, finding 2)."""

import bz2
import gc
import gzip
import lzma
import os
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import override_settings

from . import dialect

EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    # The background tasks' queue and results: work, not records.
    "django_tasks_database",
    # Derived counts and rows (articles.tallies), rebuilt as the records are loaded.
    "articles.DealTally",
    "articles.DealCountryTally",
    "articles.ArticleTally",
    "articles.DeadlineTally",
    "articles.DeadlineMonthTally",
    "articles.DealValueTally",
    "articles.DealStatusDayTally",
    "articles.EarlyStatusPeriod",
    "articles.DealReviewSpan",
    "articles.CompanyDealRole",
    "articles.RecordVersion",
]

# Tables that must be empty before a restore: it adds to nothing.
CHECKED_EMPTY = ["articles.Deal", "articles.Company", "articles.Article", "auth.User"]


SUFFIXES = (".xml", ".xml.gz", ".xml.bz2", ".xml.xz")


OPENERS: dict[str, Callable[..., Any]] = {
    ".gz": gzip.open,
    ".bz2": bz2.open,
    ".xz": lzma.open,
}


def back_up(path: Path) -> int:
    """Write the archive to ``path`` (named with one of SUFFIXES), whole and
    readable, or raise CommandError naming what failed and write nothing.
    Returns how many records it holds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # The compression is read from the name's last suffix, as dumpdata does.
    compression = path.suffix if path.suffix in OPENERS else ""
    # Created readable by its owner only: it holds the accounts' password hashes.
    handle, partial = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=f".partial{compression}"
    )
    os.close(handle)
    try:
        dump(partial)
        records = count_records(partial)
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return records


def count_records(path: str) -> int:
    """Read a backup to its end; CommandError if it is cut short or unreadable."""
    opener = OPENERS.get(Path(path).suffix, open)
    records = 0
    try:
        with opener(path, "rb") as stream:
            root: ElementTree.Element | None = None
            depth = 0
            for event, element in ElementTree.iterparse(stream, events=("start", "end")):
                if event == "start":
                    root = element if root is None else root
                    depth += 1
                    continue
                depth -= 1
                if depth == 1 and root is not None:  # a record (a link is an <object> too)
                    records += 1
                    root.clear()  # memory stays flat, however large the archive
    except (ElementTree.ParseError, EOFError, OSError, lzma.LZMAError) as error:
        raise CommandError(f"The backup written could not be read back: {error}") from error
    if root is None or root.tag != "django-objects":
        raise CommandError("The backup written holds no archive.")
    return records


def dump(output: str) -> None:
    """Write the archive to ``output`` (one of SUFFIXES), as one consistent
    snapshot even while curators keep working."""
    with transaction.atomic():
        if dialect.of(connection.alias).snapshot_reads:
            # One snapshot for every table, not one per query.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            call_command(
                "dumpdata",
                format="xml",
                natural_foreign=True,
                natural_primary=True,
                exclude=EXCLUDED,
                output=output,
                verbosity=0,
            )
        except BaseException as error:
            _release_frames(error)
            raise


def _release_frames(error: BaseException | None) -> None:
    """Let go of what a failed dumpdata's frames hold, now. Its half-read
    querysets keep server-side cursors (PostgreSQL), reachable from the
    traceback: left to the garbage collector, one would be closed in the
    middle of a later query on the same connection, where psycopg's
    connection lock deadlocks (a test run hung so). Here nothing else runs."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        traceback.clear_frames(error.__traceback__)
        error = error.__cause__ or error.__context__
    gc.collect()


def load(path: str) -> None:
    """Load a backup into this (migrated, empty) database. History is not
    recorded while loading: the backup brings its own."""
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        call_command("loaddata", path, verbosity=0)
