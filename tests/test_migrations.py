"""Migrations stand alone: what an old migration builds never changes with the
app's code. The tallies' triggers are frozen SQL in their migrations, and this
is where a tally changed without a migration of its own is caught."""

import ast
import importlib
from pathlib import Path

import pytest

from articles import record_versions, tallies

MIGRATIONS = Path(__file__).resolve().parents[1] / "articles" / "migrations"

# The migration that last froze each tally's SQL, and the name it holds it
# under. A change to a tally needs a new migration that drops its triggers and
# creates them again (drop_sql() and create_sql(), written in as strings);
# then point its entry here at that migration.
FROZEN = {
    "DEALS": ("0018_deal_tally_by_year", "DEAL_TALLY"),
    "ARTICLES": ("0010_article_and_deadline_tallies", "ARTICLE_TALLY"),
    "DEADLINES": ("0010_article_and_deadline_tallies", "DEADLINE_TALLY"),
    "STATUS_DAYS": ("0027_as_of_tallies", "STATUS_DAY_TALLY"),
    "STATUS_DAYS_OF_DEALS": ("0027_as_of_tallies", "STATUS_DAY_TALLY_OF_DEALS"),
    "EARLY_PERIODS": ("0027_as_of_tallies", "EARLY_PERIOD_TALLY"),
    "EARLY_PERIODS_OF_DEALS": ("0027_as_of_tallies", "EARLY_PERIOD_TALLY_OF_DEALS"),
    "REVIEW_SPANS": ("0028_deal_review_spans", "REVIEW_SPANS"),
    "COMPANY_DEALS": ("0029_company_deal_roles", "COMPANY_DEALS"),
    "DEADLINE_MONTHS": ("0031_deadline_month_tally", "DEADLINE_MONTH_TALLY"),
    "DEAL_VALUES": ("0032_deal_value_tally", "DEAL_VALUE_TALLY"),
    "DEAL_COUNTRIES": ("0035_deal_country_tally", "DEAL_COUNTRY_TALLY"),
}

# Callables that makemigrations writes as references: the field choices, which
# never reach the database.
IMPORTABLE_FROM_MIGRATIONS = {"articles.locale_data"}


def test_every_tally_has_a_migration_that_froze_it():
    defined = {
        name
        for name, value in vars(tallies).items()
        if isinstance(value, tallies.Tally | tallies.RowsPerDeal)
    }
    assert defined == set(FROZEN), "a tally without a migration that creates its triggers"


@pytest.mark.parametrize("name", FROZEN)
def test_each_tally_builds_what_its_migration_froze(name):
    migration, constant = FROZEN[name]
    frozen = getattr(importlib.import_module(f"articles.migrations.{migration}"), constant)
    tally = getattr(tallies, name)
    assert frozen == {"create": tally.create_sql(), "drop": tally.drop_sql()}, (
        f"articles.tallies.{name} no longer builds what migration {migration} froze "
        f"({constant}), so databases migrated before and after this change would differ. "
        "A change to a tally needs a new migration that drops its triggers and creates "
        "them again, with the statements of drop_sql() and create_sql() written in as "
        "strings; then name that migration in FROZEN."
    )


def test_the_record_versions_build_what_their_migration_froze():
    migration = importlib.import_module("articles.migrations.0034_record_versions")
    assert {
        "create": record_versions.create_sql(),
        "drop": record_versions.drop_sql(),
    } == migration.RECORD_VERSIONS, (
        "articles.record_versions no longer builds what migration 0034 froze: a change "
        "there needs a new migration that drops its triggers and creates them again."
    )


def app_imports(path: Path) -> set[str]:
    """The modules of this project's apps that a migration imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
    return {name for name in found if name.startswith((".", "articles", "bench", "dealwatch"))}


@pytest.mark.parametrize("path", sorted(MIGRATIONS.glob("0*.py")), ids=lambda path: path.stem)
def test_no_migration_reads_the_apps_code(path):
    assert app_imports(path) <= IMPORTABLE_FROM_MIGRATIONS, (
        f"{path.name} imports the app's code: what it builds would change with that code. "
        "Freeze what it needs (SQL, values) into the migration itself."
    )
