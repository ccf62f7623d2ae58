"""The site in French and English: French under /fr/, English as it was."""

import json
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

from tests.factories import DealFactory

PO = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def page(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_french_deal_list_speaks_french(client, demo):
    html = page(client, "/fr/deals/?buyer=microsoft")
    assert '<html lang="fr">' in html
    assert "<title>Opérations · dealwatch</title>" in html
    assert "Acquéreur" in html and "Cession forcée" in html and "Abandonnée" in html
    assert "3 opérations" in html
    # Dates, countries and amounts in French.
    assert "6 août 2020" in html
    assert ">Nouvelle-Zélande (1)</option>" in html
    assert "68,7\xa0Md\xa0$US" in html


@pytest.mark.django_db
def test_french_deal_page_names_countries_and_statuses_in_french(client, demo):
    html = page(client, "/fr/deals/tiktok-us-operations/")
    assert "États-Unis" in html and "Canada" in html
    assert "Offre conjointe".lower() in html.lower()
    assert "Rejetée" in html and "Prolongée" in html
    assert "15 septembre 2020" in html
    assert "Décision gouvernementale" in html


@pytest.mark.django_db
def test_articles_show_their_language_in_the_readers_language(client, demo):
    assert "Français" in page(client, "/fr/articles/?language=fr")
    assert "French" in page(client, "/articles/?language=fr")


@pytest.mark.django_db
def test_english_urls_stay_english_whatever_the_browser_asks(client, demo):
    html = page(client, "/deals/", HTTP_ACCEPT_LANGUAGE="fr")
    assert '<html lang="en">' in html and "<title>Deals · dealwatch</title>" in html
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200


@pytest.mark.django_db
def test_switcher_keeps_the_page_and_its_filters(client, demo):
    html = page(client, "/deals/?buyer=microsoft&status=abandoned")
    assert 'href="/fr/deals/?buyer=microsoft&amp;status=abandoned" lang="fr"' in html
    french = page(client, "/fr/deals/?buyer=microsoft&status=abandoned")
    assert 'href="/deals/?buyer=microsoft&amp;status=abandoned" lang="en"' in french
    assert (
        'hreflang="fr" href="http://testserver/fr/deals/?buyer=microsoft&amp;status=abandoned"'
        in html
    )


def language_links(response) -> dict[str, str]:
    """The language switcher's links, and the alternates in the head, by language."""
    html = response.content.decode()
    switcher = re.findall(r'<a href="([^"]*)" lang="(\w+)" hreflang=', html)
    alternates = re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]*)"', html)
    return {
        **{code: unescape(url) for url, code in switcher},
        **{f"alternate-{code}": unescape(url) for code, url in alternates},
    }


def host_in_a_browser(href: str) -> str:
    """The host a browser on http://testserver/ goes to through ``href``: it
    drops tabs and line breaks and reads a backslash as a slash."""
    href = re.sub(r"[\t\n\r]", "", href).replace("\\", "/")
    return urlsplit(urljoin("http://testserver/somewhere/", href)).netloc


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "//evil.example/x",
        "///evil.example/x",
        "/\\evil.example/x",
        "/\t/evil.example/x",
        "/fr//evil.example/x",
        "/fr/\\evil.example/x",
        "//evil.example",
    ],
)
def test_the_language_switch_never_links_to_another_site(client, path):
    # The test client would read "//evil.example/x" as a host and a path:
    # the path is given as a server receives it.
    response = client.get("/", PATH_INFO=path, QUERY_STRING="q=tiktok")
    assert response.status_code == 404
    links = language_links(response)
    assert set(links) == {"en", "fr", "alternate-en", "alternate-fr"}
    for href in links.values():
        assert host_in_a_browser(href) == "testserver", href
        assert href.endswith("?q=tiktok")
    assert links["fr"].startswith("/fr/") and not links["en"].startswith(("//", "/fr/"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "english", "french"),
    [
        ("/nope/", "/nope/", "/fr/nope/"),
        ("/fr/nope/", "/nope/", "/fr/nope/"),
        ("/deals/no-such-deal/", "/deals/no-such-deal/", "/fr/deals/no-such-deal/"),
        ("//evil.example/x", "/evil.example/x", "/fr/evil.example/x"),
        ("/fr//evil.example/x", "/evil.example/x", "/fr/evil.example/x"),
    ],
)
def test_a_404_links_to_the_same_address_in_the_other_language(client, path, english, french):
    response = client.get("/", PATH_INFO=path, QUERY_STRING="status=blocked&q=a%20b")
    assert response.status_code == 404
    links = language_links(response)
    assert links["en"] == f"{english}?status=blocked&q=a%20b"
    assert links["fr"] == f"{french}?status=blocked&q=a%20b"


def exported(client, url):
    return json.loads(b"".join(client.get(url).streaming_content))


@pytest.mark.django_db
def test_feeds_and_exports_keep_codes_and_translate_labels(client):
    DealFactory(status="blocked", countries=["NZ"])
    french = exported(client, "/fr/export/deals.json")["results"][0]
    english = exported(client, "/export/deals.json")["results"][0]
    assert french["status"] == {"code": "blocked", "label": "Bloquée"}
    assert english["status"] == {"code": "blocked", "label": "Blocked"}
    assert french["countries"] == [{"code": "NZ", "name": "Nouvelle-Zélande"}]


@pytest.mark.django_db
def test_the_admin_speaks_french_under_fr(admin_client):
    html = page(admin_client, "/fr/admin/articles/deal/add/")
    assert '<html lang="fr"' in html
    assert "Cible" in html and "Cession forcée" in html


def test_every_string_is_in_the_french_catalogue_and_translated(tmp_path):
    """Extract the strings of the code and templates as makemessages does and
    compare with the catalogue: none missing, none empty, none fuzzy."""
    if not shutil.which("xgettext"):
        pytest.skip("xgettext (GNU gettext) is not installed: a developer tool, CI has it")
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "project"
    shutil.copytree(
        root,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "staticfiles", "test-artifacts", "*.sqlite3"
        ),
    )
    subprocess.run(
        [
            sys.executable, "manage.py", "makemessages", "-l", "fr",
            "--ignore=tests", "--ignore=staticfiles", "--no-location", "-v0",
            # django-simple-history's own template, copied: its catalogue has these.
            "--ignore=templates/simple_history",
        ],
        cwd=copy, check=True, env={"DJANGO_DEBUG": "true", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    with open(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po", "rb") as extracted_file:
        extracted = {m.id for m in read_po(extracted_file) if m.id}
    with PO.open("rb") as catalogue_file:
        catalogue = {m.id: m for m in read_po(catalogue_file) if m.id}
    missing = sorted(map(str, extracted - catalogue.keys()))
    assert not missing, f"not in the French catalogue: {missing}"
    untranslated = [
        str(key)
        for key, message in catalogue.items()
        if key in extracted
        and (
            message.fuzzy
            or not (all(message.string) if isinstance(message.string, tuple) else message.string)
        )
    ]
    assert not untranslated, f"untranslated or fuzzy: {untranslated}"
