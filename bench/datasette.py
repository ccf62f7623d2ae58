"""Side by side with Datasette: the deal list's requests, on dealwatch and on
Datasette serving the same archive exported to SQLite, with the same facets
and filters, both uncached.

The archive is exported from the current database to a SQLite file under
bench-results/ (git-ignored), with the indexes Datasette's queries need, a
full-text index on the deals' titles and summaries, and ANALYZE's statistics.
Datasette, pinned at DATASETTE_VERSION, runs from a virtualenv of its own
(.datasette-venv/), serving the file on 127.0.0.1. dealwatch is measured
through the test client with the archive's version bumped before each run, as
bench.benchmark measures uncached pages; Datasette keeps no page cache (its
Cache-Control header only speaks to browsers and proxies, and is turned off
here), so each of its requests runs its queries again. Its time is measured
over HTTP on a kept-alive connection, so it includes localhost's round trip,
which dealwatch's does not: well under a millisecond.

Differences that remain, by design of either side:
- Countries are stored comma-separated by dealwatch; they are exported as a
  JSON array, so that Datasette's array facet counts deals per country, as
  dealwatch's country facet does, and its ``arraycontains`` filter picks the
  deals covering one. Neither can use a B-tree index for that.
- dealwatch's ``q=`` also matches the names of a deal's parties, and its list
  shows at most 1,000 matches (with counts and facets over those); Datasette
  searches titles and summaries only, counting and faceting every match.
- dealwatch reaches a deep page by number; Datasette pages by keyset only
  (``_next=`` holds the last row of the previous page), so the Datasette
  request is the keyset equivalent of the same page. Datasette computes that
  page's facets over the rows from there to the end, not over the whole list.
"""

import contextlib
import http.client
import json
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from django.test import Client

from articles.models import Bid, Company, Deal
from bench.benchmark import _fetch, _free_port, _timed_runs, percentile

DATASETTE_VERSION = "0.65.5"
ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".datasette-venv"
EXPORT = ROOT / "bench-results" / "datasette" / "dealwatch.db"
# Datasette names a database after its file: its tables are at /dealwatch/<table>.
TABLE_PATH = "/dealwatch/deals"
PAGE_SIZE = 25  # the deal list's
# Datasette's queries and facets may take this long: with its defaults (1 s
# per query, 200 ms per facet) it would give up on the largest instead of
# doing the work dealwatch does.
TIME_LIMIT_MS = 60_000

# The requests of bench.benchmark.representative_requests compared.
COMPARED = (
    "deals, unfiltered",
    "deals, country+status",
    "deals, sort=-value",
    "deals, last page",
    "deals, q=",
    "deals, buyer=giant",
)

SCHEMA = """
CREATE TABLE companies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    slug TEXT NOT NULL,
    country TEXT NOT NULL
);
CREATE TABLE deals (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    slug TEXT NOT NULL,
    target_id INTEGER NOT NULL REFERENCES companies (id),
    seller_id INTEGER REFERENCES companies (id),
    countries TEXT NOT NULL,  -- a JSON array of ISO codes
    deal_type TEXT NOT NULL,
    status TEXT NOT NULL,
    announced_on TEXT,
    closed_on TEXT,
    value REAL,
    currency TEXT NOT NULL,
    summary TEXT NOT NULL
);
CREATE TABLE bids (
    id INTEGER PRIMARY KEY,
    deal_id INTEGER NOT NULL REFERENCES deals (id),
    status TEXT NOT NULL
);
CREATE TABLE bid_bidders (
    bid_id INTEGER NOT NULL REFERENCES bids (id),
    company_id INTEGER NOT NULL REFERENCES companies (id),
    PRIMARY KEY (bid_id, company_id)
) WITHOUT ROWID;
"""

# Made after the rows are in, which is faster than keeping them up to date.
INDEXES = """
CREATE UNIQUE INDEX company_slug ON companies (slug);
CREATE UNIQUE INDEX deal_slug ON deals (slug);
-- The list's default order (newest first), and its deep pages.
CREATE INDEX deal_announced ON deals (announced_on, id);
-- status= and type=, and their facets.
CREATE INDEX deal_status ON deals (status, announced_on);
CREATE INDEX deal_type ON deals (deal_type, announced_on);
-- _sort_desc=value.
CREATE INDEX deal_value ON deals (value, id);
-- The target's and seller's names, shown by Datasette for each row.
CREATE INDEX deal_target ON deals (target_id);
CREATE INDEX deal_seller ON deals (seller_id);
-- buyer=: a company's bids, then their deals.
CREATE INDEX bidder_bids ON bid_bidders (company_id, bid_id);
CREATE INDEX bid_deal ON bids (deal_id);
-- _search=: content= names the table, which is how Datasette finds it.
-- Porter's stemmer, as dealwatch's English configuration stems words.
CREATE VIRTUAL TABLE deals_fts USING fts5 (
    title, summary, content="deals", content_rowid="id", tokenize="porter unicode61"
);
INSERT INTO deals_fts (deals_fts) VALUES ('rebuild');
ANALYZE;
"""

METADATA = {
    "databases": {
        "dealwatch": {
            "tables": {
                "deals": {
                    # dealwatch's facets. countries holds JSON arrays, so the
                    # array facet counts deals per country code; a plain
                    # column facet would count each combination ("FR,US").
                    "facets": ["status", "deal_type", {"array": "countries"}],
                    "size": PAGE_SIZE,
                    "sort_desc": "announced_on",
                    "fts_table": "deals_fts",
                    "fts_pk": "id",
                    "label_column": "title",
                },
                "companies": {"label_column": "name"},
            }
        }
    }
}

FACETS = {"status", "deal_type", "countries"}

SETTINGS = {
    "default_cache_ttl": "0",  # Cache-Control: no-cache
    # dealwatch suggests no facets: Datasette should not spend time on them.
    "suggest_facets": "off",
    "sql_time_limit_ms": str(TIME_LIMIT_MS),
    "facet_time_limit_ms": str(TIME_LIMIT_MS),
    # SQLite's page cache for each of Datasette's connections, the size of
    # PostgreSQL's shared_buffers in the benchmark's setup (SQLite's default
    # is 2 MB, which made country+status half as slow again at 100k).
    "cache_size_kb": str(128 * 1024),
}


@dataclass
class Comparison:
    name: str
    dealwatch_url: str
    datasette_url: str
    dealwatch_median_ms: float
    dealwatch_p95_ms: float
    datasette_median_ms: float
    datasette_p95_ms: float
    # Datasette's median over dealwatch's: above 1, dealwatch is ahead.
    ratio: float
    # What Datasette's JSON said of the same request: its rows, and any facet
    # missing from it (one it gave up on: none should be).
    datasette_rows: int | None = None
    missing_facets: list[str] = field(default_factory=list)


def _write_rows(db: sqlite3.Connection, table: str, rows: Iterable[tuple]) -> int:
    count = 0
    batch: list[tuple] = []
    for row in rows:
        batch.append(row)
        if len(batch) == 10_000:
            count += _insert(db, table, batch)
            batch = []
    return count + _insert(db, table, batch)


def _insert(db: sqlite3.Connection, table: str, rows: list[tuple]) -> int:
    if rows:
        marks = ", ".join("?" * len(rows[0]))
        db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    return len(rows)


def _deal_rows() -> Iterator[tuple]:
    columns = (
        "id", "title", "slug", "target_id", "seller_id", "countries", "deal_type",
        "status", "announced_on", "closed_on", "value", "currency", "summary",
    )  # fmt: skip
    for row in Deal.objects.order_by().values(*columns).iterator(chunk_size=10_000):
        codes = row["countries"]  # "AU,CA,US", as stored
        yield (
            *(row[name] for name in columns[:5]),
            json.dumps(codes.split(",") if codes else []),
            row["deal_type"],
            row["status"],
            row["announced_on"] and row["announced_on"].isoformat(),
            row["closed_on"] and row["closed_on"].isoformat(),
            None if row["value"] is None else float(row["value"]),
            row["currency"],
            row["summary"],
        )


def export_archive(path: Path = EXPORT) -> dict[str, int]:
    """Export the current database's archive to a new SQLite file at
    ``path``; the rows written, by table."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    try:
        # A throwaway file until it is whole: no journal, no fsync.
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        chunk = {"chunk_size": 10_000}
        counts = {
            "companies": _write_rows(
                db,
                "companies",
                Company.objects.order_by()
                .values_list("id", "name", "slug", "country")
                .iterator(**chunk),
            ),
            "deals": _write_rows(db, "deals", _deal_rows()),
            "bids": _write_rows(
                db,
                "bids",
                Bid.objects.order_by().values_list("id", "deal_id", "status").iterator(**chunk),
            ),
            "bid_bidders": _write_rows(
                db,
                "bid_bidders",
                Bid.bidders.through.objects.order_by()
                .values_list("bid_id", "company_id")
                .iterator(**chunk),
            ),
        }
        db.commit()
        db.executescript(INDEXES)
        db.commit()
    finally:
        db.close()
    partial.replace(path)
    return counts


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _keyset_token(db: sqlite3.Connection, column: str, offset: int) -> str:
    """Datasette's ``_next=`` for the page after the row at ``offset`` (from
    0) in the order it pages by, ``column`` descending, then id: that row's
    value and id. Datasette tilde-decodes each part: dates, numbers and
    ids read the same either way."""
    row = db.execute(
        f"SELECT {column}, id FROM deals ORDER BY {column} DESC, id LIMIT 1 OFFSET ?",
        (offset,),
    ).fetchone()
    if row is None:
        raise ValueError(f"The list has no row {offset + 1}: no page follows it")
    value, pk = row
    return f"{'$null' if value is None else value},{pk}"


def datasette_url(dealwatch_url: str, db: sqlite3.Connection) -> str:
    """The Datasette page equivalent to a dealwatch deal list URL, over the
    archive exported to ``db``; ValueError for a filter it cannot express."""
    params = parse_qs(urlsplit(dealwatch_url).query)
    page = int(params.pop("page", ["1"])[0])
    sort = params.pop("sort", ["-announced"])[0]
    wanted: list[tuple[str, str]] = []
    for name, values in params.items():
        match name:
            case "status" | "type":
                column = "deal_type" if name == "type" else "status"
                if len(values) == 1:
                    wanted.append((column, values[0]))
                else:
                    wanted.append((f"{column}__in", ",".join(values)))
            case "country":
                wanted.append(("countries__arraycontains", values[0].upper()))
            case "q":
                wanted.append(("_search", values[0]))
            case "buyer":
                bidder_deals = (
                    "SELECT bids.deal_id FROM bids "
                    "JOIN bid_bidders ON bid_bidders.bid_id = bids.id "
                    "JOIN companies ON companies.id = bid_bidders.company_id "
                    f"WHERE companies.slug = {_sql_literal(values[0])}"
                )
                wanted.append(("_where", f"id IN ({bidder_deals})"))
            case _:
                raise ValueError(f"No Datasette equivalent for {name}= in {dealwatch_url}")
    if page > 1 and wanted:
        raise ValueError(f"Only the whole list's pages have keysets here: {dealwatch_url}")
    columns = {"-announced": "announced_on", "-value": "value"}
    if sort not in columns:
        raise ValueError(f"No Datasette equivalent for sort={sort} in {dealwatch_url}")
    if sort != "-announced":  # the table's default order, from the metadata
        wanted.append(("_sort_desc", columns[sort]))
    if page > 1:
        wanted.append(("_next", _keyset_token(db, columns[sort], (page - 1) * PAGE_SIZE - 1)))
    return TABLE_PATH + (f"?{urlencode(wanted)}" if wanted else "")


def request_pairs(
    requests: Iterable[tuple[str, str]], db: sqlite3.Connection
) -> list[tuple[str, str, str]]:
    """(name, dealwatch URL, Datasette URL) for each of the COMPARED requests
    among bench.benchmark's (name, URL)."""
    return [(name, url, datasette_url(url, db)) for name, url in requests if name in COMPARED]


def datasette_executable() -> Path:
    """Datasette from its own virtualenv, installed from the package index
    when missing or not at DATASETTE_VERSION."""
    executable = VENV / "bin" / "datasette"
    if executable.exists():
        found = subprocess.run([executable, "--version"], capture_output=True, text=True)
        if found.stdout.split()[-1:] == [DATASETTE_VERSION]:
            return executable
    if not (VENV / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", VENV], check=True)
        # Out of git, as Python 3.13's venv keeps itself; 3.12's does not.
        (VENV / ".gitignore").write_text("*\n")
    subprocess.run(
        [VENV / "bin" / "python", "-m", "pip", "install", "--quiet",
         "--disable-pip-version-check", f"datasette=={DATASETTE_VERSION}"],
        check=True,
    )  # fmt: skip
    return executable


@contextlib.contextmanager
def serving(database: Path, executable: Path) -> Iterator[http.client.HTTPConnection]:
    """Datasette serving ``database`` (read-only) on a free port; a
    kept-alive connection to it."""
    metadata = database.with_name("metadata.json")
    metadata.write_text(json.dumps(METADATA, indent=2))
    port = _free_port()
    settings = [arg for name, value in SETTINGS.items() for arg in ("--setting", name, value)]
    command: list[str | Path] = [executable, "serve", "-i", database, "-m", metadata]
    command += ["--host", "127.0.0.1", "--port", str(port), *settings]
    log = database.with_name("datasette.log").open("w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIME_LIMIT_MS / 1000)
    try:
        _wait_for(connection, process)
        yield connection
    finally:
        connection.close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_for(connection: http.client.HTTPConnection, process: subprocess.Popen) -> None:
    limit = time.monotonic() + 60
    while time.monotonic() < limit:
        if process.poll() is not None:
            raise RuntimeError("Datasette exited; see bench-results/datasette/datasette.log")
        try:
            _get(connection, "/-/versions.json")
            return
        except OSError:
            connection.close()
            time.sleep(0.3)
    raise RuntimeError("Datasette did not answer within 60 s")


def _get(connection: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read()


def time_datasette(
    connection: http.client.HTTPConnection, url: str, runs: int
) -> tuple[list[float], dict]:
    """The times of ``runs`` requests of the page ``url`` (ms), after one
    untimed, and what Datasette's JSON says of the same request."""
    status, body = _get(connection, url)  # warms the connection and SQLite's pages
    if status != 200:
        raise RuntimeError(f"Datasette answered {status} to {url}: {body[:300]!r}")
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        _get(connection, url)
        timings.append((time.perf_counter() - start) * 1000)
    status, body = _get(connection, url.replace(TABLE_PATH, TABLE_PATH + ".json", 1))
    return timings, json.loads(body) if status == 200 else {}


def compare(
    requests: Iterable[tuple[str, str]], runs: int, report: Callable[[str], object] = print
) -> list[Comparison]:
    """Export the archive, start Datasette and measure each of the COMPARED
    requests on both sides, uncached."""
    started = time.perf_counter()
    counts = export_archive()
    report(
        f"Exported to {EXPORT.relative_to(ROOT)} in {time.perf_counter() - started:.0f} s: "
        + ", ".join(f"{n:,} {table}" for table, n in counts.items())
    )
    with contextlib.closing(sqlite3.connect(f"file:{EXPORT}?mode=ro", uri=True)) as db:
        pairs = request_pairs(requests, db)
    executable = datasette_executable()
    client = Client()
    comparisons = []
    with serving(EXPORT, executable) as connection:
        for name, dealwatch_url, theirs in pairs:
            _fetch(client, dealwatch_url)  # warms connections, as measure() does
            _queries, dealwatch_ms = _timed_runs(client, dealwatch_url, runs, uncached=True)
            datasette_ms, described = time_datasette(connection, theirs, runs)
            dealwatch_median = statistics.median(dealwatch_ms)
            datasette_median = statistics.median(datasette_ms)
            comparisons.append(
                Comparison(
                    name=name,
                    dealwatch_url=dealwatch_url,
                    datasette_url=theirs,
                    dealwatch_median_ms=round(dealwatch_median, 2),
                    dealwatch_p95_ms=round(percentile(dealwatch_ms, 0.95), 2),
                    datasette_median_ms=round(datasette_median, 2),
                    datasette_p95_ms=round(percentile(datasette_ms, 0.95), 2),
                    ratio=round(datasette_median / dealwatch_median, 2),
                    datasette_rows=described.get("filtered_table_rows_count"),
                    missing_facets=sorted(FACETS - set(described.get("facet_results", {}))),
                )
            )
    return comparisons


def as_table(comparisons: list[Comparison]) -> str:
    """One line per request: both sides' uncached median and p95, and the ratio."""
    header = (
        f"{'request':<24} {'dealwatch':>9} {'p95':>8} {'Datasette':>9} {'p95':>8} "
        f"{'ratio':>6}  {'Datasette rows':>14}"
    )
    lines = ["\nSide by side with Datasette (uncached, ms; ratio: Datasette / dealwatch)", header]
    lines.append("-" * len(header))
    for c in comparisons:
        rows = "" if c.datasette_rows is None else f"{c.datasette_rows:,}"
        lines.append(
            f"{c.name:<24} {c.dealwatch_median_ms:>9.1f} {c.dealwatch_p95_ms:>8.1f} "
            f"{c.datasette_median_ms:>9.1f} {c.datasette_p95_ms:>8.1f} {c.ratio:>6.2f}  {rows:>14}"
            + (f"  facets missing: {', '.join(c.missing_facets)}" if c.missing_facets else "")
        )
    if behind := [c.name for c in comparisons if c.ratio <= 1]:
        lines.append(f"dealwatch behind or level on: {', '.join(behind)}")
    else:
        lines.append("dealwatch ahead on every request")
    return "\n".join(lines)


def as_json(comparisons: list[Comparison]) -> list[dict]:
    return [asdict(c) for c in comparisons]
