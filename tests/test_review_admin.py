"""Curating authorities and reviews: reviews inline on the deal's page, clock
stops on each review's own page, authorities picked by typing, history and
edit conflicts as for every curated record."""

import datetime
import re

import pytest
from django.urls import reverse

from articles.models import Authority, Deal, Review
from tests.admin_forms import form_data
from tests.factories import AuthorityFactory, DeadlineFactory, DealFactory, ReviewFactory
from tests.test_admin import management_form

pytestmark = pytest.mark.django_db

D = datetime.date


def admin_url(model: str, view: str, *args) -> str:
    return reverse(f"admin:articles_{model}_{view}", args=args)


@pytest.fixture
def cma(db):
    return AuthorityFactory(
        name="Competition and Markets Authority", short_name="CMA", slug="cma", jurisdiction="GB"
    )


@pytest.mark.parametrize("model", ["authority", "review"])
@pytest.mark.parametrize("view", ["changelist", "add"])
def test_the_pages_render_for_a_curator(curator_client, cma, model, view):
    ReviewFactory(authority=cma)
    response = curator_client.get(admin_url(model, view))
    assert response.status_code == 200
    assert "Competition and Markets Authority" in response.content.decode() or view == "add"


def test_the_authority_list_filters_by_kind_and_jurisdiction(curator_client, cma):
    AuthorityFactory(name="European Commission", jurisdiction="EU")
    page = curator_client.get(admin_url("authority", "changelist")).content.decode()
    assert "By kind" in page
    assert "By jurisdiction" in page

    filtered = curator_client.get(admin_url("authority", "changelist"), {"jurisdiction": "EU"})
    assert "European Commission" in filtered.content.decode()
    assert "Competition and Markets Authority" not in filtered.content.decode()


def test_authorities_are_picked_by_typing_their_short_name(curator_client, cma):
    response = curator_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "review", "field_name": "authority", "term": "cma"},
    )
    assert [result["id"] for result in response.json()["results"]] == [str(cma.pk)]


def test_the_deal_page_picks_authorities_by_typing_and_offers_to_add_one(curator_client):
    page = curator_client.get(admin_url("deal", "add")).content.decode()
    for field in ["reviews-__prefix__-authority", "deadlines-__prefix__-authority"]:
        tag = re.search(rf'<select[^>]*name="{re.escape(field)}"[^>]*>', page).group(0)
        assert "admin-autocomplete" in tag, field
        assert f'id="add_id_{field}"' in page


def test_the_deal_page_saves_a_review_inline(curator_client, cma):
    deal = DealFactory()
    url = admin_url("deal", "change", deal.pk)
    page = curator_client.get(url).content.decode()
    data = form_data(
        page,
        **management_form(page, "reviews", 1),
        **{
            "reviews-0-authority": str(cma.pk),
            "reviews-0-case_reference": "",
            "reviews-0-kind": Review.Kind.MERGER_CONTROL,
            "reviews-0-phase": Review.Phase.PHASE_2,
            "reviews-0-status": Review.Status.PROHIBITED,
            "reviews-0-opened_on": "6 July 2022",
            "reviews-0-decided_on": "2023-04-26",
            "reviews-0-remedies": "",
            "reviews-0-note": "Blocked over cloud gaming.",
        },
    )
    response = curator_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    review = deal.reviews.get()
    assert (review.authority, review.status) == (cma, Review.Status.PROHIBITED)
    assert (review.opened_on, review.decided_on) == (D(2022, 7, 6), D(2023, 4, 26))
    assert review.history.get().history_user.username == "ada"


def test_an_inline_review_decided_without_a_date_is_refused_with_a_message(curator_client, cma):
    deal = DealFactory()
    url = admin_url("deal", "change", deal.pk)
    page = curator_client.get(url).content.decode()
    data = form_data(
        page,
        **management_form(page, "reviews", 1),
        **{
            "reviews-0-authority": str(cma.pk),
            "reviews-0-kind": Review.Kind.MERGER_CONTROL,
            "reviews-0-phase": Review.Phase.PHASE_1,
            "reviews-0-status": Review.Status.CLEARED,
        },
    )
    response = curator_client.post(url, data)
    assert response.status_code == 200
    assert "Give the date of the decision." in response.content.decode()
    assert not Review.objects.exists()


def test_an_ambiguous_review_date_is_refused(curator_client, cma):
    review = ReviewFactory(authority=cma)
    url = admin_url("review", "change", review.pk)
    page = curator_client.get(url).content.decode()
    response = curator_client.post(url, form_data(page, opened_on="02/03/2024"))
    assert response.status_code == 200
    assert Review.objects.get().opened_on == D(2024, 2, 1)


def test_the_review_page_records_clock_stops(curator_client, cma):
    review = ReviewFactory(authority=cma)
    url = admin_url("review", "change", review.pk)
    page = curator_client.get(url).content.decode()
    data = form_data(
        page,
        **management_form(page, "suspensions", 1),
        **{"suspensions-0-stopped_on": "2024-03-01", "suspensions-0-restarted_on": "2024-03-20"},
    )
    response = curator_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert [s.as_pair() for s in review.suspensions.all()] == [(D(2024, 3, 1), D(2024, 3, 20))]


def test_a_review_save_is_refused_when_its_deal_changed_meanwhile(curator_client, cma):
    review = ReviewFactory(authority=cma)
    url = admin_url("review", "change", review.pk)
    page = curator_client.get(url).content.decode()
    DeadlineFactory(deal=review.deal)  # another curator adds a deadline to the deal
    response = curator_client.post(url, form_data(page, note="Mine"))
    assert response.status_code == 200
    assert "after you opened this page" in response.content.decode()
    assert Review.objects.get().note == ""


def test_a_deadline_points_to_its_review_and_authority(curator_client, cma):
    review = ReviewFactory(authority=cma)
    DealFactory()  # another deal's review is not offered
    other = ReviewFactory()
    deadline = DeadlineFactory(deal=review.deal)
    url = admin_url("deal", "change", review.deal.pk)
    page = curator_client.get(url).content.decode()
    select = re.search(r'<select[^>]*name="deadlines-0-review".*?</select>', page, re.S).group(0)
    assert f'value="{review.pk}"' in select
    assert f'value="{other.pk}"' not in select
    data = form_data(
        page, **{"deadlines-0-review": str(review.pk), "deadlines-0-authority": str(cma.pk)}
    )
    response = curator_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    deadline.refresh_from_db()
    assert (deadline.review, deadline.authority) == (review, cma)


def test_the_change_logs_of_reviews_and_authorities_render(curator_client, cma):
    ReviewFactory(authority=cma)
    for model in ["historicalreview", "historicalauthority"]:
        response = curator_client.get(admin_url(model, "changelist"), {"q": "CMA"})
        assert response.status_code == 200
        assert "Competition and Markets Authority" in response.content.decode()


def test_the_curators_group_may_curate_reviews(curator):
    for codename in ["add_review", "change_authority", "delete_reviewsuspension"]:
        assert curator.has_perm(f"articles.{codename}")


def test_the_deal_admin_still_saves_without_reviews(curator_client):
    deal = DealFactory(title="Plain")
    url = admin_url("deal", "change", deal.pk)
    page = curator_client.get(url).content.decode()
    response = curator_client.post(url, form_data(page, title="Plainer"))
    assert response.status_code == 302
    assert Deal.objects.get().title == "Plainer"
    assert Authority.objects.count() == 0
