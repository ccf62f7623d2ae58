#!/usr/bin/env bash
# make api-fuzz: schemathesis against a live server of the project.
#
# Loads the demo archive into a PostgreSQL database of its own (the
# database in DATABASE_URL is emptied first), serves it with gunicorn on a
# free port of 127.0.0.1, and runs every operation of /api/v1/schema/ with
# every check. Its time is bounded by API_FUZZ_EXAMPLES test cases per
# operation and per phase. The server is stopped however the run ends.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${BIN:-.venv/bin}"
EXAMPLES="${API_FUZZ_EXAMPLES:-25}"
export DJANGO_DEBUG=false DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-fuzz-only-not-secret}"
export DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_SECURE_SSL_REDIRECT=false DJANGO_PLAIN_STATIC=true
# The fuzzer asks thousands of times a minute: the rate limits are tested
# by the test suite, not here.
export DEALWATCH_API_BURST_RATE=1000000/minute DEALWATCH_API_SUSTAINED_RATE=100000000/hour

"$BIN/python" manage.py ensure_database
"$BIN/python" manage.py migrate --noinput -v0
"$BIN/python" manage.py flush --noinput
"$BIN/python" manage.py load_demo

PORT="$("$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
LOG="$(mktemp)"
GUNICORN_BIND="127.0.0.1:$PORT" WEB_CONCURRENCY=2 "$BIN/gunicorn" >"$LOG" 2>&1 &
SERVER=$!
stop() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }
trap stop EXIT

status=0
"$BIN/schemathesis" run "http://127.0.0.1:$PORT/api/v1/schema/" \
  --wait-for-schema 30 --checks all --max-examples "$EXAMPLES" --seed "${API_FUZZ_SEED:-18}" \
  --request-timeout 30 --no-color || status=$?
if grep -q "Internal Server Error\|Traceback" "$LOG"; then
  echo "The server logged errors:"; cat "$LOG"; status=1
fi
exit "$status"
