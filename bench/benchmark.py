"""The archive-scale benchmark: what each representative request costs.

Requests go through Django's test client with the real middleware, so a figure
is the server's own time (no network). Each is measured twice: served from the
cache (repeat visits), and uncached, as on the first visit after a curator's
change (the archive's version is bumped before each run, so that no cached
count, facet or page is reachable). Each is compared with a baseline page: one
indexed query of 25 deals rendered by a minimal template. Exports are
also measured in a child process, for their peak memory, first byte and
total time, against issue 13's budgets; and a bounded load runs through
gunicorn on 127.0.0.1 (with gunicorn.conf.py), pages alone and, with
``exports``, pages among concurrent exports, each export read to its end and
checked against its count.
"""

import contextlib
import csv
import datetime
import http.client
import io
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.db.models import Count, F
from django.http import HttpResponse
from django.template import engines
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import path

from articles import exports
from articles.freshness import bump_archive_version
from articles.models import Authority, Bid, Company, Deal
from dealwatch import urls as site_urls

# Issue 13: a ~100k-deal export of the large (1M-deal) archive, on 2 cores,
# from request to last byte, and the peak memory of the process serving it.
EXPORT_BUDGETS = {
    "export CSV (~100k)": {"total_ms": 3000, "peak_rss_mb": 150},
    "export JSON (~100k)": {"total_ms": 5000, "peak_rss_mb": 150},
}

BASELINE_TEMPLATE = engines["django"].from_string(
    "<ul>{% for deal in deals %}<li>{{ deal.title }} {{ deal.announced_on }}</li>{% endfor %}</ul>"
)


def baseline(request):
    deals = Deal.objects.order_by(F("announced_on").desc(nulls_last=True), "title")[:25]
    return HttpResponse(BASELINE_TEMPLATE.render({"deals": deals}))


# The benchmark runs with this module as its URLconf: the site plus the baseline
# (the site's own patterns, as i18n_patterns cannot be included).
urlpatterns = [path("_bench/baseline/", baseline), *site_urls.urlpatterns]


@dataclass
class Result:
    name: str
    url: str
    status: int
    queries: int
    median_ms: float
    p95_ms: float
    ratio: float | None = None
    # As on the first visit after a curator's change: nothing cached.
    uncached_queries: int | None = None
    uncached_median_ms: float | None = None
    uncached_p95_ms: float | None = None
    uncached_ratio: float | None = None
    extra: dict = field(default_factory=dict)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _fetch(client: Client, url: str, headers: dict | None = None):
    response = client.get(url, headers=headers)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def _timed_runs(
    client: Client, url: str, runs: int, *, uncached: bool, headers: dict | None = None
) -> tuple[int, list]:
    """The queries of one request, then the times of ``runs`` more (ms)."""
    if uncached:
        bump_archive_version()
    with CaptureQueriesContext(connection) as queries:
        _fetch(client, url, headers)
    # Read now: the captured list is a view on a log the next request clears.
    query_count = len(queries)
    timings = []
    for _ in range(runs):
        if uncached:
            bump_archive_version()  # not timed: a curator's save
        start = time.perf_counter()
        _fetch(client, url, headers)
        timings.append((time.perf_counter() - start) * 1000)
    return query_count, timings


def measure(
    client: Client,
    name: str,
    url: str,
    runs: int,
    *,
    uncached: bool = True,
    headers: dict | None = None,
) -> Result:
    response = _fetch(client, url, headers)  # warms caches and connections
    query_count, timings = _timed_runs(client, url, runs, uncached=False, headers=headers)
    result = Result(
        name=name,
        url=url,
        status=response.status_code,
        queries=query_count,
        median_ms=round(statistics.median(timings), 2),
        p95_ms=round(percentile(timings, 0.95), 2),
    )
    if uncached:
        query_count, timings = _timed_runs(client, url, runs, uncached=True)
        result.uncached_queries = query_count
        result.uncached_median_ms = round(statistics.median(timings), 2)
        result.uncached_p95_ms = round(percentile(timings, 0.95), 2)
    return result


def representative_requests(report: Callable[[str], object] = print) -> list[tuple[str, str]]:
    """The requests the budgets speak of, with parameters picked from the
    data; ``report`` is told which."""
    # The bidders with the most and the fewest bids, from the data (at the
    # large scale no company bid exactly once: the rarest bid a few times).
    bids_by_bidder = (
        Bid.bidders.through.objects.values("company_id").annotate(n=Count("bid_id")).order_by()
    )
    giant = bids_by_bidder.order_by("-n", "company_id").first()
    rare = bids_by_bidder.order_by("n", "company_id").first()
    slugs = dict(
        Company.objects.filter(
            pk__in=[bidder["company_id"] for bidder in (giant, rare) if bidder]
        ).values_list("pk", "slug")
    )
    giant_slug = slugs[giant["company_id"]] if giant else ""
    rare_slug = slugs[rare["company_id"]] if rare else None
    if giant and rare:
        report(
            f"Bidders: the giant {giant_slug} made {giant['n']:,} bids, "
            f"the rarest {rare_slug} {rare['n']:,}."
        )
    longest = (
        Deal.objects.annotate(n=Count("bids")).order_by("-n").values_list("slug", flat=True)
    )[:1]
    deal_count = Deal.objects.count()
    last_page = max(1, -(-deal_count // 25))
    export_filter = {}
    if deal_count > 100_000:
        # About 100k deals: those announced since the date of the 100,000th newest.
        since = (
            Deal.objects.order_by(F("announced_on").desc(nulls_last=True))
            .values_list("announced_on", flat=True)[100_000 - 1 : 100_000]
            .first()
        )
        export_filter = {"announced_after": since.isoformat()}
    # As of a day in the middle of the archive's announcements (issue 16).
    middle = (
        Deal.objects.filter(announced_on__isnull=False)
        .order_by("announced_on")
        .values_list("announced_on", flat=True)[deal_count // 2 : deal_count // 2 + 1]
        .first()
    )
    as_of = (middle or datetime.date.today()).isoformat()
    # The authority with the most reviews: "deals it had under review then".
    busiest = (
        Authority.objects.annotate(n=Count("reviews"))
        .order_by("-n", "pk")
        .values_list("slug", flat=True)
        .first()
    )
    longest_on = (
        Deal.objects.filter(slug=longest[0]).values_list("announced_on", flat=True).first()
        if longest
        else None
    )
    return [
        ("deals, unfiltered", "/deals/"),
        ("deals, buyer=giant", f"/deals/?buyer={giant_slug}"),
        ("deals, buyer=rare", f"/deals/?buyer={rare_slug or giant_slug}"),
        ("deals, company=giant", f"/deals/?company={giant_slug}"),
        ("deals, country+status", "/deals/?country=fr&status=pending_approval"),
        ("deals, q=", "/deals/?q=semiconductor"),
        ("deals, sort=-value", "/deals/?sort=-value"),
        ("deals, last page", f"/deals/?page={last_page}"),
        ("deal, longest timeline", f"/deals/{longest[0]}/" if longest else "/deals/"),
        ("deals, as_of", f"/deals/?as_of={as_of}"),
        ("deals, as_of+status", f"/deals/?as_of={as_of}&status=announced"),
        *(
            [
                (
                    "deals, as_of+authority",
                    f"/deals/?as_of={as_of}&status=pending_approval&authority={busiest}",
                ),
                ("deals, as_of+review", f"/deals/?as_of={as_of}&review=under_review"),
                ("authority, busiest", f"/authorities/{busiest}/"),
            ]
            if busiest
            else []
        ),
        (
            "deal, as_of",
            f"/deals/{longest[0]}/?as_of={(longest_on or middle or datetime.date.today())}"
            if longest
            else f"/deals/?as_of={as_of}",
        ),
        ("company, giant", f"/companies/{giant_slug}/"),
        ("companies", "/companies/"),
        ("articles", "/articles/"),
        ("deadlines", "/deadlines/"),
        ("home", "/"),
        ("search", "/search/?q=rachat"),
        ("export CSV (~100k)", "/export/deals.csv?" + urlencode(export_filter)),
        ("export JSON (~100k)", "/export/deals.json?" + urlencode(export_filter)),
        *api_requests(giant_slug, longest[0] if longest else None),
    ]


# The read API's requests, each with the page it must keep up with (issue 18:
# its uncached p95 within API_BUDGET times that page's), and a 304.
API_BUDGET = 1.5
NOT_MODIFIED_BUDGET_MS = 5.0
API_PAGES = {
    "api deals, unfiltered": "deals, unfiltered",
    "api deals, buyer=giant": "deals, buyer=giant",
    "api deals, country+status": "deals, country+status",
    "api deals, updated_since": "deals, unfiltered",
    "api deal, longest": "deal, longest timeline",
    "api company, giant": "company, giant",
}
NOT_MODIFIED = "api deals, 304"


def api_requests(giant_slug: str, longest_slug: str | None) -> list[tuple[str, str]]:
    # About a thousand deals changed since then.
    since = (
        Deal.objects.order_by("-updated_at").values_list("updated_at", flat=True)[999:1000].first()
        or Deal.objects.order_by("updated_at").values_list("updated_at", flat=True).first()
    )
    updated_since = urlencode({"updated_since": since.isoformat()}) if since else ""
    return [
        ("api deals, unfiltered", "/api/v1/deals/"),
        ("api deals, buyer=giant", f"/api/v1/deals/?buyer={giant_slug}"),
        ("api deals, country+status", "/api/v1/deals/?country=fr&status=pending_approval"),
        ("api deals, updated_since", f"/api/v1/deals/?{updated_since}"),
        (
            "api deal, longest",
            f"/api/v1/deals/{longest_slug}/" if longest_slug else "/api/v1/deals/",
        ),
        ("api company, giant", f"/api/v1/companies/{giant_slug}/"),
        (NOT_MODIFIED, "/api/v1/deals/"),
    ]


# Issue 16: a list or a deal as of a date, uncached, at 1M deals on 2 cores.
AS_OF_BUDGET_P95_MS = 300.0


def within_as_of_budget(results: list[Result]) -> list[str]:
    """Each as-of request against its budget, as lines to print; the
    verdicts are kept in each result's ``extra``."""
    lines = []
    for result in results:
        if "as_of" not in result.name or not result.uncached_p95_ms:
            continue
        within = result.status == 200 and result.uncached_p95_ms < AS_OF_BUDGET_P95_MS
        result.extra.update(budget_p95_ms=AS_OF_BUDGET_P95_MS, within_budget=within)
        lines.append(
            f"{result.name}: uncached p95 {result.uncached_p95_ms} ms, budget "
            f"{AS_OF_BUDGET_P95_MS:g} ms at 1M deals: " + ("within" if within else "OVER")
        )
    return lines


def within_api_budgets(results: list[Result]) -> list[str]:
    """Each API request against its budget, as lines to print; the verdicts
    are kept in each result's ``extra``."""
    by_name = {r.name: r for r in results}
    lines = []
    for name, page in API_PAGES.items():
        api, html = by_name.get(name), by_name.get(page)
        if api is None or html is None or not html.uncached_p95_ms or not api.uncached_p95_ms:
            continue
        limit = round(API_BUDGET * html.uncached_p95_ms, 1)
        within = api.status == 200 and api.uncached_p95_ms <= limit
        api.extra.update(page=page, budget_p95_ms=limit, within_budget=within)
        lines.append(
            f"{name}: uncached p95 {api.uncached_p95_ms} ms, budget {limit} ms "
            f"({API_BUDGET} × {page}): " + ("within" if within else "OVER")
        )
    if (not_modified := by_name.get(NOT_MODIFIED)) is not None:
        within = not_modified.status == 304 and not_modified.p95_ms < NOT_MODIFIED_BUDGET_MS
        not_modified.extra.update(budget_p95_ms=NOT_MODIFIED_BUDGET_MS, within_budget=within)
        lines.append(
            f"{NOT_MODIFIED}: p95 {not_modified.p95_ms} ms, budget {NOT_MODIFIED_BUDGET_MS} ms: "
            + ("within" if within else "OVER")
        )
    return lines


def run_requests(runs: int, requests: list[tuple[str, str]]) -> list[Result]:
    """Each of ``requests`` (name, URL) measured, after the baseline."""
    client = Client()
    base = measure(client, "baseline (25 rows)", "/_bench/baseline/", runs, uncached=False)
    base.ratio = 1.0
    results = [base]
    for name, url in requests:
        if name.startswith("export"):  # streamed, never cached
            result = measure(client, name, url, max(3, runs // 10), uncached=False)
        elif name == NOT_MODIFIED:  # a client that has the current version
            etag = client.get(url)["ETag"]
            headers = {"if-none-match": etag}
            result = measure(client, name, url, runs, uncached=False, headers=headers)
        else:
            result = measure(client, name, url, runs)
        if base.median_ms:
            result.ratio = round(result.median_ms / base.median_ms, 1)
            if result.uncached_median_ms is not None:
                result.uncached_ratio = round(result.uncached_median_ms / base.median_ms, 1)
        results.append(result)
    return results


def export_probe(url: str) -> dict:
    """Run in a child process: stream one export, report time to first byte,
    total time, bytes and the process's peak resident memory."""
    client = Client()
    start = time.perf_counter()
    response = client.get(url)
    first_byte = None
    size = 0
    for chunk in response.streaming_content:
        if first_byte is None:
            first_byte = time.perf_counter() - start
        size += len(chunk)
    return {
        "status": response.status_code,
        "first_byte_ms": round((first_byte or 0) * 1000, 1),
        "total_ms": round((time.perf_counter() - start) * 1000, 1),
        "bytes": size,
        "peak_rss_mb": round(peak_rss_kb() / 1024, 1),
    }


def peak_rss_kb() -> int:
    """This process's peak resident memory. Linux keeps getrusage()'s maxrss
    across fork and exec, so a child started by a large parent would report
    the parent's size; VmHWM is the child's own."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def probe_in_child(url: str) -> dict:
    command = [sys.executable, "manage.py", "bench", "--export-probe", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


@contextlib.contextmanager
def gunicorn(workers: int, *, with_tasks: bool = False) -> Iterator[str]:
    """The site served by gunicorn on 127.0.0.1, with the project's
    gunicorn.conf.py, while the block runs: its base URL. ``with_tasks``:
    with the worker of the background tasks beside it, as in production,
    the pages made again for that address (this process's saves too)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
           "DEALWATCH_PUBLIC_URL": base}  # fmt: skip
    serve = [sys.executable, "-m", "gunicorn", "--config",
             str(settings.BASE_DIR / "gunicorn.conf.py"), "dealwatch.wsgi",
             "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
             "--log-level", "warning"]  # fmt: skip
    processes = [subprocess.Popen(serve, env=env)]
    if with_tasks:
        processes.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-reload"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
    try:
        _wait_until_up(base + "/", timeout=30)
        with override_settings(PUBLIC_URL=base):
            yield base
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=90)


def run_load(
    urls: list[str],
    seconds: float,
    concurrency: int,
    workers: int,
    export_urls: Sequence[str] = (),
    exporters: int = 0,
) -> dict:
    """A bounded load through gunicorn on 127.0.0.1, started with the
    project's gunicorn.conf.py: ``concurrency`` threads request the URLs in
    turn for ``seconds``, then everything stops; with ``exporters``, as many
    more threads download the export URLs in turn meanwhile, each read to
    its end and checked against its count (a refused one is retried after a
    second). Meanwhile the database's connections are counted from
    pg_stat_activity."""
    with gunicorn(workers) as base:
        statuses: Counter[str] = Counter()
        latencies: list[float] = []
        downloads: Counter[str] = Counter()
        download_ms: list[float] = []
        lock = threading.Lock()
        deadline = time.monotonic() + seconds

        def worker(offset):
            n = offset
            while time.monotonic() < deadline:
                url = base + urls[n % len(urls)]
                n += 1
                start = time.perf_counter()
                try:
                    with urllib.request.urlopen(url, timeout=30) as response:
                        response.read()
                        outcome = str(response.status)
                except urllib.error.HTTPError as error:
                    outcome = str(error.code)
                except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
                    outcome = type(getattr(error, "reason", error)).__name__
                elapsed_ms = (time.perf_counter() - start) * 1000
                with lock:
                    statuses[outcome] += 1
                    latencies.append(elapsed_ms)

        def exporter(offset):
            n = offset
            while time.monotonic() < deadline:
                url = base + export_urls[n % len(export_urls)]
                n += 1
                start = time.perf_counter()
                outcome = download_export(url)
                with lock:
                    downloads[outcome] += 1
                    if outcome == "complete":
                        download_ms.append((time.perf_counter() - start) * 1000)
                if outcome == "refused":
                    time.sleep(1)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
        threads += [threading.Thread(target=exporter, args=(i,)) for i in range(exporters)]
        sampler = ConnectionSampler()
        sampler.start()
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        sampler.stop()
    total = sum(statuses.values())
    errors = {k: v for k, v in statuses.items() if not (k.isdigit() and int(k) < 400)}
    load = {
        "seconds": round(elapsed, 1),
        "concurrency": concurrency,
        "gunicorn_workers": workers,
        "requests": total,
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "statuses": dict(statuses),
        "requests_per_second": round(total / elapsed, 1),
        "median_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 0.99), 1) if latencies else None,
        "max_ms": round(max(latencies), 1) if latencies else None,
        "db_connections": sampler.summary(),
    }
    if exporters:
        failed = {k: v for k, v in downloads.items() if k not in ("complete", "refused")}
        load["exports"] = {
            "clients": exporters,
            "urls": list(export_urls),
            "outcomes": dict(downloads),
            "complete": downloads["complete"],
            "refused": downloads["refused"],
            "failed": sum(failed.values()),
            "median_ms": round(statistics.median(download_ms), 1) if download_ms else None,
            "max_ms": round(max(download_ms), 1) if download_ms else None,
        }
    return load


def download_export(url: str) -> str:
    """Download one export: "complete" when it holds as many deals as its
    count says, "refused" for a 503 with Retry-After, else what went wrong."""
    try:
        with urllib.request.urlopen(url, timeout=300) as response:
            body = response.read()
            expected = int(response.headers[exports.COUNT_HEADER])
    except urllib.error.HTTPError as error:
        refused = error.code == 503 and error.headers.get("Retry-After")
        return "refused" if refused else str(error.code)
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        return type(getattr(error, "reason", error)).__name__  # a cut body: IncompleteRead
    try:
        return "complete" if export_rows(url, body) == expected else "count mismatch"
    except ValueError:  # not CSV or JSON: cut short
        return "invalid"


def export_rows(url: str, body: bytes) -> int:
    """How many deals an export holds; ValueError when it is not whole."""
    if ".csv" in url.split("?")[0]:
        text = body.decode("utf-8-sig")
        if not text.endswith("\n"):
            raise ValueError("the last line is cut")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        if not rows or rows[0] != exports.CSV_COLUMNS:
            raise ValueError("no header line")
        return len(rows) - 1
    content = json.loads(body)  # a JSONDecodeError is a ValueError
    if content.get("count") != len(content["results"]):
        raise ValueError("the count does not match the results")
    return len(content["results"])


class ConnectionSampler(threading.Thread):
    """Counts, twice a second, the sessions open on the benchmark's database
    (its own connection left out): how many connections the load really needs."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[tuple[int, int]] = []  # (open, of which running a query)
        self._stop_event = threading.Event()

    def run(self):
        db = connection.settings_dict
        if connection.vendor != "postgresql":
            return
        import psycopg

        params = {
            "host": db.get("HOST") or None,
            "port": db.get("PORT") or None,
            "user": db.get("USER") or None,
            "password": db.get("PASSWORD") or None,
            "dbname": db["NAME"],
            "autocommit": True,
        }
        with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as conn:
            while not self._stop_event.wait(0.5):
                row = conn.execute(
                    "SELECT count(*), count(*) FILTER (WHERE state = 'active') "
                    "FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                ).fetchone()
                self.samples.append(row)

    def stop(self):
        self._stop_event.set()
        self.join(timeout=10)

    def summary(self) -> dict | None:
        if not self.samples:
            return None
        opened = [open_ for open_, _active in self.samples]
        active = [active for _open, active in self.samples]
        return {
            "samples": len(self.samples),
            "max_open": max(opened),
            "median_open": statistics.median(opened),
            "max_active": max(active),
            "median_active": statistics.median(active),
        }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def describe_load(load: dict) -> str:
    errors = ", ".join(f"{n} × {kind}" for kind, n in load["error_kinds"].items())
    lines = [
        f"\nLoad through gunicorn ({load['concurrency']} connections, "
        f"{load['gunicorn_workers']} workers, {load['seconds']} s): "
        f"{load['requests']:,} requests, {load['requests_per_second']} req/s, "
        f"{load['errors']} errors{f' ({errors})' if errors else ''}",
        f"Latency: median {load['median_ms']} ms, p95 {load['p95_ms']} ms, "
        f"p99 {load['p99_ms']} ms, max {load['max_ms']} ms",
    ]
    if downloads := load.get("exports"):
        lines.append(
            f"Exports among them ({downloads['clients']} clients downloading at once): "
            f"{downloads['complete']} complete (median {downloads['median_ms']} ms, "
            f"max {downloads['max_ms']} ms), {downloads['refused']} refused with 503 "
            f"and Retry-After, {downloads['failed']} failed"
            + (f" ({downloads['outcomes']})" if downloads["failed"] else "")
        )
    if db := load["db_connections"]:
        lines.append(
            f"PostgreSQL connections to the database during the load: at most "
            f"{db['max_open']} open (median {db['median_open']}), at most {db['max_active']} "
            f"running a query at once (median {db['median_active']}), {db['samples']} samples"
        )
    return "\n".join(lines)


def _wait_until_up(url: str, timeout: float) -> None:
    limit = time.monotonic() + timeout
    while time.monotonic() < limit:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer at {url} within {timeout} s")


def as_table(results: list[Result]) -> str:
    """One line per request: cached figures, then uncached (first visit after a change)."""
    columns = [
        ("status", 6), ("queries", 7), ("median", 7), ("p95", 7), ("x base", 6),
        ("queries", 7), ("median", 7), ("p95", 7), ("x base", 6),
    ]  # fmt: skip
    header = f"{'request':<26} " + " ".join(f"{name:>{width}}" for name, width in columns)
    groups = f"{'':<26} {'':>6} {'cached (ms)':-^30} {'uncached (ms)':-^30}"
    lines = [groups, header, "-" * len(header)]

    def cell(value, width, spec=""):
        return f"{'' if value is None else format(value, spec):>{width}}"

    for r in results:
        lines.append(
            f"{r.name:<26} {r.status:>6} {r.queries:>7} {r.median_ms:>7.1f} {r.p95_ms:>7.1f} "
            f"{cell(r.ratio, 6)} {cell(r.uncached_queries, 7)} "
            f"{cell(r.uncached_median_ms, 7, '.1f')} {cell(r.uncached_p95_ms, 7, '.1f')} "
            f"{cell(r.uncached_ratio, 6)}"
        )
    return "\n".join(lines)


def to_json(results: list[Result], **extra) -> str:
    return json.dumps({"requests": [asdict(r) for r in results], **extra}, indent=2, default=str)
