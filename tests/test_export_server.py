"""Exports under gunicorn, for real (issue 13): the server started with the
repository's gunicorn.conf.py, debug off, on this test's PostgreSQL database.

More exports than the server may stream at once are started together by
clients that read the status and headers, then stop reading: each accepted
export stays mid-body (its body is larger than what the sockets' buffers
hold), holding its thread and its slot, as a slow download does. Meanwhile
pages are requested. Then the clients read on. Every accepted export must be
complete and valid, every refused one a 503 with Retry-After, and every page
must have answered within a second.
"""

import csv
import http.client
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connection

from articles import exports
from articles.models import Company, Deal
from tests.factories import BidFactory

REPO = Path(__file__).resolve().parent.parent
WORKERS = 2
EXPORTS_PER_PROCESS = 1
# More than the server streams at once (WORKERS * EXPORTS_PER_PROCESS): with
# all of them held mid-body, at least two are refused whichever worker each
# reaches.
EXPORTS = [
    "/export/deals.csv",
    "/export/deals.json",
    "/fr/export/deals.csv?status=announced",
    "/export/deals.json?sort=title",
]
# 20,000 deals with long titles and summaries: the CSV is about 8 MB, the
# JSON 25 MB, more than a loopback connection buffers (the server's send
# buffer grows to 4 MB, the clients' is held at 64 kB).
DEALS = 20_000
CLIENT_BUFFER = 64 * 1024
PAGE_LIMIT = 1.0  # seconds, for every page while exports are held
HOLD = 3.0  # seconds the exports are held while pages are requested

pytestmark = [
    pytest.mark.postgres(reason="the exports stream from PostgreSQL's COPY"),
    # The server reads what the test wrote: it must be committed.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def archive():
    target = Company.objects.create(name="Target", slug="target")
    deals = Deal.objects.bulk_create(
        Deal(
            title=f"Deal {n} " + "long title " * 20,
            slug=f"deal-{n}",
            target=target,
            status=Deal.Status.ANNOUNCED if n % 2 else Deal.Status.COMPLETED,
            countries=["FR", "US"],
            summary="A summary of the deal in our own words. " * 25,
        )
        for n in range(DEALS)
    )
    bidders = [Company.objects.create(name=f"Bidder {n}", slug=f"bidder-{n}") for n in range(3)]
    for deal in deals[:50]:
        BidFactory(deal=deal, bidders=bidders[:2])
    return deals


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(archive):
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_URL", "GUNICORN_", "WEB_CONCURRENCY"))
    }
    port = _free_port()
    env.update(
        DATABASE_URL=url,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="export-server-test-only-not-secret",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_PLAIN_STATIC="true",
        DJANGO_LOG_LEVEL="ERROR",
        DJANGO_DB_POOL="true",
        DJANGO_EXPORTS_PER_PROCESS=str(EXPORTS_PER_PROCESS),
        WEB_CONCURRENCY=str(WORKERS),
        GUNICORN_BIND=f"127.0.0.1:{port}",
    )
    # No option on the command line: gunicorn reads gunicorn.conf.py itself.
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn"], cwd=REPO, env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        limit = time.monotonic() + 30
        while True:
            try:
                assert _get(port, "/healthz").status == 200
                break
            except OSError:
                if time.monotonic() > limit or process.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        try:
            _out, errors = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            _out, errors = process.communicate()
        # Nothing failed in the server (its log level is ERROR).
        assert "Traceback" not in errors, errors[-3000:]


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    seconds: float


def _get(port: int, url: str) -> Answer:
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", url)
        response = conn.getresponse()
        body = response.read()
        return Answer(response.status, response.headers, body, time.monotonic() - started)
    finally:
        conn.close()


@dataclass
class HeldExport:
    """A client that reads an export's status and headers, then reads no
    more until told to."""

    port: int
    url: str
    headers_read: threading.Event = field(default_factory=threading.Event)
    answer: Answer | None = None
    error: BaseException | None = None

    def run(self, release: threading.Event) -> None:
        try:
            sock = socket.socket()
            # Before connecting, so that the window offered stays small.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, CLIENT_BUFFER)
            sock.connect(("127.0.0.1", self.port))
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            conn.sock = sock
            started = time.monotonic()
            conn.request("GET", self.url)
            response = conn.getresponse()
            self.headers_read.set()
            release.wait(60)
            body = response.read()  # a cut chunked body raises IncompleteRead
            seconds = time.monotonic() - started
            self.answer = Answer(response.status, response.headers, body, seconds)
            conn.close()
        except BaseException as error:  # reported by the test
            self.error = error
            self.headers_read.set()


def _assert_complete(answer: Answer, url: str) -> None:
    count = int(answer.headers[exports.COUNT_HEADER])
    assert answer.headers.get("Transfer-Encoding") == "chunked", url
    if ".csv" in url:
        text = answer.body.decode("utf-8-sig")
        assert text.endswith("\n"), url
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert rows[0] == exports.CSV_COLUMNS
        assert len(rows) - 1 == count, url
    else:
        content = json.loads(answer.body)
        assert content["count"] == len(content["results"]) == count, url
    expected = DEALS // 2 if "status=announced" in url else DEALS
    assert count == expected, url


def test_exports_beyond_the_cap_are_refused_while_pages_stay_fast(server, archive):
    port = server
    pages = [
        "/",
        "/deals/",
        "/deals/?status=completed&sort=title",
        f"/deals/{archive[7].slug}/",
        "/companies/",
        "/fr/deals/?page=3",
    ]
    # Each once before, as after a restart: the pages below may be kept.
    for url in pages:
        assert _get(port, url).status == 200, url

    release = threading.Event()
    held = [HeldExport(port, url) for url in EXPORTS]
    threads = [threading.Thread(target=export.run, args=(release,)) for export in held]
    for thread in threads:
        thread.start()
    try:
        for export in held:
            assert export.headers_read.wait(30), export.url
        # Pages, kept and not kept (a parameter of their own), while the
        # accepted exports hold their threads.
        answers: list[tuple[str, Answer]] = []
        until = time.monotonic() + HOLD
        n = 0
        while time.monotonic() < until:
            for url in pages:
                unique = f"{url}{'&' if '?' in url else '?'}utm_source=load{n}"
                answers.extend([(url, _get(port, url)), (unique, _get(port, unique))])
            n += 1
    finally:
        release.set()
        for thread in threads:
            thread.join(120)

    errors = [(export.url, export.error) for export in held if export.error]
    assert not errors
    accepted = [export for export in held if export.answer.status == 200]
    refused = [export for export in held if export.answer.status != 200]
    print(
        f"\n{len(accepted)} exports accepted, {len(refused)} refused; {len(answers)} pages, "
        f"slowest {max(a.seconds for _url, a in answers):.2f} s; exports took "
        + ", ".join(f"{e.answer.seconds:.1f} s" for e in accepted)
    )
    assert 1 <= len(accepted) <= WORKERS * EXPORTS_PER_PROCESS
    assert len(refused) >= len(EXPORTS) - WORKERS * EXPORTS_PER_PROCESS
    for export in accepted:
        _assert_complete(export.answer, export.url)
    for export in refused:
        assert export.answer.status == 503
        assert export.answer.headers["Retry-After"] == str(exports.RETRY_AFTER_SECONDS)
        assert export.answer.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert [(url, a.status) for url, a in answers if a.status != 200] == []
    slow = [(url, round(a.seconds, 2)) for url, a in answers if a.seconds >= PAGE_LIMIT]
    assert slow == []
    # Every slot was given back: the exports are served again.
    for url in EXPORTS[:2]:
        _assert_complete(_get(port, url), url)
