"""The charts: their numbers against plain queries, valid SVG with a title
and role, and the deal's track of the TikTok story."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.timezone import localdate

from articles import charts
from articles.models import Deadline

SVG = "{http://www.w3.org/2000/svg}"


def svgs_of(html: str) -> dict[str, ET.Element]:
    """Each chart's SVG on the page, parsed as XML, by its figure's id."""
    found = {}
    start = 0
    while (at := html.find('<figure class="chart" id="', start)) != -1:
        chart_id = html[at + 26 : html.index('"', at + 26)]
        begin = html.index("<svg", at)
        end = html.index("</svg>", begin) + len("</svg>")
        found[chart_id] = ET.fromstring(html[begin:end])
        start = end
    return found


def assert_accessible(svg: ET.Element) -> None:
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    assert title is not None and title.text
    assert svg.get("aria-labelledby") == title.get("id")
    assert not svg.get("style") and not svg.findall(f".//{SVG}style")


class TestGeometry:
    def test_nice_steps_are_round(self):
        assert [charts.nice_step(n) for n in (0, 3, 7, 23, 180, 9_000)] == [1, 1, 2, 10, 50, 5000]

    def test_stacked_columns_stack_each_series_and_total_them(self):
        stack = charts.series([("a", "A"), ("b", "B"), ("c", "C")])
        chart = charts.stacked_columns(
            "t", "T", [("2020", "2020"), ("2021", "2021")], stack,
            {("2020", "a"): 3, ("2020", "b"): 1, ("2021", "a"): 2}, "Year",
        )  # fmt: skip
        # "C" counts nothing: out of the legend and the table.
        assert [s.key for s in chart.legend] == ["a", "b"]
        assert chart.table.headers == ("Year", "A", "B", "Total")
        assert chart.table.rows == (("2020", 3, 1, 4), ("2021", 2, 0, 2))
        tallest = sum(r.height for r in chart.rects if r.title.startswith("2020"))
        half = sum(r.height for r in chart.rects if r.title.startswith("2021"))
        assert tallest == pytest.approx(2 * half)
        # Each series is told by its pattern as well as its colour.
        assert len({s.pattern for s in chart.legend}) == 2

    def test_horizontal_bars_scale_to_the_largest(self):
        chart = charts.horizontal_bars("t", "T", [("France", 4), ("Chile", 2)], "Country", "Deals")
        assert chart.rects[0].width == pytest.approx(2 * chart.rects[1].width)
        assert chart.table.rows == (("France", 4), ("Chile", 2))


@pytest.mark.django_db
class TestDealTrack:
    def test_tiktok_track_draws_bids_deadlines_and_the_end(self, client, demo):
        response = client.get(reverse("articles:deal_detail", args=["tiktok-us-operations"]))
        track = response.context["track"]
        bids = {r.title for r in track.rects}
        assert bids == {
            "Microsoft & Walmart: Rejected",
            "Oracle: Accepted, then the deal was abandoned",
        }
        assert len([m for m in track.marks if m.css.startswith("mark-deadline")]) == 5
        assert len(track.arrows) == 4  # each move of the deadline
        # The deal's end, and CFIUS's review ending with it.
        assert [m.css for m in track.marks if m.shape == "diamond"] == [
            "mark-abandoned",
            "mark-review-abandoned",
        ]
        # The same facts as a table, the unknown submission said so.
        rows = {row[0]: row for row in track.table.rows}
        assert rows["Microsoft & Walmart"][1:] == ("Aug. 27, 2020", "Sept. 13, 2020", "Rejected")
        assert rows["Oracle"][1] == "not reported"
        svg = svgs_of(response.content.decode())["deal-track"]
        assert_accessible(svg)

    def test_key_facts_say_how_each_bid_ended_and_the_last_deadline(self, client, demo):
        response = client.get(reverse("articles:deal_detail", args=["tiktok-us-operations"]))
        html = response.content.decode()
        facts = html[html.index('class="key-facts"') : html.index("</aside>")]
        assert "Abandoned on" in facts and "Feb. 10, 2021" in facts
        assert "Days it was open" in facts and "<dd>188</dd>" in facts
        assert "Accepted, then the deal was abandoned" in facts
        assert "Last deadline" in facts and "Dec. 4, 2020" in facts

    def test_a_deal_with_nothing_dated_has_no_track(self, client):
        from tests.factories import DealFactory

        deal = DealFactory(announced_on=None, closed_on=None, status="rumoured")
        response = client.get(deal.get_absolute_url())
        assert response.context["track"] is None
        assert 'id="deal-track"' not in response.content.decode()


@pytest.mark.django_db
def test_track_is_drawn_in_french(client, demo):
    html = client.get("/fr/deals/tiktok-us-operations/").content.decode()
    svg = svgs_of(html)["deal-track"]
    assert svg.find(f"{SVG}title").text == "Le déroulement de l’opération"
    assert "Opération abandonnée" in ET.tostring(svg, encoding="unicode")


def table_of(chart) -> dict:
    """A chart's table as {first cell: the other cells}."""
    return {str(row[0]): row[1:] for row in chart.table.rows}


@pytest.mark.django_db
class TestNumbersAgainstPlainQueries:
    def test_deals_per_year_by_status_on_the_deal_list(self, client, demo):
        from articles.models import Deal

        response = client.get("/deals/", {"country": "US"})
        years = response.context["charts"][0]
        statuses = [str(s.key) for s in years.legend]
        for year, cells in table_of(years).items():
            deals = Deal.objects.filter(countries__contains="US", announced_on__year=int(year))
            expected = [deals.filter(status=status).count() for status in statuses]
            assert list(cells) == [*expected, deals.count()]
        dated = Deal.objects.filter(countries__contains="US", announced_on__isnull=False)
        assert sum(cells[-1] for cells in table_of(years).values()) == dated.count()

    def test_top_countries_and_types_on_the_home_page(self, client, demo):
        from articles.models import Deal

        response = client.get("/")
        _years, top_countries, types = response.context["charts"]
        for name, (count,) in table_of(top_countries).items():
            code = {"United States of America": "US", "United Kingdom": "GB"}.get(name)
            if code:
                assert count == Deal.objects.filter(countries__contains=code).count()
        labels = dict(Deal.Type.choices)
        for deal_type in Deal.objects.values_list("deal_type", flat=True).distinct():
            expected = Deal.objects.filter(deal_type=deal_type).count()
            assert table_of(types)[str(labels[deal_type])] == (expected,)
        headline = response.context["headline"]
        assert headline["deals"] == Deal.objects.count()

    def test_deadlines_per_month(self, client, demo):
        from articles.models import Deadline

        response = client.get("/deadlines/")
        chart = response.context["chart"]
        months = {cat: sum(cells[:-1]) for cat, cells in table_of(chart).items()}
        window = [r.title for r in chart.rects]
        assert window  # the demo's deadlines are within the window of the latest
        latest = Deadline.objects.latest("due_on").due_on
        in_month = Deadline.objects.filter(due_on__year=latest.year, due_on__month=latest.month)
        assert in_month.count() in months.values()

    def test_company_deals_per_year_by_role(self, client, demo):
        from articles.models import Deal

        response = client.get("/companies/microsoft/")
        chart = response.context["chart"]
        headers = [str(h) for h in chart.table.headers]
        for year, cells in table_of(chart).items():
            row = dict(zip(headers[1:], cells, strict=True))
            bid_on = Deal.objects.filter(bids__bidders__slug="microsoft", announced_on__year=year)
            assert row.get("As bidder", 0) == bid_on.distinct().count()
            as_target = Deal.objects.filter(target__slug="microsoft", announced_on__year=year)
            assert row.get("As target", 0) == as_target.count()
        assert_accessible(svgs_of(response.content.decode())["company-years"])


@pytest.mark.django_db
class TestPages:
    def test_every_chart_is_valid_svg_with_a_title(self, client, demo):
        for path in ("/", "/deals/", "/deadlines/", "/companies/microsoft/", "/fr/"):
            found = svgs_of(client.get(path).content.decode())
            assert found, path
            for svg in found.values():
                assert_accessible(svg)

    def test_home_lists_each_deal_once(self, client, demo):
        response = client.get("/")
        news = [d.pk for d in response.context["news_deals"]]
        recent = [d.pk for d in response.context["recent_deals"]]
        assert not set(news) & set(recent)
        assert len(news) == len(set(news)) and len(recent) == len(set(recent))

    def test_home_shows_the_latest_past_deadlines_when_none_is_upcoming(self, client, demo):
        html = client.get("/").content.decode()
        assert "The latest deadlines passed" in html
        latest = Deadline.objects.filter(due_on__lt=localdate()).latest("due_on")
        assert escape(latest.label) in html

    def test_company_page_hides_empty_roles(self, client, demo):
        html = client.get("/companies/oracle/").content.decode()
        assert "As bidder" in html
        assert 'id="target-heading"' not in html and 'id="seller-heading"' not in html


@pytest.mark.django_db
def test_company_chart_costs_one_query_then_none(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import BidFactory, CompanyFactory, DealFactory

    company = CompanyFactory()
    for _ in range(5):
        BidFactory(deal=DealFactory(), bidders=[company])
        DealFactory(target=company)

    def charting(queries) -> list[str]:
        # The three roles' years: a union of their parts, or on PostgreSQL
        # the company's rows by role, grouped.
        return [
            q["sql"]
            for q in queries.captured_queries
            if "UNION ALL" in q["sql"]
            or ("articles_companydealrole" in q["sql"] and "GROUP BY" in q["sql"])
        ]

    with CaptureQueriesContext(connection) as first:
        client.get(company.get_absolute_url())
    assert len(charting(first)) == 1  # the three roles' years in one query
    with CaptureQueriesContext(connection) as again:
        response = client.get(company.get_absolute_url(), {"unused": "1"})
    assert response.status_code == 200
    assert len(again) > 1  # rendered again, not the kept page
    assert not charting(again)
