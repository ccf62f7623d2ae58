"""The production profile: with production environment variables Django's
deployment check is clean, HTTPS is enforced, every response carries the
security headers and a Content Security Policy the pages keep to, and errors
answer the site's own 404, 500 and 503 pages."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError

from articles import views

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "production-profile-test-" + "k" * 50,
    "DJANGO_ALLOWED_HOSTS": "dealwatch.example",
}


def run_in_production(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deployment_check_reports_nothing():
    result = run_in_production("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


# What a request meets in production, asked of a process started with the
# production environment (settings are read once, at start-up).
PROBE = """
import json
from django.test import Client
client = Client(HTTP_HOST="dealwatch.example")
plain = client.get("/robots.txt")
secure = client.get("/robots.txt", secure=True)
health = client.get("/healthz")
from django.conf import settings
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location")],
    "health": [health.status_code, health.get("Location")],
    "secure": dict(secure.headers),
    "cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
}))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    database = tmp_path_factory.mktemp("production") / "probe.sqlite3"
    result = run_in_production(
        "shell", "--no-imports", "-c", PROBE, DATABASE_URL=f"sqlite:///{database}"
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_plain_http_is_redirected_to_https(production):
    assert production["plain"] == [301, "https://dealwatch.example/robots.txt"]


def test_load_balancers_may_probe_health_over_plain_http(production):
    assert production["health"] == [200, None]  # answered, not redirected


def test_https_responses_carry_the_security_headers(production):
    headers = production["secure"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in headers["Content-Security-Policy"]


def test_cookies_are_sent_over_https_only(production):
    assert production["cookies"] == [True, True]


# The policy, and pages that keep to it


@pytest.mark.django_db
def test_every_page_carries_a_policy_without_unsafe_inline(client, demo):
    policy = client.get("/deals/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in policy


PUBLIC_PAGES = [
    "/",
    "/deals/",
    "/deals/tiktok-us-operations/",
    "/companies/",
    "/companies/microsoft/",
    "/articles/",
    "/deadlines/",
    "/search/?q=tiktok",
    "/no-such-page/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_pages_have_no_inline_script_or_style(client, demo, url):
    html = client.get(url).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html), "style attribute"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


# The site's own error pages


@pytest.mark.django_db
def test_a_missing_page_answers_the_sites_404(client):
    response = client.get("/deals/no-such-deal/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'href="/deals/"' in html  # the site's navigation, to carry on


@pytest.mark.django_db
def test_the_404_page_speaks_french_under_fr(client):
    response = client.get("/fr/deals/no-such-deal/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.fixture
def failing_deal_list(monkeypatch):
    def fail_with(error):
        def get(self, request, *args, **kwargs):
            raise error

        monkeypatch.setattr(views.DealListView, "get", get)

    return fail_with


@pytest.mark.django_db
def test_an_error_answers_the_sites_500_page_without_a_traceback(client, failing_deal_list):
    failing_deal_list(RuntimeError("a bug"))
    client.raise_request_exception = False
    response = client.get("/deals/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "a bug" not in html and "Traceback" not in html


@pytest.mark.django_db
def test_a_database_outage_answers_503_with_retry_after(client, failing_deal_list):
    failing_deal_list(OperationalError("connection refused"))
    client.raise_request_exception = False
    response = client.get("/deals/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Back in a moment" in html
    assert "connection refused" not in html


@pytest.mark.django_db
def test_health_check_says_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_check_stays_up_when_only_a_replica_is_down(client, monkeypatch):
    from dealwatch import health

    monkeypatch.setattr(health, "connections", ["default", "replica_1"])
    monkeypatch.setattr(health, "_reachable", lambda alias: alias == "default")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "databases": {"default": "ok", "replica_1": "unreachable"},
    }

    monkeypatch.setattr(health, "_reachable", lambda alias: alias != "default")
    assert client.get("/healthz").status_code == 503
