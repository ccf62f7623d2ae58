"""Backup and restore round-trip the whole archive losslessly: a backup of a
curated archive (records, their history, a deleted record's, the curators'
accounts and the admin's log) restored into a new, empty database gives the
same data, field for field."""

import gc
import gzip
import json
import os
import re
import subprocess
import sys
import types
import uuid
from io import StringIO
from pathlib import Path
from xml.etree import ElementTree

import psycopg
import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from articles import backup as backups
from articles.backup import EXCLUDED
from articles.demo import load_demo_data
from articles.models import Deal
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def curated_archive(client):
    """The demo archive after a curator's day: an edit, a deletion."""
    load_demo_data()
    # The curators group of migration 0002 may have been flushed by an
    # earlier transactional test: a group of the same rights, made here.
    curators, _ = Group.objects.get_or_create(name="curators")
    curators.permissions.set(Permission.objects.filter(content_type__app_label="articles"))
    curator = User.objects.create_user("ada", password="x", is_staff=True)
    curator.groups.add(curators)
    client.force_login(curator)
    deal = Deal.objects.get(slug="tiktok-us-operations")
    url = f"/admin/articles/deal/{deal.pk}/change/"
    page = client.get(url).content.decode()
    assert client.post(url, form_data(page, summary="Oracle is chosen.")).status_code == 302
    Deal.objects.exclude(pk=deal.pk).first().delete()


@pytest.fixture
def empty_database(tmp_path):
    """The URL of a new, empty database of the kind the tests run on."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    settings = connection.settings_dict
    name = f"dealwatch_restore_{uuid.uuid4().hex[:8]}"
    server = {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
    }
    server = {key: value for key, value in server.items() if value}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    user = server.get("user", "")
    password = f":{server['password']}" if "password" in server else ""
    yield (
        f"postgres://{user}{password}@{server.get('host', '')}:{server.get('port', 5432)}/{name}"
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def manage(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_DEBUG": "true",
        "DJANGO_SECRET_KEY": "tests-only",
        "DATABASE_URL": database_url,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


# Compared as XML, which keeps every microsecond (JSON rounds to milliseconds).
DUMP_OPTIONS = [
    "--format=xml",
    "--natural-foreign",
    "--natural-primary",
    *(f"--exclude={e}" for e in EXCLUDED),
]


def records(dump: str) -> dict:
    """Every record of a dump, by model and primary key (or natural key), as
    its fields' text."""
    result = {}
    for row in ElementTree.fromstring(dump).iter("object"):
        fields = {
            field.get("name"): ElementTree.tostring(field, encoding="unicode")
            for field in row.iter("field")
        }
        result[(row.get("model"), row.get("pk") or json.dumps(fields, sort_keys=True))] = fields
    return result


def test_a_backup_restored_into_an_empty_database_gives_identical_data(
    curated_archive, empty_database, tmp_path
):
    backup = tmp_path / "archive.xml.gz"
    call_command("backup", output=str(backup))
    original = StringIO()
    call_command("dumpdata", *DUMP_OPTIONS, stdout=original)

    restored = manage(empty_database, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "Restored the archive" in restored.stdout
    dumped = manage(empty_database, "dumpdata", *DUMP_OPTIONS)
    assert dumped.returncode == 0, dumped.stderr

    before, after = records(original.getvalue()), records(dumped.stdout)
    assert before.keys() == after.keys()
    assert before == after
    models = {model for model, _ in before}
    # What the archive holds is all there: records, history, accounts, the log.
    assert {"articles.deal", "articles.bid", "articles.historicaldeal", "auth.user"} <= models
    assert {"auth.group", "admin.logentry", "articles.historicalbid_bidders"} <= models
    assert any(
        ">-<" in fields["history_type"] for (model, _), fields in before.items()
        if model == "articles.historicaldeal"
    )  # fmt: skip
    # Times come back to the microsecond.
    assert any(re.search(r"\.\d{6}", fields.get("updated_at", "")) for fields in before.values())


def test_a_restore_never_overwrites_an_archive(curated_archive, empty_database, tmp_path):
    backup = tmp_path / "archive.xml.gz"
    call_command("backup", output=str(backup))
    assert manage(empty_database, "restore", str(backup)).returncode == 0

    again = manage(empty_database, "restore", str(backup))

    assert again.returncode != 0
    assert "This database is not empty" in again.stderr


def test_a_backup_is_readable_by_its_owner_only(curated_archive, tmp_path):
    backup = tmp_path / "archive.xml.gz"
    call_command("backup", output=str(backup))
    assert backup.stat().st_mode & 0o777 == 0o600


def test_a_backup_is_named_so_that_it_can_be_restored(tmp_path):
    with pytest.raises(CommandError, match="Name the backup file with one of"):
        call_command("backup", output=str(tmp_path / "archive.json.gz"))


def test_a_missing_backup_file_is_a_clear_error(empty_database, tmp_path):
    result = manage(empty_database, "restore", str(tmp_path / "nothing.xml.gz"))
    assert result.returncode != 0
    assert "No backup at" in result.stderr


def test_a_failed_backup_leaves_nothing_and_names_the_record(curated_archive, tmp_path):
    # Accounts are not curated text: a name pasted with a vertical tab can
    # still be stored there, and XML cannot carry it.
    pasted = User.objects.create_user("grace", first_name="Grace\x0bHopper")
    folder = tmp_path / "backups"

    with pytest.raises(CommandError) as failed:
        call_command("backup", output=str(folder / "archive.xml.gz"))

    assert list(folder.iterdir()) == []  # not even a partial file
    assert "No backup was written" in str(failed.value)
    # Nothing of the failed dump is left for the garbage collector, which
    # would close its half-read cursor in the middle of a later query.
    # (type(), not isinstance(): gc.get_objects() may hold dead weak proxies.)
    assert not [
        g for g in gc.get_objects()
        if type(g) is types.GeneratorType and g.gi_code.co_name == "get_objects" and g.gi_frame
    ]  # fmt: skip
    assert f"User.first_name (pk:{pasted.pk}) contains unserializable characters" in str(
        failed.value
    )


def test_a_backup_that_cannot_be_read_back_is_not_kept(tmp_path, monkeypatch):
    def cut_short(output):
        with gzip.open(output, "wt") as stream:
            stream.write('<?xml version="1.0"?><django-objects version="1.0"><object ')

    monkeypatch.setattr(backups, "dump", cut_short)

    with pytest.raises(CommandError, match="could not be read back"):
        call_command("backup", output=str(tmp_path / "archive.xml.gz"))
    assert list(tmp_path.iterdir()) == []


def test_a_backup_says_how_many_records_it_holds(curated_archive, tmp_path):
    out = StringIO()
    call_command("backup", output=str(tmp_path / "archive.xml"), stdout=out)
    written = ElementTree.parse(tmp_path / "archive.xml").getroot()
    assert f"{len(written.findall('object')):,} records" in out.getvalue()
    assert [path.name for path in tmp_path.iterdir()] == ["archive.xml"]
