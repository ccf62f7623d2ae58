"""/authorities/ and each authority's page, feed and calendar; the deal list
filtered by authority, review status and jurisdiction."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from articles.models import Review
from tests.factories import AuthorityFactory, DeadlineFactory, DealFactory, ReviewFactory

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = datetime.date.today()
AUTHORITIES = reverse("articles:authority_list")
DEALS = reverse("articles:deal_list")


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def detail(slug: str) -> str:
    return reverse("articles:authority_detail", args=[slug])


# /authorities/


def test_the_list_groups_authorities_by_jurisdiction_with_their_review_counts(client, demo):
    page = html_of(client.get(AUTHORITIES))
    assert "European Union" in page and "United Kingdom" in page
    cma = page[page.index("Competition and Markets Authority") :]
    assert "0 open reviews" in cma[:600]
    assert "4 decided" in cma[:600]  # Activision twice, Arm, Figma


def test_the_list_filters_by_jurisdiction_and_kind(client, demo):
    eu = html_of(client.get(AUTHORITIES, {"jurisdiction": "eu"}))
    assert "Directorate-General for Competition" in eu
    assert "Federal Trade Commission" not in eu
    courts = html_of(client.get(AUTHORITIES, {"kind": "court"}))
    assert "District of Oregon" in courts and "Federal Trade Commission" not in courts


@pytest.mark.parametrize(
    "query, message",
    [
        ({"jurisdiction": "XX"}, "is not a jurisdiction"),
        ({"kind": "oracle"}, "Select a valid choice"),
    ],
)
def test_a_bad_filter_is_explained_not_a_500(client, demo, query, message):
    assert message in html_of(client.get(AUTHORITIES, query))


def test_the_list_query_count_does_not_grow_with_authorities(client, django_assert_num_queries):
    for _ in range(3):
        ReviewFactory()
    client.get(AUTHORITIES)  # warm
    for _ in range(20):
        ReviewFactory(authority=AuthorityFactory(jurisdiction="FR"))
    # archive version, count, the page's authorities with their counts.
    with django_assert_num_queries(3):
        response = client.get(AUTHORITIES)
    assert response.context["paginator"].count == 23


def test_the_list_in_french(client, demo):
    page = html_of(client.get("/fr/authorities/"))
    assert "Union européenne" in page
    assert "Autorités" in page


# An authority's page


def test_open_reviews_show_their_next_decision_date(client):
    cma = AuthorityFactory(slug="cma", short_name="CMA")
    review = ReviewFactory(authority=cma, status=Review.Status.IN_DEPTH)
    due = TODAY + datetime.timedelta(days=40)
    DeadlineFactory(deal=review.deal, review=review, label="Final report due", due_on=due)
    DeadlineFactory(deal=review.deal, review=review, due_on=due + datetime.timedelta(days=30))
    page = html_of(client.get(detail("cma")))
    opened = page[page.index("Open reviews") : page.index("Decisions, by outcome")]
    assert review.deal.title in opened
    assert f'datetime="{due.isoformat()}"' in opened and "Final report due" in opened


def test_decided_reviews_are_grouped_by_outcome_and_counted_per_year(client, demo):
    page = html_of(client.get(detail("cma")))
    decided = page[page.index("Decisions, by outcome") :]
    prohibited = decided[decided.index('id="outcome-prohibited"') :].split("</section>")[0]
    assert "Microsoft acquires Activision" in prohibited
    assert "Abandoned with the deal" in decided
    table = page[page.index("<table") : page.index("</table>")]
    assert '<th scope="row">2023</th>' in table
    # 2023: cleared (October), prohibited (April), abandoned (Figma); 2022: Arm.
    row_2023 = table[table.index('<th scope="row">2023</th>') :].split("</tr>")[0]
    assert row_2023.count("<td>1</td>") == 3


def test_the_page_query_count_does_not_grow_with_reviews(client, django_assert_num_queries):
    cma = AuthorityFactory(slug="cma")
    for status in [Review.Status.IN_DEPTH] * 3 + [Review.Status.CLEARED] * 3:
        review = ReviewFactory(
            authority=cma, status=status, decided_on=None if status == "in_depth" else D(2024, 5, 1)
        )
        DeadlineFactory(deal=review.deal, review=review, due_on=TODAY + datetime.timedelta(days=9))
    # archive version, authority, open reviews, their next deadlines, their
    # clock stops, decided reviews, the chart per year (cached until the
    # archive changes).
    with django_assert_num_queries(7):
        client.get(detail("cma"))
    for _ in range(10):
        ReviewFactory(authority=cma, status=Review.Status.PROHIBITED, decided_on=D(2025, 1, 5))
    with django_assert_num_queries(7):
        client.get(detail("cma"))


def test_the_chart_per_year_matches_a_plain_count(client, demo):
    response = client.get(detail("cma"))
    chart = response.context["chart"]
    cma = Review.objects.filter(authority__slug="cma")
    labels = dict(Review.Status.choices)
    expected = {}
    for review in cma:
        on = review.decided_on or review.opened_on
        if on:
            key = (str(on.year), str(labels[review.status]))
            expected[key] = expected.get(key, 0) + 1
    headers = [str(h) for h in chart.table.headers]
    drawn = {
        (str(row[0]), header): n
        for row in chart.table.rows
        for header, n in zip(headers[1:-1], row[1:-1], strict=True)
        if n
    }
    assert drawn == expected
    assert len(chart.rects) == len(expected)  # one bar piece per year and outcome
    html = response.content.decode()
    assert 'id="authority-years"' in html and "The figures as a table" in html


def test_the_chart_is_counted_once_per_archive_version(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cma = AuthorityFactory(slug="cma")
    ReviewFactory(
        authority=cma,
        status=Review.Status.CLEARED,
        opened_on=D(2020, 10, 1),
        decided_on=D(2021, 3, 1),
    )
    ReviewFactory(authority=cma, status=Review.Status.IN_DEPTH, opened_on=None, decided_on=None)

    def per_year(queries):
        return [q for q in queries.captured_queries if "EXTRACT" in q["sql"].upper()
                or "django_date_extract" in q["sql"]]  # fmt: skip

    with CaptureQueriesContext(connection) as first:
        html = html_of(client.get(detail("cma")))
    assert len(per_year(first)) == 1
    assert "1 review without any date is not counted." in html
    with CaptureQueriesContext(connection) as again:
        html_of(client.get(detail("cma"), {"unused": "1"}))
    assert len(again) > 1 and not per_year(again)  # rendered again, the chart kept


def test_an_unknown_authority_is_a_404(client):
    assert client.get(detail("nobody")).status_code == 404


def test_the_page_in_french(client, demo):
    with translation.override("fr"):
        url = detail("cma")
    page = html_of(client.get(url))
    assert "Décisions, par issue" in page and "Interdite" in page
    # The curators' English is marked as such on the French page.
    assert '<a href="/fr/deals/microsoft-activision-blizzard/" lang="en">' in page


def test_the_feed_lists_its_reviews_newest_first(client, demo):
    response = client.get(reverse("articles:feed_authority", args=["cma"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "dealwatch: reviews by CMA" in body
    assert body.index("Cleared") < body.index("Prohibited")  # October before April 2023
    assert "#review-" in body


def test_the_calendar_holds_the_deadlines_it_set_or_of_its_reviews(client):
    cfius = AuthorityFactory(slug="cfius", short_name="CFIUS", jurisdiction="US")
    review = ReviewFactory(authority=cfius)
    soon = TODAY + datetime.timedelta(days=5)
    of_review = DeadlineFactory(deal=review.deal, review=review, due_on=soon)
    set_by = DeadlineFactory(authority=cfius, due_on=soon)
    DeadlineFactory(due_on=soon)  # someone else's
    response = client.get(reverse("articles:calendar_authority", args=["cfius"]))
    assert response.status_code == 200
    uids = {str(event["UID"]) for event in Calendar.from_ical(response.content).walk("VEVENT")}
    assert uids == {f"deadline-{of_review.pk}@dealwatch", f"deadline-{set_by.pk}@dealwatch"}


# /deals/ filtered by review


def test_deals_reviewed_by_an_authority(client, demo):
    page = html_of(client.get(DEALS, {"authority": "cma"}))
    for title in ["Microsoft acquires Activision", "Nvidia", "Adobe"]:
        assert title in page
    assert "Kroger" not in page and "TikTok" not in page


def test_deals_by_review_status_take_several(client, demo):
    response = client.get(DEALS, {"review": ["cleared_with_remedies", "prohibited"]})
    titles = {deal.title for deal in response.context["object_list"]}
    assert titles == {
        "Microsoft acquires Activision Blizzard",
        "Broadcom's hostile bid for Qualcomm",
        "Kroger's merger with Albertsons",
    }


def test_deals_reviewed_in_a_jurisdiction(client, demo):
    response = client.get(DEALS, {"jurisdiction": "EU"})
    titles = {deal.title for deal in response.context["object_list"]}
    assert titles == {
        "Microsoft acquires Activision Blizzard",
        "Nvidia's purchase of Arm from SoftBank",
        "Adobe's takeover of Figma",
    }


@pytest.mark.parametrize(
    "query, message",
    [
        ({"authority": "nobody"}, "Nothing in the archive has the identifier"),
        ({"jurisdiction": "ZZ"}, "is not a jurisdiction"),
    ],
)
def test_bad_review_filters_are_explained(client, demo, query, message):
    page = html_of(client.get(DEALS, query))
    assert message in page


def test_an_unknown_review_status_is_left_out_and_said_so(client, demo):
    response = client.get(DEALS, {"review": ["prohibited", "sunk"]})
    assert response.status_code == 302
    assert "ignored=review" in response["Location"] and "sunk" not in response["Location"]


def test_review_facets_count_deals_with_the_other_filters_kept(client, demo):
    response = client.get(DEALS, {"jurisdiction": "EU"})
    facets = response.context["facets"]
    review = {choice["value"]: choice["count"] for choice in facets["review"]}
    # Activision (cleared with remedies, prohibited, cleared, withdrawn),
    # Arm and Figma (abandoned): deals, once each.
    assert review["abandoned"] == 2 and review["prohibited"] == 1
    authority = {choice["value"]: choice["count"] for choice in facets["authority"]}
    assert authority["cma"] == 3 and authority["dg-comp"] == 3 and authority["cfius"] == 0
    jurisdiction = {choice["value"]: choice["count"] for choice in facets["jurisdiction"]}
    # The jurisdiction facet sets its own choice aside: every reviewed deal.
    assert jurisdiction["EU"] == 3 and jurisdiction["US"] == 5


def test_review_facets_stay_uncounted_past_their_bound(client, demo, monkeypatch):
    from articles import counting

    monkeypatch.setattr(counting, "REVIEW_ROWS", 3)
    response = client.get(DEALS)
    assert not response.context["review_facets_counted"]
    assert all(choice["count"] is None for choice in response.context["facets"]["review"])
    assert "Too many deals or reviews to count" in response.content.decode()


def test_as_of_a_date_a_list_longer_than_the_bound_is_not_read_for_reviews(
    client, demo, monkeypatch
):
    from articles import counting

    # The bound is never reached by the reviews: every one of them is read.
    bound = Review.objects.count()
    monkeypatch.setattr(counting, "REVIEW_ROWS", bound)
    response = client.get(DEALS, {"as_of": "2023-06-01"})
    assert response.context["paginator"].count > bound
    assert not response.context["review_facets_counted"]
    assert "Too many deals or reviews to count" in response.content.decode()
    # A list that short is read, and its review statuses then counted.
    short = client.get(DEALS, {"as_of": "2023-06-01", "authority": "cma"})
    assert short.context["paginator"].count <= bound and short.context["review_facets_counted"]
    review = {c["value"]: c["count"] for c in short.context["facets"]["review"]}
    assert review["prohibited"] == 1


def test_the_feed_and_exports_take_the_review_filters(client, demo):
    feed = client.get(reverse("articles:feed_deals"), {"authority": "cfius"})
    assert feed.status_code == 200
    assert "TikTok" in feed.content.decode() and "Figma" not in feed.content.decode()
    bad = client.get(reverse("articles:feed_deals"), {"jurisdiction": "XX"})
    assert bad.status_code == 400 and "jurisdiction" in bad.content.decode()
    export = client.get(reverse("articles:export_deals_csv"), {"review": "prohibited"})
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "broadcom-qualcomm" in body and "adobe-figma" not in body


def test_a_filtered_deal_list_links_back_to_the_authority_by_name(client, demo):
    page = html_of(client.get(DEALS, {"authority": "cma"}))
    assert "Reviewed by" in page and "Competition and Markets Authority (CMA)" in page


def test_the_deal_page_shows_its_reviews(client, demo):
    deal = DealFactory()
    page = html_of(
        client.get(reverse("articles:deal_detail", args=["microsoft-activision-blizzard"]))
    )
    assert "Regulatory reviews" in page
    assert "M.10646" in page and 'href="/authorities/cma/"' in page
    assert "Cleared with remedies" in page and "Review opened" in page
    assert deal.title not in page
