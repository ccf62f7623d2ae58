"""The page audit (make audit) checks the pages the README lists."""

import json
import re
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
