"""gunicorn's configuration for dealwatch. gunicorn reads it by itself from
the folder it starts in (the repository's top level): `gunicorn
dealwatch.wsgi` serves the site with it, and options given on the command
line override it.

Threads, not sync workers (issue 13): a sync worker is killed after
`timeout` seconds whatever it is doing, which cut exports mid-file (the
client got a 200 and half a file), and a download held a whole worker, so
four exports took the site down. A gthread worker serves each request on one
of its threads; its `timeout` is the heartbeat of the worker's main loop,
which a long request does not stop, so a download runs to its end on its
thread while the other threads serve pages. A process streams at most
DJANGO_EXPORTS_PER_PROCESS exports at once (2; one more is answered 503 with
Retry-After), so at least two of its threads are always free for pages.

Read from the environment:

- WEB_CONCURRENCY: worker processes (4: about two per core);
- GUNICORN_THREADS: threads per worker (4);
- GUNICORN_BIND: where to listen (127.0.0.1:8000);
- GUNICORN_TIMEOUT: seconds without a heartbeat before a worker is killed (30);
- GUNICORN_GRACEFUL_TIMEOUT: seconds a stopping worker has to finish its
  requests, downloads included (60);
- GUNICORN_KEEPALIVE: seconds an idle connection is kept open (5).
"""

import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, got {raw!r}.") from None


wsgi_app = "dealwatch.wsgi"
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
worker_class = "gthread"
workers = _int("WEB_CONCURRENCY", 4)
threads = _int("GUNICORN_THREADS", 4)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 60)
keepalive = _int("GUNICORN_KEEPALIVE", 5)


def post_fork(server, worker):
    """With a pool of database connections (DJANGO_DB_POOL=true) each thread
    may hold one: a pool smaller than the threads would make pages wait for
    an export's connection, then answer 503. Runs in each worker before it
    loads the app (and so its settings), with the threads finally chosen."""
    os.environ.setdefault("DJANGO_DB_POOL_MAX", str(worker.cfg.threads))
