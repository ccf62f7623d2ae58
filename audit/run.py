"""The page audit (make audit, and CI): Lighthouse, axe-core and the Nu HTML
Checker on the public pages of audit/pages.txt, served by gunicorn with
debug off from a throwaway SQLite database holding the demo archive.

It fails unless every page scores 100 in Lighthouse's accessibility, best
practices and SEO (a page marked noindex in pages.txt may fail only the
"is-crawlable" audit: the search page asks not to be indexed, on purpose),
at least 95 in performance, has no axe violation and no HTML error.

Run from the repository's top level with the project's Python, after
`npm ci --ignore-scripts` in audit/ (make audit does both). Reports go to
test-artifacts/audit/ (git-ignored)."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AUDIT = ROOT / "audit"
MODULES = AUDIT / "node_modules"
REPORTS = ROOT / "test-artifacts" / "audit"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
CATEGORIES = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# Seconds one Lighthouse run may take before the audit gives up on it.
LIGHTHOUSE_TIMEOUT = 120


def pages() -> list[tuple[str, bool]]:
    """The paths to check, each with whether it is meant to be noindex."""
    listed = []
    for line in (AUDIT / "pages.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            path, *marks = line.split()
            listed.append((path, "noindex" in marks))
    return listed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(folder: Path) -> tuple[subprocess.Popen, str]:
    """gunicorn serving the demo archive, debug off, as in production."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "audit-only-not-secret",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{folder / 'audit.sqlite3'}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_demo"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "dealwatch.wsgi"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(60):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2).close()
            return server, base
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("The server did not answer within 30 seconds.")


# Lighthouse sometimes loses its trace of a page load on a busy machine
# ("NO_NAVSTART ... Please run Lighthouse again"): a page gets this many tries.
LIGHTHOUSE_TRIES = 2


def lighthouse(base: str, path: str, noindex: bool) -> list[str]:
    report = REPORTS / f"lighthouse-{slug(path)}.json"
    command = [
        str(MODULES / ".bin" / "lighthouse"),
        base + path,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
    ]
    for attempt in range(1, LIGHTHOUSE_TRIES + 1):
        run = subprocess.run(
            command, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=LIGHTHOUSE_TIMEOUT
        )
        if run.returncode == 0:
            break
        print(f"Lighthouse failed on {path} (try {attempt} of {LIGHTHOUSE_TRIES}).", flush=True)
    else:
        return [f"Lighthouse could not audit the page in {LIGHTHOUSE_TRIES} tries"]
    result = json.loads(report.read_text())
    problems = []
    for name, minimum in CATEGORIES.items():
        category = result["categories"][name]
        score = round((category["score"] or 0) * 100)
        failing = [
            ref["id"]
            for ref in category["auditRefs"]
            if ref["weight"] and (result["audits"][ref["id"]]["score"] or 0) < 1
        ]
        if noindex and name == "seo" and failing == ["is-crawlable"]:
            continue
        if score < minimum:
            problems.append(f"Lighthouse {name} {score} < {minimum}: {', '.join(failing)}")
    return problems


def axe(base: str, paths: list[str]) -> dict[str, list[str]]:
    """axe-core's violations on each page, injected with Playwright (the
    page's Content-Security-Policy, which refuses injected scripts, is
    bypassed for the check alone)."""
    from playwright.sync_api import sync_playwright

    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=[f for f in CHROMIUM_FLAGS if f != "--headless=new"]
        )
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        for path in paths:
            page.goto(base + path)
            page.add_script_tag(path=str(MODULES / "axe-core" / "axe.min.js"))
            result = page.evaluate("axe.run()")
            found[path] = [
                f"axe {violation['id']}: {violation['help']} ({len(violation['nodes'])})"
                for violation in result["violations"]
            ]
        browser.close()
    return found


def vnu(base: str, paths: list[str], folder: Path) -> dict[str, list[str]]:
    """The Nu HTML Checker's errors on each page, as served."""
    files = {}
    for path in paths:
        file = folder / f"{slug(path)}.html"
        with urllib.request.urlopen(base + path, timeout=30) as response:
            file.write_bytes(response.read())
        files[str(file)] = path
    checked = subprocess.run(
        ["java", "-jar", str(MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"),
         "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    found: dict[str, list[str]] = {path: [] for path in paths}
    for message in json.loads(checked.stderr or '{"messages": []}')["messages"]:
        path = files.get(message.get("url", "").removeprefix("file:"), "?")
        found.setdefault(path, []).append(
            f"vnu line {message.get('lastLine')}: {message.get('message')}"
        )
    return found


def slug(path: str) -> str:
    return path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-") or "home"


def main() -> int:
    REPORTS.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    listed = pages()
    paths = [path for path, _noindex in listed]
    with tempfile.TemporaryDirectory() as folder:
        server, base = serve(Path(folder))
        try:
            problems = {path: [] for path in paths}
            for path, messages in axe(base, paths).items():
                problems[path] += messages
            for path, messages in vnu(base, paths, Path(folder)).items():
                problems.setdefault(path, []).extend(messages)
            for path, noindex in listed:
                problems[path] += lighthouse(base, path, noindex)
        finally:
            server.terminate()
            server.wait(timeout=30)
    failed = {path: messages for path, messages in problems.items() if messages}
    for path in paths:
        print(f"{'FAIL' if path in failed else 'ok  '} {path}")
        for message in failed.get(path, []):
            print(f"     {message}")
    print(f"{len(paths)} pages in {time.monotonic() - started:.0f} s; reports in {REPORTS}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
