"""Counts that PostgreSQL keeps current, so that a list of a million rows
need not be counted to be paged or faceted.

Each tally is a small table of counts by a few columns of the table counted,
kept by statement-level triggers that read the rows of the statement at once
(a COPY of a million rows is one tally update, not a million): inserted rows
add one, deleted rows take one away, an update moves only the rows whose
counted columns changed, and a truncate empties the tally. Elsewhere than on
PostgreSQL the tallies stay empty and are not read.

The migrations that create the triggers (0008 then 0017, 0010) hold the SQL these
definitions gave when they were written, as literal strings, so that what an
old migration builds never changes with this module. A change to a tally
therefore needs a new migration that drops its triggers and creates them
again, with the statements of drop_sql() and create_sql() written into it
(keeping the trigger names): tests/test_migrations.py compares each tally
with the migration that last froze it, and fails until that is done."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Tally:
    name: str  # for the trigger functions' names
    counted: str  # the table counted
    table: str  # the tally
    keys: tuple[str, ...]  # the tally's columns, in the order of ``select``
    select: str  # the keys of each row ``r`` of the counted table
    watched: tuple[str, ...]  # the counted table's columns the keys come from
    count: str  # the tally's column of counts
    expand: str = ""  # more FROM items, for a row counted under several keys

    def _tallied(self, sign: int, rows: str) -> str:
        return f"SELECT {self.select}, {sign} AS delta FROM {rows} AS r{self.expand}"

    def _add_up(self, changes: str) -> str:
        # In the order of the keys: two statements changing the same tally
        # rows lock them in the same order, and cannot deadlock.
        keys = ", ".join(self.keys)
        return (
            f"INSERT INTO {self.table} AS tally ({keys}, {self.count}) "
            f"SELECT {keys}, SUM(delta) FROM ({changes}) AS changes ({keys}, delta) "
            f"GROUP BY {keys} ORDER BY {keys} ON CONFLICT ({keys}) "
            f"DO UPDATE SET {self.count} = tally.{self.count} + EXCLUDED.{self.count};"
        )

    def _changed(self, rows: str, other: str) -> str:
        # What the update took away (or brought), as counted: an update of
        # anything else (a deal's version moves with every bid saved) leaves
        # the tally be. Compared as a whole, not row by row, so that an
        # update of the ids themselves is counted right too.
        watched = ", ".join(self.watched)
        return f"(SELECT {watched} FROM {rows} EXCEPT ALL SELECT {watched} FROM {other})"

    def triggers(self) -> dict[str, tuple[str, str]]:
        """For each event: the transition tables it reads, and what it does."""
        return {
            "insert": ("REFERENCING NEW TABLE AS new_rows",
                       self._add_up(self._tallied(1, "new_rows"))),
            "delete": ("REFERENCING OLD TABLE AS old_rows",
                       self._add_up(self._tallied(-1, "old_rows"))),
            "update": ("REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
                       self._add_up(
                           f"{self._tallied(-1, self._changed('old_rows', 'new_rows'))} "
                           f"UNION ALL {self._tallied(1, self._changed('new_rows', 'old_rows'))}")),
            "truncate": ("", f"DELETE FROM {self.table};"),
        }  # fmt: skip

    def create_sql(self) -> list[str]:
        """PostgreSQL statements that create the triggers and count what the
        table already holds."""
        statements: list[str] = []
        for event, (referencing, body) in self.triggers().items():
            function = f"{self.name}_{event}"
            statements += [
                f"CREATE FUNCTION {function}() RETURNS trigger "
                f"LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$;",
                f"CREATE TRIGGER {function} AFTER {event.upper()} ON {self.counted} "
                f"{referencing} FOR EACH STATEMENT EXECUTE FUNCTION {function}();",
            ]
        return [*statements, self._add_up(self._tallied(1, self.counted))]

    def drop_sql(self) -> list[str]:
        """PostgreSQL statements that drop the triggers (the tally's rows stay)."""
        return [
            statement
            for event in self.triggers()
            for statement in (
                f"DROP TRIGGER {self.name}_{event} ON {self.counted};",
                f"DROP FUNCTION {self.name}_{event}();",
            )
        ]


# Each deal counts once in its (status, type, year) row of country "", and
# once in that of each country it covers (stored comma-separated; a code
# repeated counts once, as the deal list's own filter matches it once). The
# year is the announcement's, 0 when not announced: the charts of deals per
# year read it.
DEALS = Tally(
    name="articles_deal_tally",
    counted="articles_deal",
    table="articles_dealtally",
    keys=("status", "deal_type", "country", "year"),
    select="r.status, r.deal_type, code, coalesce(extract(year FROM r.announced_on)::int, 0)",
    expand=(
        ", LATERAL (SELECT DISTINCT code FROM unnest(array_append("
        "string_to_array(coalesce(r.countries, ''), ','), '')) AS code) AS codes"
    ),
    watched=("status", "deal_type", "countries", "announced_on"),
    count="deals",
)


def by_column(model: str, column: str, count: str) -> Tally:
    """The tally of ``articles_<model>`` by one of its columns."""
    return Tally(
        name=f"articles_{model}_tally",
        counted=f"articles_{model}",
        table=f"articles_{model}tally",
        keys=(column,),
        select=f"r.{column}",
        watched=(column,),
        count=count,
    )


ARTICLES = by_column("article", "language", count="articles")
DEADLINES = by_column("deadline", "status", count="deadlines")
