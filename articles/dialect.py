"""What the database behind an alias can do: the one place that tells
PostgreSQL from the others. PostgreSQL is the reference (full-text search,
tallies kept by triggers, arrays, one snapshot for a backup); SQLite serves
a first run that needs nothing installed, with plainer equivalents.

Code asks for a capability (``dialect.of(alias).full_text_search``), never
for a vendor's name."""

from dataclasses import dataclass

from django.db import connections


@dataclass(frozen=True)
class Dialect:
    vendor: str

    @property
    def is_reference(self) -> bool:
        return self.vendor == "postgresql"

    @property
    def full_text_search(self) -> bool:
        """Ranked, stemmed search through the vectors of migrations 0003 and
        0006; elsewhere every word must appear, in any case."""
        return self.is_reference

    @property
    def keeps_tallies(self) -> bool:
        """Counts kept current by triggers (articles.tallies)."""
        return self.is_reference

    @property
    def keeps_record_versions(self) -> bool:
        """A version per deal and company, moved by triggers
        (articles.record_versions): their pages are kept until a write
        touches them; elsewhere until any write."""
        return self.is_reference

    @property
    def splits_arrays(self) -> bool:
        """string_to_array, array_agg and unnest, which the country index
        (migration 0004), the country counts and a list's bidding parties
        (BidQuerySet.parties_by_deal) use."""
        return self.is_reference

    @property
    def writes_exports(self) -> bool:
        """``COPY (SELECT …) TO STDOUT`` and ``json_build_object``: the
        database writes the exports' rows itself (articles.export_sql);
        elsewhere Python writes them from the ORM's rows."""
        return self.is_reference

    @property
    def indexes_date_ranges(self) -> bool:
        """A GiST index over each status period's ``daterange`` and an
        exclusion constraint against overlaps (migration 0022); elsewhere two
        date columns, a B-tree, and the overlap check in Python."""
        return self.is_reference

    @property
    def snapshot_reads(self) -> bool:
        """A REPEATABLE READ transaction that reads every table at one moment
        (SQLite's one writer gives a backup that by itself)."""
        return self.is_reference


def of(using: str) -> Dialect:
    return Dialect(connections[using].vendor)
