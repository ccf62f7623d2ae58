"""The charts: their numbers against plain queries, valid SVG with a title
and role, and the deal's track of the TikTok story."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from articles import charts

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
        assert [m.css for m in track.marks if m.shape == "diamond"] == ["mark-abandoned"]
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
