"""The benchmark is development tooling kept out of what ships: its commands
exist only when DEALWATCH_BENCH=true installs the bench app, and the shipped
code imports nothing from it nor any development dependency."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED_PACKAGES = ["articles", "dealwatch"]
DEV_ONLY_MODULES = {"bench", "tqdm"}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """``manage.py`` in a process started with production settings."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "bench-app-test-" + "k" * 50,
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_benchmark_commands_exist_only_when_asked_for():
    shipped = manage("help", "--commands")
    assert shipped.returncode == 0, shipped.stderr
    assert "generate_archive" not in shipped.stdout.split()
    assert "bench" not in shipped.stdout.split()
    assert "load_demo" in shipped.stdout.split()

    asked = manage("help", "--commands", DEALWATCH_BENCH="true")
    assert asked.returncode == 0, asked.stderr
    assert {"generate_archive", "bench"} <= set(asked.stdout.split())


def test_a_malformed_bench_setting_stops_the_start(tmp_path):
    result = manage(
        "generate_archive",
        "--scale=tiny",
        DEALWATCH_BENCH="maybe",
        DATABASE_URL=f"sqlite:///{tmp_path / 'untouched.sqlite3'}",
    )
    assert result.returncode != 0
    assert not (tmp_path / "untouched.sqlite3").exists()
    assert "DEALWATCH_BENCH must be a boolean" in result.stderr


def imported_modules(path: Path) -> set[str]:
    """The top-level name of every module the file imports (absolute imports)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", SHIPPED_PACKAGES)
def test_the_shipped_code_imports_no_benchmark_nor_dev_dependency(package):
    offenders = {
        str(path.relative_to(ROOT)): sorted(found)
        for path in sorted((ROOT / package).rglob("*.py"))
        if (found := imported_modules(path) & DEV_ONLY_MODULES)
    }
    assert offenders == {}, (
        "Shipped modules import development-only code (bench/ and its dependencies "
        f"belong to the bench app, tqdm to requirements-dev.txt): {offenders}"
    )
