"""Counts that PostgreSQL keeps current, so that a list of a million rows
need not be counted to be paged or faceted.

Each tally is a small table of counts by a few columns of the table counted,
kept by statement-level triggers that read the rows of the statement at once
(a COPY of a million rows is one tally update, not a million): inserted rows
add one, deleted rows take one away, an update moves only the rows whose
counted columns changed, and a truncate empties the tally. Elsewhere than on
PostgreSQL the tallies stay empty and are not read.

The migrations that create the triggers (0008 then 0018, 0010, 0027) hold the SQL these
definitions gave when they were written, as literal strings, so that what an
old migration builds never changes with this module. A change to a tally
therefore needs a new migration that drops its triggers and creates them
again, with the statements of drop_sql() and create_sql() written into it
(keeping the trigger names): tests/test_migrations.py compares each tally
with the migration that last froze it, and fails until that is done.

A tally fed from two tables (the as-of ones: a deal's periods, and the deal
whose type, countries or announcement key them) reads, in each side's
trigger, the other table as committed. The site writes a deal's periods in
the transaction that saves the deal, which holds the deal's row locked; a
bulk writer changing periods and their deals at once from two sessions must
lock the deals first (SELECT ... FOR SHARE), or one side may miss the
other's change."""

from collections.abc import Callable
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
    weight: str = ""  # what each row of ``select`` adds, when not one
    # Whether its triggers' creation counts what the table holds: not when
    # another tally of the same table already has (two tables feed one).
    counts_existing: bool = True

    def _tallied(self, sign: int, rows: str) -> str:
        delta = f"{sign} * {self.weight}" if self.weight else str(sign)
        return f"SELECT {self.select}, {delta} AS delta FROM {rows} AS r{self.expand}"

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
        if self.counts_existing:
            statements.append(self._add_up(self._tallied(1, self.counted)))
        return statements

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
def _codes(deal: str) -> str:
    """A FROM item: the deal under country "" and under each country it covers."""
    return (
        ", LATERAL (SELECT DISTINCT code FROM unnest(array_append("
        f"string_to_array(coalesce({deal}.countries, ''), ','), '')) AS code) AS codes"
    )


def _year_announced(deal: str) -> str:
    return f"coalesce(extract(year FROM {deal}.announced_on)::int, 0)"


DEALS = Tally(
    name="articles_deal_tally",
    counted="articles_deal",
    table="articles_dealtally",
    keys=("status", "deal_type", "country", "year"),
    select=f"r.status, r.deal_type, code, {_year_announced('r')}",
    expand=_codes("r"),
    watched=("status", "deal_type", "countries", "announced_on"),
    count="deals",
)

# The same without the year: the country facet's sums (counting.TALLY_SUMS).
DEAL_COUNTRIES = Tally(
    name="articles_deal_country_tally",
    counted="articles_deal",
    table="articles_dealcountrytally",
    keys=("status", "deal_type", "country"),
    select="r.status, r.deal_type, code",
    expand=_codes("r"),
    watched=("status", "deal_type", "countries"),
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
# The deals' values added up per currency (a value not reported adds 0):
# the home page's totals.
DEAL_VALUES = Tally(
    name="articles_deal_value_tally",
    counted="articles_deal",
    table="articles_dealvaluetally",
    keys=("currency",),
    select="r.currency",
    watched=("currency", "value"),
    count="total",
    weight="coalesce(r.value, 0)",
)
# The deadlines per month of their due date: the deadlines page's chart, unfiltered.
DEADLINE_MONTHS = Tally(
    name="articles_deadline_month_tally",
    counted="articles_deadline",
    table="articles_deadlinemonthtally",
    keys=("month",),
    select="date_trunc('month', r.due_on)::date",
    watched=("due_on",),
    count="deadlines",
)


def _status_changes(period: str) -> str:
    """FROM items for the day tally: a status period adds one deal to its
    status on the day it began and takes it away on the day it ended (the
    day it is no longer on: StatusPeriodQuerySet.on), each day counted in
    its year, its month and itself. A period whose start is not known, or
    that ended on a day not known, is on no day's list and adds nothing."""
    return (
        f", LATERAL (SELECT e.day, e.weight FROM (VALUES ({period}.started_on, 1), "
        f"({period}.ended_on, -1)) AS e (day, weight) WHERE e.day IS NOT NULL "
        f"AND {period}.started_on IS NOT NULL "
        f"AND ({period}.is_current OR {period}.ended_on IS NOT NULL)) AS ev, "
        "LATERAL (VALUES ('y', date_trunc('year', ev.day)::date), "
        "('m', date_trunc('month', ev.day)::date), ('d', ev.day)) AS b (span, starts_on)"
    )


def _day_keys(period: str, deal: str) -> str:
    return f"b.span, b.starts_on, {period}.status, {deal}.deal_type, code, {_year_announced(deal)}"


PERIOD_COLUMNS = ("id", "deal_id", "status", "started_on", "ended_on", "is_current")


def _from_periods_and_deals(
    name: str,
    table: str,
    keys: tuple[str, ...],
    count: str,
    select: Callable[[str, str], str],
    from_items: Callable[[str, str], str],
    deal_columns: tuple[str, ...],
    weight: str = "",
) -> tuple[Tally, Tally]:
    """A tally of the deals' status periods keyed by their deal's columns
    too, kept from both sides: the periods' triggers (each period ``r``
    joined to its deal ``d``) and the deals' (each deal ``r`` joined to its
    periods ``p``) when ``deal_columns`` change. ``select`` and
    ``from_items`` take the names of the period and of the deal. Either side
    finds the other's rows missing when its own statement comes second (a
    deal and its periods deleted or inserted in either order), so each
    change is counted once; the periods' side counts what is held."""
    of_periods = Tally(
        name=name,
        counted="articles_dealstatusperiod",
        table=table,
        keys=keys,
        select=select("r", "d"),
        expand=" JOIN articles_deal AS d ON d.id = r.deal_id" + from_items("r", "d"),
        watched=PERIOD_COLUMNS,
        count=count,
        weight=weight,
    )
    of_deals = Tally(
        name=f"{name}_of_deals",
        counted="articles_deal",
        table=table,
        keys=keys,
        select=select("p", "r"),
        expand=" JOIN articles_dealstatusperiod AS p ON p.deal_id = r.id" + from_items("p", "r"),
        watched=("id", *deal_columns),
        count=count,
        weight=weight,
        counts_existing=False,
    )
    return of_periods, of_deals


# The deals' statuses on any day (issue 16's as_of=): the changes of status,
# by day, month and year, so that a day's counts add up the years before it,
# the months of its year before it and the days of its month up to it (about
# 60,000 rows at 1M deals) instead of reading the half a million periods open
# that day (articles.counting). A deal's type, countries or announcement move
# its periods to other keys.
STATUS_DAYS, STATUS_DAYS_OF_DEALS = _from_periods_and_deals(
    name="articles_deal_status_day_tally",
    table="articles_dealstatusdaytally",
    keys=("span", "starts_on", "status", "deal_type", "country", "year"),
    count="deals",
    select=_day_keys,
    from_items=lambda period, deal: _codes(deal) + _status_changes(period),
    deal_columns=("deal_type", "countries", "announced_on"),
    weight="ev.weight",
)


# The status periods that began before their deal was announced (or of a deal
# never announced): the deals listed on a day before their announcement
# (a rumour, talks), which /deals/?as_of= finds without walking every deal
# announced since (DealQuerySet.with_status_on). A row per period, on a day's
# list from its start until the day before ``until`` (9999-12-31 while it is
# current; a period that ended on a day not known is on no day's list and is
# left out), its count 1 while the period began before the announcement and
# 0 once it no longer does.
def _before_announcement(period: str, deal: str) -> str:
    return (
        f", LATERAL (SELECT WHERE {period}.started_on IS NOT NULL "
        f"AND ({period}.is_current OR {period}.ended_on IS NOT NULL) "
        f"AND ({deal}.announced_on IS NULL OR {period}.started_on < {deal}.announced_on)) AS early"
    )


def _early_keys(period: str, deal: str) -> str:
    return (
        f"{period}.id, {period}.deal_id, {period}.status, {period}.started_on, "
        f"coalesce({period}.ended_on, '9999-12-31'::date)"
    )


EARLY_PERIODS, EARLY_PERIODS_OF_DEALS = _from_periods_and_deals(
    name="articles_early_period_tally",
    table="articles_earlystatusperiod",
    keys=("period_id", "deal_id", "status", "started_on", "until"),
    count="periods",
    select=_early_keys,
    from_items=_before_announcement,
    deal_columns=("announced_on",),
)


@dataclass(frozen=True)
class RowsPerDeal:
    """A table of rows derived from each deal's records, written again whole
    for every deal a statement touches (not added up, as a tally is: what it
    holds of a deal, such as spans of days merged across its records, is no
    sum of what each record brings). ``refresh`` is the body of a function
    of ``ids`` (the deals) that deletes their rows and inserts them afresh;
    ``sources`` are the tables it reads, each with the query of the deals
    of its ``{rows}``, the columns that matter, and the events whose rows
    may change what the table holds of a deal.

    ``refresh`` reads ``ids`` as ``IN (SELECT unnest(ids))``, never
    ``= ANY(ids)``: a COPY hands it hundreds of thousands of ids, repeated,
    before the tables have statistics, and a scan comparing each row with
    every element of the array took minutes where a join takes seconds."""

    name: str  # for the functions' names
    table: str
    refresh: str
    held: str  # the query of the deals that may have rows, when created
    sources: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...]

    def _changed_deals(self, deals_of_rows: str, columns: tuple[str, ...], event: str) -> str:
        def deals_of(rows: str) -> str:
            return deals_of_rows.format(rows=rows)

        if event == "insert":
            return deals_of("new_rows")
        if event == "delete":
            return deals_of("old_rows")
        # An update of other columns (a deal's version moves with every bid
        # saved) leaves the table be.
        watched = ", ".join(columns)

        def gone(rows: str, other: str) -> str:
            return f"(SELECT {watched} FROM {rows} EXCEPT SELECT {watched} FROM {other})"

        return (
            f"{deals_of(gone('old_rows', 'new_rows'))} "
            f"UNION {deals_of(gone('new_rows', 'old_rows'))}"
        )

    def create_sql(self) -> list[str]:
        """PostgreSQL statements that create the functions and the triggers
        and derive the rows of the deals already held."""
        refresh = f"{self.name}_refresh"
        statements = [
            f"CREATE FUNCTION {refresh}(ids bigint[]) RETURNS void "
            f"LANGUAGE plpgsql AS $$ BEGIN {self.refresh} END $$;",
        ]
        referencing = {
            "insert": "REFERENCING NEW TABLE AS new_rows",
            "delete": "REFERENCING OLD TABLE AS old_rows",
            "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        }
        for source, deals_of_rows, columns, events in self.sources:
            for event in events:
                function = f"{self.name}_{source.removeprefix('articles_')}_{event}"
                ids = self._changed_deals(deals_of_rows, columns, event)
                statements += [
                    f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                    f"BEGIN PERFORM {refresh}(array({ids})); RETURN NULL; END $$;",
                    f"CREATE TRIGGER {function} AFTER {event.upper()} ON {source} "
                    f"{referencing[event]} FOR EACH STATEMENT EXECUTE FUNCTION {function}();",
                ]
            # Emptied, a source changes what may be held of any deal. DELETE,
            # not TRUNCATE: a flush truncates this table in the same statement.
            function = f"{self.name}_{source.removeprefix('articles_')}_truncate"
            statements += [
                f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN DELETE FROM {self.table}; PERFORM {refresh}(array({self.held})); "
                "RETURN NULL; END $$;",
                f"CREATE TRIGGER {function} AFTER TRUNCATE ON {source} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {function}();",
            ]
        statements.append(self.derive_all_sql())
        return statements

    def insert_triggers(self) -> list[tuple[str, str]]:
        """(table, trigger) of each trigger on inserts: a bulk load may turn
        them off and ``derive_all_sql()`` once loaded."""
        return [
            (source, f"{self.name}_{source.removeprefix('articles_')}_insert")
            for source, _deals_of_rows, _columns, events in self.sources
            if "insert" in events
        ]

    def derive_all_sql(self) -> str:
        """The PostgreSQL statement that derives the rows of every deal held."""
        return f"SELECT {self.name}_refresh(array({self.held}));"

    def drop_sql(self) -> list[str]:
        """PostgreSQL statements that drop the triggers and functions (the rows stay)."""
        statements = []
        for source, _deals_of_rows, _columns, events in self.sources:
            for event in (*events, "truncate"):
                function = f"{self.name}_{source.removeprefix('articles_')}_{event}"
                statements += [
                    f"DROP TRIGGER {function} ON {source};",
                    f"DROP FUNCTION {function}();",
                ]
        statements.append(f"DROP FUNCTION {self.name}_refresh(bigint[]);")
        return statements


def _known_span(period: str) -> str:
    """A status period's days as a daterange, for a period on some day's
    list (StatusPeriodQuerySet.on): its start known, and its end too once
    closed; an open period runs on without end."""
    return f"daterange({period}.started_on, {period}.ended_on, '[)')"


def _is_known(period: str) -> str:
    return (
        f"{period}.started_on IS NOT NULL "
        f"AND ({period}.is_current OR {period}.ended_on IS NOT NULL)"
    )


# The deals under review on any day (issue 16's as_of= with authority=,
# review= or jurisdiction=): for each deal, the days on which some review of
# it by each authority, in each review status and in each jurisdiction was
# known, merged across its reviews (a deal counts once however many match),
# and cut at the deal's own status changes, with the deal's status, type,
# countries and year announced. A day's list and facets read only the rows
# of the chosen authority (or status, or jurisdiction) open that day, through
# a GiST index, instead of probing each reviewed deal's status that day.
# Every write to a review, its periods, its authority's jurisdiction, the
# deal's periods or the columns copied from the deal writes the deal's rows
# again. Two sessions never derive one deal's rows from each other's
# uncommitted writes: every writer of a curated table first takes the
# archive version's row lock (articles.freshness, a BEFORE trigger), so
# writers take turns; the lock on the deal's row taken here keeps it so for
# a writer that bypassed that trigger.
REVIEW_SPANS = RowsPerDeal(
    name="articles_deal_review_span",
    table="articles_dealreviewspan",
    refresh=(
        "PERFORM 1 FROM articles_deal WHERE id IN (SELECT unnest(ids)) "
        "ORDER BY id FOR NO KEY UPDATE; "
        "DELETE FROM articles_dealreviewspan WHERE deal_id IN (SELECT unnest(ids)); "
        "INSERT INTO articles_dealreviewspan "
        "(deal_id, facet, value, status, deal_type, countries, year, started_on, until) "
        "SELECT k.deal_id, k.facet, k.value, p.status, d.deal_type, d.countries, "
        f"{_year_announced('d')}, lower(s.days), coalesce(upper(s.days), '9999-12-31'::date) "
        "FROM (SELECT deal_id, facet, value, unnest(range_agg(days)) AS days FROM ("
        f"SELECT r.deal_id, f.facet, f.value, {_known_span('p')} AS days "
        "FROM articles_reviewstatusperiod AS p "
        "JOIN articles_review AS r ON r.id = p.review_id "
        "JOIN articles_authority AS a ON a.id = r.authority_id, "
        "LATERAL (VALUES ('authority', r.authority_id::text), ('review', p.status::text), "
        "('jurisdiction', a.jurisdiction::text)) AS f (facet, value) "
        f"WHERE r.deal_id IN (SELECT unnest(ids)) AND {_is_known('p')}"
        ") AS known GROUP BY deal_id, facet, value) AS k "
        "JOIN articles_deal AS d ON d.id = k.deal_id "
        f"JOIN articles_dealstatusperiod AS p ON p.deal_id = k.deal_id AND {_is_known('p')} "
        f"AND {_known_span('p')} && k.days, "
        f"LATERAL (SELECT {_known_span('p')} * k.days AS days) AS s;"
    ),
    held="SELECT DISTINCT deal_id FROM articles_review",
    sources=(
        (
            "articles_reviewstatusperiod",
            "SELECT v.deal_id FROM {rows} AS r JOIN articles_review AS v ON v.id = r.review_id",
            ("review_id", "status", "started_on", "ended_on", "is_current"),
            ("insert", "update", "delete"),
        ),
        # Inserts too: the foreign keys are checked at commit, so a period
        # may come before its review, a review before its authority or deal.
        (
            "articles_review",
            "SELECT r.deal_id FROM {rows} AS r",
            ("deal_id", "authority_id"),
            ("insert", "update", "delete"),
        ),
        (
            "articles_authority",
            "SELECT v.deal_id FROM {rows} AS r JOIN articles_review AS v ON v.authority_id = r.id",
            ("id", "jurisdiction"),
            ("insert", "update"),
        ),
        (
            "articles_dealstatusperiod",
            "SELECT r.deal_id FROM {rows} AS r",
            PERIOD_COLUMNS[1:],
            ("insert", "update", "delete"),
        ),
        (
            "articles_deal",
            "SELECT r.id FROM {rows} AS r",
            ("id", "deal_type", "countries", "announced_on"),
            ("insert", "update", "delete"),
        ),
    ),
)


# Each company's deals by its role in them (issue 15's giants): a row per
# company, role (target, seller, bidder) and deal, with the deal's status,
# type, countries and year announced, and how many reviews it has. A list
# of one company's deals (company=, buyer=) reads that company's rows, by
# an index on the company and the role, for its page and its counts, as
# cheaply for a company in 12,000 deals as for one in 3; the reviews say,
# without reading them, when the list's review choices are too many to count.
COMPANY_DEALS = RowsPerDeal(
    name="articles_company_deal_role",
    table="articles_companydealrole",
    refresh=(
        "PERFORM 1 FROM articles_deal WHERE id IN (SELECT unnest(ids)) "
        "ORDER BY id FOR NO KEY UPDATE; "
        "DELETE FROM articles_companydealrole WHERE deal_id IN (SELECT unnest(ids)); "
        # Joined as sets, not per deal (LATERAL, a subquery per row): a COPY
        # fires this before the tables have statistics, and the planner then
        # hashed every bidder link again for each of 100k deals.
        "INSERT INTO articles_companydealrole "
        "(company_id, role, deal_id, status, deal_type, countries, year, reviews) "
        "SELECT DISTINCT p.company_id, p.role, d.id, d.status, d.deal_type, d.countries, "
        f"{_year_announced('d')}, coalesce(v.reviews, 0) "
        "FROM articles_deal AS d JOIN ("
        "SELECT id, target_id, 'target' FROM articles_deal "
        "WHERE target_id IS NOT NULL AND id IN (SELECT unnest(ids)) "
        "UNION ALL SELECT id, seller_id, 'seller' FROM articles_deal "
        "WHERE seller_id IS NOT NULL AND id IN (SELECT unnest(ids)) "
        "UNION ALL SELECT b.deal_id, bb.company_id, 'bidder' FROM articles_bid AS b "
        "JOIN articles_bid_bidders AS bb ON bb.bid_id = b.id "
        "WHERE b.deal_id IN (SELECT unnest(ids))"
        ") AS p (deal_id, company_id, role) ON p.deal_id = d.id "
        "LEFT JOIN (SELECT deal_id, count(*) FROM articles_review "
        "WHERE deal_id IN (SELECT unnest(ids)) GROUP BY deal_id) "
        "AS v (deal_id, reviews) ON v.deal_id = d.id "
        "WHERE d.id IN (SELECT unnest(ids));"
    ),
    held="SELECT id FROM articles_deal",
    sources=(
        (
            "articles_deal",
            "SELECT r.id FROM {rows} AS r",
            (
                "id",
                "target_id",
                "seller_id",
                "status",
                "deal_type",
                "countries",
                "announced_on",
            ),
            ("insert", "update", "delete"),
        ),
        # Inserts too: the foreign keys are checked at commit, so a bid's
        # bidders may come before it.
        (
            "articles_bid",
            "SELECT r.deal_id FROM {rows} AS r",
            ("id", "deal_id"),
            ("insert", "update", "delete"),
        ),
        (
            "articles_bid_bidders",
            "SELECT b.deal_id FROM {rows} AS r JOIN articles_bid AS b ON b.id = r.bid_id",
            ("bid_id", "company_id"),
            ("insert", "update", "delete"),
        ),
        (
            "articles_review",
            "SELECT r.deal_id FROM {rows} AS r",
            ("id", "deal_id"),
            ("insert", "update", "delete"),
        ),
    ),
)
