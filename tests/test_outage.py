"""The site through a database outage, for real.

A throwaway PostgreSQL server of the test's own (its own data folder, port and
socket folder: the shared server is never touched) holds the demo archive; the
real app runs under gunicorn with debug off. Under traffic the test stops
PostgreSQL: every answer must be the 503 "back in a moment" page (never a 500
or a traceback) and /healthz must say so; then it starts PostgreSQL again and
the same gunicorn processes must serve pages again by themselves.

No browser is needed: this runs in the normal suite.
"""

import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from glob import glob
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import Client

REPO = Path(__file__).resolve().parent.parent
BACK_SOON = "Back in a moment"
# Bounds, in seconds.
# How long PostgreSQL stays down under traffic. The pool's reconnection delay
# grows with the outage: DEALWATCH_OUTAGE_SECONDS=30 checks a long one.
OUTAGE = float(os.environ.get("DEALWATCH_OUTAGE_SECONDS", "3"))
RECOVERY_LIMIT = 20  # from PostgreSQL accepting connections again to every page answering 200
STEADY = 1.5  # traffic after recovery, every answer of which must be 200

# Per request (the default), persistent connections checked before reuse, and
# a psycopg pool per gunicorn worker: each must ride out the outage. While the
# database is down a pooled request waits the pool's whole timeout
# (DJANGO_DB_POOL_TIMEOUT) before its 503; 2 s, the default, keeps it short.
CONFIGURATIONS = {
    "per-request": {},
    "persistent": {"DJANGO_CONN_MAX_AGE": "60"},
    "pooled": {"DJANGO_DB_POOL": "true", "DJANGO_DB_POOL_TIMEOUT": "2"},
}


def _postgres_bin() -> Path:
    found = sorted(
        (Path(p) for p in glob("/usr/lib/postgresql/*/bin") if (Path(p) / "initdb").exists()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    if not found:
        pytest.skip("No PostgreSQL server binaries under /usr/lib/postgresql/*/bin")
    return found[-1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayPostgres:
    """initdb, pg_ctl start/stop, on a folder and port of its own."""

    def __init__(self, root: Path):
        self.bin = _postgres_bin()
        self.root = root
        self.data = root / "data"
        self.port = _free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/dealwatch"
        # initdb refuses to run as root: the server's files belong to `postgres`.
        if os.geteuid() == 0:
            if not shutil.which("runuser"):
                pytest.skip("Running as root and `runuser` is missing: cannot run initdb")
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                pytest.skip("Running as root and there is no `postgres` user to run initdb")
            os.chown(root, owner.pw_uid, owner.pw_gid)
            self.prefix = ["runuser", "-u", "postgres", "--"]
        else:
            self.prefix = []

    def run(self, program: str, *args: str, timeout: float = 60) -> None:
        subprocess.run(
            [*self.prefix, str(self.bin / program), *args],
            check=True,
            capture_output=True,
            timeout=timeout,
        )

    def init(self) -> None:
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                 "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip

    def start(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"),
                 "-o", options, "-w", "-t", "30", "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")

    def running(self) -> bool:
        status = subprocess.run(
            [*self.prefix, str(self.bin / "pg_ctl"), "-D", str(self.data), "status"],
            capture_output=True,
        )
        return status.returncode == 0

    def destroy(self) -> None:
        try:
            if self.data.exists() and self.running():
                self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _app_env(database_url: str, **extra: str) -> dict:
    # Nothing inherited may point the app elsewhere (the suite's own database,
    # replicas, a shared Redis) or turn debug on.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_URL"))
    }
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="outage-test-only-not-secret",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_PLAIN_STATIC="true",
        DJANGO_LOG_LEVEL="ERROR",
        **extra,
    )
    return env


@pytest.fixture(scope="module")
def postgres():
    """A throwaway PostgreSQL server holding the migrated demo archive."""
    server = ThrowawayPostgres(Path(tempfile.mkdtemp(prefix="dealwatch-outage-")))
    try:
        server.init()
        server.start()
        server.run("createdb", "-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres",
                   "dealwatch")  # fmt: skip
        env = _app_env(server.url)
        for command in (["migrate", "--noinput", "-v0"], ["load_demo"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=REPO, env=env,
                           check=True, capture_output=True, timeout=180)  # fmt: skip
        yield server
    finally:
        server.destroy()


@dataclass
class Answer:
    url: str
    started: float
    ended: float
    status: int
    body: str
    headers: dict


def fetch(base: str, url: str, timeout: float = 30) -> Answer:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(base + url, timeout=timeout) as response:
            status, body, headers = response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        status, body, headers = error.code, error.read(), dict(error.headers)
    return Answer(url, started, time.monotonic(), status, body.decode(errors="replace"), headers)


class Traffic:
    """A few clients requesting the pages in turn until told to stop."""

    def __init__(self, base: str, urls: list[str], clients: int = 3):
        self.base, self.urls = base, urls
        self.answers: list[Answer] = []
        self.failures: list[str] = []  # no HTTP answer at all
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(i,)) for i in range(clients)]

    def _run(self, offset: int) -> None:
        n = offset
        while not self._stop.is_set():
            url = self.urls[n % len(self.urls)]
            n += 1
            try:
                self.answers.append(fetch(self.base, url))
            except OSError as error:
                self.failures.append(f"{url}: {error!r}")
            time.sleep(0.05)

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)


def _gunicorn_pids(master: subprocess.Popen) -> set[int]:
    """The master and its workers: a worker that died and was replaced shows."""
    pids = {master.pid}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # pid (comm) state ppid ...: comm may hold spaces, so split after it.
            ppid = int(stat.read_text().rpartition(")")[2].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == master.pid:
            pids.add(int(stat.parent.name))
    return pids


@pytest.fixture
def start_app(postgres):
    servers = []

    def start(**extra_env: str) -> tuple[subprocess.Popen, str]:
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "dealwatch.wsgi", "--workers", "2",
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=REPO,
            env=_app_env(postgres.url, **extra_env),
        )  # fmt: skip
        servers.append(server)
        base = f"http://127.0.0.1:{port}"
        limit = time.monotonic() + 30
        while True:
            try:
                fetch(base, "/healthz", timeout=5)
                return server, base
            except OSError:
                if time.monotonic() > limit or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)

    yield start
    for server in servers:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _deal_slug(postgres) -> str:
    import psycopg

    with psycopg.connect(postgres.url.replace("postgres://", "postgresql://")) as conn:
        return conn.execute("SELECT slug FROM articles_deal ORDER BY id LIMIT 1").fetchone()[0]


def _wait_for_recovery(base: str, urls: list[str], limit: float) -> tuple[float, float]:
    """Wait until every URL answers 200 three rounds running; return when the
    first of those rounds began and when the last ended."""
    streak, streak_start = 0, 0.0
    while streak < 3:
        assert time.monotonic() < limit, f"pages still failing {RECOVERY_LIMIT} s after restart"
        round_start = time.monotonic()
        if all(fetch(base, url).status == 200 for url in urls):
            streak, streak_start = streak + 1, streak_start if streak else round_start
        else:
            streak = 0
            time.sleep(0.1)
    return streak_start, time.monotonic()


def _is_back_soon_page(answer: Answer) -> bool:
    return (
        answer.status == 503
        and BACK_SOON in answer.body
        and "Traceback" not in answer.body
        and answer.headers.get("Retry-After") == "30"
    )


def _is_unavailable_health(answer: Answer) -> bool:
    if answer.status != 503 or answer.headers.get("Content-Type") != "application/json":
        return False
    return json.loads(answer.body) == {
        "status": "unavailable",
        "databases": {"default": "unreachable"},
    }


@pytest.mark.parametrize("configuration", list(CONFIGURATIONS))
def test_pages_answer_503_while_postgres_is_down_and_recover_without_restart(
    postgres, start_app, configuration
):
    if not postgres.running():  # a previous case failed half-way
        postgres.start()
    app, base = start_app(**CONFIGURATIONS[configuration])
    # With a parameter of their own, so that the page cache never keeps them
    # and each request needs the database (a page kept from before the
    # outage would still be served from the cache, reading no database).
    pages = [
        f"{path}?utm_source=outage"
        for path in ["/", "/deals/", f"/deals/{_deal_slug(postgres)}/", "/companies/"]
    ]
    urls = [*pages, "/healthz"]
    for url in urls:
        answer = fetch(base, url)
        assert answer.status == 200, (url, answer.status)
    assert json.loads(fetch(base, "/healthz").body) == {"status": "ok"}
    pids = _gunicorn_pids(app)

    with Traffic(base, urls) as traffic:
        time.sleep(0.5)
        stopping = time.monotonic()
        postgres.stop()
        down = time.monotonic()
        time.sleep(0.5)
        health = fetch(base, "/healthz")
        # Down for OUTAGE seconds, and long enough for a few requests made
        # after the stop to be answered (a pooled one waits the pool timeout).
        while time.monotonic() < down + 30 and (
            time.monotonic() < down + OUTAGE
            or len([a for a in traffic.answers if a.started >= down]) < 3
        ):
            time.sleep(0.1)
        restarting = time.monotonic()
        postgres.start()
        up = time.monotonic()
        recovered, confirmed = _wait_for_recovery(base, urls, limit=up + RECOVERY_LIMIT)
        time.sleep(STEADY)
        steady_end = time.monotonic()

    answers = traffic.answers
    during = [a for a in answers if down <= a.started and a.ended <= restarting]
    print(
        f"\n{configuration}: {len(answers)} answers under traffic, {len(during)} while "
        f"PostgreSQL was down ({restarting - down:.1f} s), "
        f"healthz during the outage in {health.ended - health.started:.2f} s, "
        f"pages answered 200 again {recovered - up:.1f} s after PostgreSQL was back "
        f"(its stop took {down - stopping:.1f} s, its start {up - restarting:.1f} s)"
    )
    assert not traffic.failures, traffic.failures[:5]
    # Whenever the request came: a page, or the 503 page / JSON saying why;
    # never a 500, never a traceback.
    for answer in answers:
        if answer.status == 200:
            continue
        if answer.url == "/healthz":
            assert _is_unavailable_health(answer), (answer.status, answer.body[:200])
        else:
            assert _is_back_soon_page(answer), (answer.url, answer.status, answer.body[:300])
    # While the server was down, nothing but those.
    assert len(during) >= 3, f"too little traffic during the outage: {len(during)} answers"
    assert {a.url for a in during} & set(pages)
    assert [a.status for a in during] == [503] * len(during)
    assert _is_unavailable_health(health), (health.status, health.body[:200])
    # After recovery: every page again, from the very same processes.
    after = [a for a in answers if confirmed <= a.started and a.ended <= steady_end]
    assert after
    assert [a for a in after if a.status != 200] == []
    assert app.poll() is None
    assert _gunicorn_pids(app) == pids, "gunicorn or a worker was restarted"


class RaiseDatabaseError:
    """A middleware that fails as a session or user lookup would while the
    database is down: outside the view, out of process_exception's reach."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/deals/":
            raise OperationalError("connection refused")
        if request.path == "/companies/":
            raise ValueError("a bug, not an outage")
        return self.get_response(request)


def test_database_error_outside_a_view_answers_503_not_500(settings):
    settings.DEBUG = False
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.test_outage.RaiseDatabaseError"]
    client = Client(raise_request_exception=False)

    outage = client.get("/deals/")
    assert outage.status_code == 503
    assert BACK_SOON in outage.text
    assert outage["Retry-After"] == "30"

    bug = client.get("/companies/")
    assert bug.status_code == 500
    assert "Something went wrong" in bug.text
