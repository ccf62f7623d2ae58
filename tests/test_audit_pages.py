"""The page audit (make audit) checks the pages the README lists."""

import importlib.util
import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_lists_the_audited_pages():
    audited = set()
    for line in (ROOT / "audit" / "pages.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            audited.add(line.split()[0])
    readme = (ROOT / "README.md").read_text()
    section = readme.split("### The page audit", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`(/[^`\s]*)`", section.split("It fails unless", 1)[0]))
    assert listed == audited
    assert len(audited) >= 10


def test_the_audit_tools_are_pinned_exactly():
    package = json.loads((ROOT / "audit" / "package.json").read_text())
    lock = json.loads((ROOT / "audit" / "package-lock.json").read_text())
    for name, version in package["devDependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), name
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def _audit_module():
    spec = importlib.util.spec_from_file_location("audit_run", ROOT / "audit" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _passing_report() -> dict:
    audits = {"an-audit": {"score": 1}}
    category = {"score": 1, "auditRefs": [{"id": "an-audit", "weight": 1}]}
    return {"categories": dict.fromkeys(("performance", "accessibility",
            "best-practices", "seo"), category), "audits": audits}  # fmt: skip


def test_lighthouse_gets_a_second_try_when_it_loses_the_page_load(tmp_path, monkeypatch):
    run = _audit_module()
    monkeypatch.setattr(run, "REPORTS", tmp_path)
    outcomes = iter([1, 0])  # NO_NAVSTART, then a report

    def lighthouse_process(command, **kwargs):
        code = next(outcomes)
        if code == 0:
            (tmp_path / "lighthouse-search.json").write_text(json.dumps(_passing_report()))
        return subprocess.CompletedProcess(command, code)

    monkeypatch.setattr(run.subprocess, "run", lighthouse_process)
    monkeypatch.setattr(run, "slug", lambda path: "search")
    assert run.lighthouse("http://127.0.0.1:1", "/search/", noindex=False) == []


def test_a_page_lighthouse_cannot_audit_twice_is_reported(tmp_path, monkeypatch):
    run = _audit_module()
    monkeypatch.setattr(run, "REPORTS", tmp_path)
    monkeypatch.setattr(
        run.subprocess, "run", lambda command, **kwargs: subprocess.CompletedProcess(command, 1)
    )
    assert run.lighthouse("http://127.0.0.1:1", "/", noindex=False) == [
        "Lighthouse could not audit the page in 2 tries"
    ]
