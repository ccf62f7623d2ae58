"""Whatever a curator types is shown inert wherever it appears: pages, admin,
feeds, calendars and exports. A company named <script>alert(1)</script> is
text everywhere, never markup; a spreadsheet never runs a name as a formula."""

import csv
import datetime
import io
import json
from xml.etree import ElementTree

import pytest
from icalendar import Calendar

from articles.models import Bid, Deadline
from tests.factories import (
    ArticleFactory,
    BidFactory,
    CompanyFactory,
    DeadlineFactory,
    DealFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMAGE = '<img src=x onerror="alert(2)">'
QUOTE = '" onmouseover="alert(3)'
FORMULA = '=HYPERLINK("http://evil.example","x")'
MARKUP = [SCRIPT, IMAGE, QUOTE]


@pytest.fixture
def hostile(db):
    return make_hostile_archive()


def make_hostile_archive():
    """A deal whose every typed field is an attack; returns the deal (slug "hostile")."""
    company = CompanyFactory(name=f"Evil {SCRIPT}", slug="evil", description=IMAGE)
    partner = CompanyFactory(name=FORMULA, slug="formula")
    deal = DealFactory(
        title=f"Deal {IMAGE}",
        slug="hostile",
        target=company,
        seller=partner,
        summary=f"{SCRIPT} {QUOTE}",
        countries=["US"],
        announced_on=datetime.date.today(),
    )
    BidFactory(
        deal=deal,
        bidders=[company, partner],
        status=Bid.Status.REJECTED,
        note=SCRIPT,
        submitted_on=datetime.date.today(),
    )
    DeadlineFactory(
        deal=deal,
        label=f"Deadline {SCRIPT}",
        set_by=IMAGE,
        note=f"{QUOTE}\r\nEND:VEVENT\r\nBEGIN:VALARM\r\nACTION:DISPLAY",
        kind=Deadline.Kind.GOVERNMENT_ORDER,
        due_on=datetime.date.today() + datetime.timedelta(days=10),
    )
    ArticleFactory(
        title=f"Article {SCRIPT}",
        slug="hostile-article",
        summary=IMAGE,
        author=QUOTE,
        url="https://news.example/a?x=<script>",
        source=SourceFactory(name=f"Source {IMAGE}"),
        deals=[deal],
        companies=[company],
        published_on=datetime.date.today(),
    )
    return deal


PAGES = [
    "/",
    "/deals/",
    "/deals/?q=Evil",
    "/deals/hostile/",
    "/companies/",
    "/companies/evil/",
    "/companies/formula/",
    "/articles/",
    "/articles/hostile-article/",
    "/deadlines/",
    "/search/?q=Evil",
    "/fr/deals/hostile/",
]


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def assert_inert_html(html: str, url: str) -> None:
    for markup in MARKUP:
        assert markup not in html, f"{markup!r} is live markup on {url}"
    assert "alert(1)" not in html or "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url


@pytest.mark.parametrize("url", PAGES)
def test_public_pages_show_what_curators_typed_as_text(client, hostile, url):
    response = client.get(url)
    assert response.status_code == 200
    html = body(response)
    assert_inert_html(html, url)


def test_the_deal_page_shows_the_names_escaped(client, hostile):
    html = body(client.get("/deals/hostile/"))
    assert "Evil &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Deal &lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in html


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/articles/",
        "/feeds/articles/rss/",
        "/feeds/deals/",
        "/feeds/deals/hostile/",
        "/feeds/companies/evil/rss/",
    ],
)
def test_feeds_carry_the_names_as_escaped_text(client, hostile, url):
    feed = ElementTree.fromstring(client.get(url).content)
    entries = [
        element for element in feed.iter() if element.tag.split("}")[-1] in ("item", "entry")
    ]
    assert entries, url
    # Titles are plain text to a feed reader; an entry's summary is HTML, and
    # in it what a curator typed must arrive escaped.
    for entry in entries:
        for element in entry:
            if element.tag.split("}")[-1] in ("summary", "description", "content"):
                for markup in MARKUP:
                    assert markup not in (element.text or ""), url


@pytest.mark.parametrize(
    "url",
    ["/calendar/deadlines.ics", "/calendar/deals/hostile.ics", "/calendar/companies/evil.ics"],
)
def test_calendars_carry_the_names_as_plain_text(client, hostile, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    # iCalendar is plain text: the label is there as typed, and a line break
    # in a note cannot smuggle in a component of its own.
    assert "Deadline <script>alert(1)</script>" in str(event["SUMMARY"])
    assert "BEGIN:VALARM" in str(event["DESCRIPTION"])
    assert calendar.walk("VALARM") == []


def test_the_csv_export_neutralises_formulas_in_every_cell(client, hostile):
    rows = list(csv.reader(io.StringIO(body(client.get("/export/deals.csv")))))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells, "the export is empty"
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert any(FORMULA in cell for cell in cells)  # kept, as text


def test_the_json_export_is_data_not_markup(client, hostile):
    response = client.get("/export/deals.json")
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    deal = json.loads(body(response))["results"][0]
    assert deal["title"] == f"Deal {IMAGE}"


def test_admin_pages_show_what_curators_typed_as_text(curator_client, hostile):
    bid = hostile.bids.get()
    deadline = hostile.deadlines.get()
    article = hostile.articles.get()
    for url in [
        "/admin/articles/deal/",
        f"/admin/articles/deal/{hostile.pk}/change/",
        f"/admin/articles/deal/{hostile.pk}/history/",
        "/admin/articles/historicaldeal/",
        "/admin/articles/company/",
        "/admin/articles/bid/",
        f"/admin/articles/bid/{bid.pk}/change/",
        "/admin/articles/deadline/",
        f"/admin/articles/deadline/{deadline.pk}/change/",
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
        "/admin/articles/source/",
    ]:
        response = curator_client.get(url)
        assert response.status_code == 200, url
        assert_inert_html(body(response), url)

    # The company picker gets JSON: data, which its script shows as text.
    picker = curator_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "deal", "field_name": "target", "term": "Evil"},
    )
    assert picker["Content-Type"] == "application/json"
    assert f"Evil {SCRIPT}" in {result["text"] for result in picker.json()["results"]}
