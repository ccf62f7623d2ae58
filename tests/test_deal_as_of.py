"""A deal as it stood on a date (issue 16): the TikTok case on three days,
the steps between dated events, and dates the page cannot show."""

import datetime
import re

import pytest
from django.urls import reverse

from articles.models import Deal, Review
from tests.factories import AuthorityFactory, ReviewFactory

TIKTOK = reverse("articles:deal_detail", kwargs={"slug": "tiktok-us-operations"})


def section(html: str, heading_id: str) -> str:
    """The text of one section of the page, tags left out."""
    match = re.search(rf'id="{heading_id}".*?</section>', html, re.S)
    assert match, heading_id
    return text(match.group(0))


def text(html: str) -> str:
    """What a reader reads: tags out, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" :", ":")


def past(client, day: str) -> str:
    response = client.get(TIKTOK, {"as_of": day})
    assert response.status_code == 200
    html = response.content.decode()
    assert "A past view: this deal as it stood on" in html
    return html


@pytest.mark.django_db
def test_on_1_september_2020_two_bids_were_pending_and_the_deadline_ahead(client, demo):
    html = past(client, "2020-09-01")
    assert "Status then: Announced" in text(html)
    bids = section(html, "bids-heading")
    assert "Microsoft &amp; Walmart (joint bid): Submitted" in bids
    assert "Oracle: Rumoured" in bids
    assert "Rejected" not in bids and "Accepted" not in bids
    deadlines = section(html, "deadlines-heading")
    assert "Sell to an American company or see TikTok banned in the US" in deadlines
    assert "ahead" in deadlines and "passed" not in deadlines
    # Set on 13 November: not yet known.
    assert "first extension" not in deadlines
    # The article of 14 September had not been published.
    assert "Microsoft écarté du rachat de TikTok" not in html
    # CFIUS's review was under way, since a date not recorded.
    reviews = section(html, "reviews-heading")
    assert "CFIUS, foreign investment" in reviews
    assert "not known" in reviews and "Abandoned" not in reviews
    assert "When this review was opened is not recorded." in reviews


@pytest.mark.django_db
def test_on_14_september_2020_the_joint_bid_was_rejected_and_oracle_chosen(client, demo):
    html = past(client, "2020-09-14")
    bids = section(html, "bids-heading")
    assert "Microsoft &amp; Walmart (joint bid): Rejected" in bids
    assert "Oracle: Accepted" in bids
    assert "Microsoft écarté du rachat de TikTok" in section(html, "timeline-heading")
    assert "Status then: Announced" in text(html)
    reviews = section(html, "reviews-heading")
    assert "CFIUS" in reviews and "Abandoned" not in reviews


@pytest.mark.django_db
def test_on_1_march_2021_the_deal_was_abandoned(client, demo):
    html = past(client, "2021-03-01")
    assert "Status then: Abandoned" in text(html)
    assert "passed" in section(html, "deadlines-heading")
    assert "CFIUS, foreign investment or national security: Abandoned with the deal" in section(
        html, "reviews-heading"
    )


@pytest.mark.django_db
def test_a_past_view_steps_to_the_previous_and_next_dated_events(client, demo):
    html = past(client, "2020-09-01")
    assert 'href="?as_of=2020-08-27" rel="prev"' in html  # the joint bid
    assert 'href="?as_of=2020-09-13" rel="next"' in html  # its rejection
    assert f'href="{TIKTOK}"' in html  # today's view


@pytest.mark.django_db
def test_today_view_offers_the_past_view(client, demo):
    html = client.get(TIKTOK).content.decode()
    assert 'name="as_of"' in html
    # An empty box asks for no date: today's view, no complaint.
    html = client.get(TIKTOK, {"as_of": ""}).content.decode()
    assert "A past view" not in html and "cannot be shown" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("yesterday", "Give a date as YYYY-MM-DD"),
        ("2020-02-30", "Give a date as YYYY-MM-DD"),
        ("1899-12-31", "Give a date between 1900-01-01 and today."),
        ("2999-01-01", "Give a date between 1900-01-01 and today."),
        ("2020-01-01", "Nothing is recorded of this deal before 2020-08-03"),
        ("\x00", "Give a date as YYYY-MM-DD"),
    ],
)
def test_a_date_the_page_cannot_show_is_said_so(client, demo, value, message):
    response = client.get(TIKTOK, {"as_of": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "This deal cannot be shown as it stood on that date" in html
    assert message in html
    assert "A past view" not in html


@pytest.mark.django_db
def test_an_unknown_date_is_said_so(client, demo):
    """A status changed on a date not recorded: the page cannot tell."""
    from articles.status_history import StatusChange

    deal = Deal.objects.get(slug="adobe-figma")
    html = client.get(deal.get_absolute_url(), {"as_of": "2023-01-01"}).content.decode()
    assert "Status then: Announced" in text(html)
    deal.status = Deal.Status.PENDING_APPROVAL
    deal.status_change = StatusChange(on=None)
    deal.save()
    deal.status = Deal.Status.ABANDONED
    deal.status_change = StatusChange(on=None)
    deal.save()
    html = client.get(deal.get_absolute_url(), {"as_of": "2023-12-20"}).content.decode()
    assert "Its status on this date is not known" in html


@pytest.mark.django_db
def test_past_views_are_kept_apart_in_the_cache(client, demo):
    first = past(client, "2020-09-01")
    second = past(client, "2021-03-01")
    assert first != second
    assert past(client, "2020-09-01") == first


@pytest.mark.django_db
def test_a_past_view_reads_a_fixed_number_of_queries(client, demo, django_assert_num_queries):
    # version, deal, bids, bidders, deadlines, reviews, their deadlines,
    # their clock stops, articles, deal periods, bid periods, review periods,
    # deadlines' first sources
    with django_assert_num_queries(13):
        client.get(TIKTOK, {"as_of": "2020-09-14"})


@pytest.mark.django_db
def test_a_deadline_whose_setting_is_not_dated_is_listed_with_a_caveat(client, demo):
    url = reverse("articles:deal_detail", kwargs={"slug": "microsoft-activision-blizzard"})
    html = client.get(url, {"as_of": "2022-06-01"}).content.decode()
    deadlines = section(html, "deadlines-heading")
    assert "Outside date of the merger agreement" in deadlines
    assert "When it was set is not recorded" in deadlines
    assert "Microsoft: Submitted" in section(html, "bids-heading")


ACTIVISION = reverse("articles:deal_detail", kwargs={"slug": "microsoft-activision-blizzard"})


@pytest.mark.django_db
def test_on_1_march_2023_the_cma_was_still_reviewing_activision(client, demo):
    html = client.get(ACTIVISION, {"as_of": "2023-03-01"}).content.decode()
    reviews = section(html, "reviews-heading")
    # Decided on 26 April: under review then, its phase of today not claimed.
    assert "CMA, merger control: Under review" in reviews
    assert "Prohibited" not in reviews and "phase:" not in reviews


@pytest.mark.django_db
def test_on_1_may_2023_the_cma_had_prohibited_activision(client, demo):
    html = client.get(ACTIVISION, {"as_of": "2023-05-01"}).content.decode()
    reviews = section(html, "reviews-heading")
    assert "CMA, merger control: Prohibited phase: Phase 2 (in depth)" in reviews
    # The EC's clearance (15 May) had not come.
    assert "Cleared with remedies" not in reviews


@pytest.mark.django_db
def test_a_review_opened_later_is_absent(client, demo):
    html = client.get(ACTIVISION, {"as_of": "2022-06-01"}).content.decode()
    # The CMA opened its review on 6 July 2022.
    assert "CMA, merger control: Under review" not in section(html, "reviews-heading")


@pytest.mark.django_db
def test_the_steps_between_events_include_review_decisions(client, demo):
    html = client.get(ACTIVISION, {"as_of": "2023-04-20"}).content.decode()
    assert 'href="?as_of=2023-04-26" rel="next"' in html  # the CMA's prohibition


@pytest.mark.django_db
def test_the_in_depth_phase_is_an_event_of_its_own(client, demo):
    # The CMA took Activision to phase 2 on 1 September 2022.
    html = client.get(ACTIVISION).content.decode()
    assert "Phase 2 (in depth) began" in html and "Phase 2 (in depth) from" in html
    html = client.get(ACTIVISION, {"as_of": "2022-08-20"}).content.decode()
    assert 'href="?as_of=2022-09-01" rel="next"' in html


@pytest.mark.django_db
def test_an_open_review_shows_its_phase_only_once_it_had_begun(client):
    review = ReviewFactory(
        authority=AuthorityFactory(short_name="CMA"),
        phase=Review.Phase.PHASE_2,
        opened_on=datetime.date(2024, 1, 10),
        phase_started_on=datetime.date(2024, 3, 1),
    )
    page = reverse("articles:deal_detail", kwargs={"slug": review.deal.slug})
    before = section(client.get(page, {"as_of": "2024-02-01"}).content.decode(), "reviews-heading")
    after = section(client.get(page, {"as_of": "2024-04-01"}).content.decode(), "reviews-heading")
    assert "Under review" in before and "Phase 2" not in before
    assert "Under review phase: Phase 2 (in depth)" in after


@pytest.mark.django_db
def test_a_past_view_points_search_engines_to_todays_page(client, demo):
    html = past(client, "2020-09-01")
    assert '<meta name="robots" content="noindex">' in html
    # An absolute address: search engines ignore a relative canonical one.
    assert f'<link rel="canonical" href="http://testserver{TIKTOK}">' in html
