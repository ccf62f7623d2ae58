# dealwatch: `make run` to try it, `make test` to check it. See README.md.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Debug is on for a local run unless the environment says otherwise; tests get
# a throwaway secret key of their own.
LOCAL_ENV := DJANGO_DEBUG=$${DJANGO_DEBUG:-true}
TEST_ENV := DJANGO_DEBUG=true DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-tests-only-not-secret}
PYTEST_ARGS ?=
# The suite runs in this many processes (pytest-xdist), a test file to each
# at a time, each with a test database of its own: on 2 cores, half the time
# of one process. TEST_WORKERS=0 runs it in this one.
TEST_WORKERS ?= 2
# The benchmark runs on a PostgreSQL database of its own, with debug off; its
# commands come from the dev-only bench app, which DEALWATCH_BENCH installs.
SCALE ?= small
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/dealwatch_bench
BENCH_ARGS ?=
# DATASETTE=1: then the deal list side by side with Datasette (bench/datasette.py).
DATASETTE ?=
# The benchmark's processes (gunicorn's workers, the task worker, the curator)
# share one cache, as production's do: Redis there when it answers.
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/15
BENCH_ENV := DATABASE_URL=$(BENCH_DATABASE_URL) DJANGO_DEBUG=false DEALWATCH_BENCH=true \
	DJANGO_SECRET_KEY=bench-only-not-secret DJANGO_ALLOWED_HOSTS=testserver,127.0.0.1,localhost \
	DJANGO_SECURE_SSL_REDIRECT=false DJANGO_PLAIN_STATIC=true

# make load: the bounded load alone, as it is meant to hold before going online.
LOAD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/dealwatch_load
LOAD_SCALE ?= small
LOAD_SECONDS ?= 60
LOAD_CONCURRENCY ?= 64
LOAD_WORKERS ?= 4
# Then the same load among this many clients downloading exports at once.
LOAD_EXPORTS ?= 4
# A pool of connections per worker; LOAD_DB_ENV=DJANGO_CONN_MAX_AGE=60 keeps one
# persistent connection per worker instead.
LOAD_DB_ENV ?= DJANGO_DB_POOL=true
LOAD_ENV := DATABASE_URL=$(LOAD_DATABASE_URL) DJANGO_DEBUG=false DEALWATCH_BENCH=true $(LOAD_DB_ENV) \
	DJANGO_SECRET_KEY=load-only-not-secret DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost \
	DJANGO_SECURE_SSL_REDIRECT=false DJANGO_PLAIN_STATIC=true

# make api-fuzz: schemathesis over every operation of the read API, against
# gunicorn serving the demo archive from a PostgreSQL database of its own
# (emptied first); API_FUZZ_EXAMPLES test cases per operation and phase.
API_FUZZ_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/dealwatch_api_fuzz
API_FUZZ_EXAMPLES ?= 25

.PHONY: help install run serve migrate demo admin messages test test-browser lint format bench load api-fuzz api-schema audit clean

help:
	@echo "make run    set everything up and serve http://$(HOST):$(PORT)"
	@echo "make test   set up and run the whole test suite (DATABASE_URL picks the database)"
	@echo "make lint   ruff and mypy;  make bench: the archive-scale benchmark"
	@echo "make load   64 connections for 60 s through gunicorn: req/s, errors, latency"
	@echo "make api-fuzz  schemathesis over the read API;  make api-schema: docs/openapi.yaml"
	@echo "make audit  Lighthouse, axe and the Nu HTML Checker on the public pages"

# The virtualenv is rebuilt when the requirements change or its Python is too old.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null || { \
		echo "dealwatch needs Python 3.12 or newer, and '$(PYTHON)' is $$($(PYTHON) --version 2>&1 || echo missing): run 'make $(or $(MAKECMDGOALS),run) PYTHON=python3.13'."; \
		exit 1; }
	@if [ -x $(BIN)/python ] && ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		echo "Recreating $(VENV): its Python is older than 3.12."; rm -rf $(VENV); fi
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed messages

# Compiled with Babel, so no gettext is needed on the machine; the .mo files
# are build products and stay out of git.
messages: $(VENV)/.installed
	@for po in $$(find locale -name '*.po' 2>/dev/null); do \
		$(BIN)/pybabel compile --domain=django --statistics --input-file=$$po --output-file=$${po%.po}.mo || exit 1; \
	done

migrate: install
	$(LOCAL_ENV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(LOCAL_ENV) $(BIN)/python manage.py load_demo

admin: migrate
	@$(LOCAL_ENV) $(BIN)/python manage.py ensure_local_admin

run: demo admin serve

# The site, and beside it the worker of its background tasks (the pages read
# most, made again after a save), stopped with it.
serve:
	@echo "Serving dealwatch on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	@export DEALWATCH_PUBLIC_URL=http://$(HOST):$(PORT); \
	$(LOCAL_ENV) $(BIN)/python manage.py db_worker --interval 0.2 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(LOCAL_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# PostgreSQL is the reference database: when the suite ran on another one
# (SQLite by default), make test runs the PostgreSQL-only tests (triggers,
# COPY, ranked search) on the server at POSTGRES_URL whenever it answers.
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/dealwatch
test: install
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)
	@case "$${DATABASE_URL:-sqlite}" in postgres*) exit 0;; esac; \
	if $(BIN)/python -c 'import sys, psycopg; psycopg.connect(sys.argv[1], dbname="postgres", connect_timeout=3).close()' '$(POSTGRES_URL)' 2>/dev/null; then \
		echo "PostgreSQL-only tests, on $(POSTGRES_URL):"; \
		$(TEST_ENV) DATABASE_URL='$(POSTGRES_URL)' $(BIN)/pytest -m postgres -q -n $(TEST_WORKERS) --dist loadfile; \
	else \
		echo "No PostgreSQL answers at $(POSTGRES_URL): its PostgreSQL-only tests did not run (set POSTGRES_URL)."; \
	fi

test-browser: install
	$(TEST_ENV) DEALWATCH_REQUIRE_BROWSER=1 $(BIN)/pytest -m browser $(PYTEST_ARGS)

# make bench SCALE=tiny|small|medium|large: load the synthetic archive (once per
# scale and seed) and measure; results in bench-results/<scale>.json.
# How long it takes on 2 cores, loading included (tiny and small measured
# 2026-11-30; medium and large 2026-12-01, with the companies' roles and
# the review spans).
BENCH_TAKES_tiny := about 2 minutes
BENCH_TAKES_small := about 2.5 minutes
BENCH_TAKES_medium := about 7.5 minutes (3 to load, the first time; 4.5 to measure)
BENCH_TAKES_large := about 28 minutes (21 to load, the first time; 7 to measure)
bench: install
	@echo "make bench SCALE=$(SCALE) takes $(or $(BENCH_TAKES_$(SCALE)),an unmeasured time) on 2 cores."
	$(BENCH_ENV) $(BIN)/python manage.py ensure_database
	$(BENCH_ENV) $(BIN)/python manage.py migrate --noinput -v0
	$(BENCH_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	$(BENCH_ENV) $(BIN)/python manage.py generate_archive --scale $(SCALE)
	@redis=$$($(BIN)/python -c 'import sys, redis; redis.Redis.from_url(sys.argv[1], socket_connect_timeout=2).ping(); print(sys.argv[1])' '$(BENCH_REDIS_URL)' 2>/dev/null); \
	[ -n "$$redis" ] || echo "No Redis answers at $(BENCH_REDIS_URL): each process keeps its own cache."; \
	$(BENCH_ENV) REDIS_URL=$$redis $(BIN)/python manage.py bench --label $(SCALE) --out bench-results/$(SCALE).json $(if $(DATASETTE),--datasette) $(BENCH_ARGS)

# make load: LOAD_CONCURRENCY (64) connections for LOAD_SECONDS (60 s) through
# gunicorn (gunicorn.conf.py) on 127.0.0.1, on a PostgreSQL database of its own
# holding the synthetic archive (LOAD_SCALE); prints requests/s, errors, latency
# percentiles and the connections PostgreSQL saw. Then the same load among
# LOAD_EXPORTS (4) clients downloading exports, each checked against its count:
# it fails if a page request or an accepted export fails.
load: install
	$(LOAD_ENV) $(BIN)/python manage.py ensure_database
	$(LOAD_ENV) $(BIN)/python manage.py migrate --noinput -v0
	$(LOAD_ENV) $(BIN)/python manage.py generate_archive --scale $(LOAD_SCALE)
	$(LOAD_ENV) $(BIN)/python manage.py bench --load-only --load-seconds $(LOAD_SECONDS) \
		--load-concurrency $(LOAD_CONCURRENCY) --load-workers $(LOAD_WORKERS) \
		--load-exports $(LOAD_EXPORTS) --out bench-results/load-$(LOAD_SCALE).json

api-fuzz: install
	DATABASE_URL=$(API_FUZZ_DATABASE_URL) API_FUZZ_EXAMPLES=$(API_FUZZ_EXAMPLES) BIN=$(BIN) \
		scripts/api_fuzz.sh

# The API's schema as the code makes it, into the file the tests compare it with.
api-schema: $(VENV)/.installed
	$(TEST_ENV) $(BIN)/python manage.py spectacular --validate --fail-on-warn --file docs/openapi.yaml

# make audit: Lighthouse, axe-core and the Nu HTML Checker on the pages of
# audit/pages.txt, served by gunicorn (debug off) on the demo archive; the npm
# packages are pinned by audit/package-lock.json and installed in
# audit/node_modules (git-ignored), without their install scripts (vnu-jar's
# would download a JDK: the machine's Java runs it). Needs Node, Java and
# Chromium (CHROME_PATH, /usr/bin/chromium by default).
audit: install
	cd audit && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	$(BIN)/python audit/run.py

# mypy's Django plugin imports the settings, which need a secret key.
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEST_ENV) $(BIN)/mypy

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .datasette-venv staticfiles .pytest_cache .ruff_cache .mypy_cache audit/node_modules
	find . -name '*.mo' -path './locale/*' -delete
