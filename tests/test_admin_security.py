"""Who gets into the admin, and that no curator's work is lost there: logins
are throttled and locked out, the admin is for staff only, two curators
editing one deal cannot overwrite each other, and every change is kept with
who and when, restorable from the admin."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.urls import reverse

from articles.models import Bid, Deal
from tests.admin_forms import form_data
from tests.factories import (
    PASSWORD,
    ArticleFactory,
    BidFactory,
    CompanyFactory,
    CuratorFactory,
    DealFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def log_in(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


# Logging in


def test_a_curator_logs_in(client, curator):
    response = log_in(client, "ada")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_five_wrong_passwords_lock_the_login_out_even_with_the_right_one(client, curator):
    for _ in range(4):
        response = log_in(client, "ada", "wrong")
        assert response.status_code == 200
        assert "correct username and password" in response.content.decode()

    locked = log_in(client, "ada", "wrong")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert int(locked["Retry-After"]) == 30 * 60

    with_the_right_password = log_in(client, "ada")
    assert with_the_right_password.status_code == 429
    assert client.get("/admin/").status_code == 302  # still not logged in


def test_a_lockout_is_for_that_username_only(client, curator):
    CuratorFactory(username="grace")
    for _ in range(5):
        log_in(client, "ada", "wrong")
    assert log_in(client, "grace").status_code == 302


def test_behind_our_proxy_a_lockout_is_for_the_clients_address(client, curator, settings):
    settings.PROXY_COUNT = 1
    for _ in range(5):
        client.post(LOGIN, {"username": "ada", "password": "wrong"},
                    HTTP_X_FORWARDED_FOR="203.0.113.7")  # fmt: skip
    other = client.post(LOGIN, {"username": "ada", "password": PASSWORD},
                        HTTP_X_FORWARDED_FOR="198.51.100.2")  # fmt: skip
    assert other.status_code == 302  # another reader behind the same proxy
    forged = client.post(LOGIN, {"username": "ada", "password": PASSWORD},
                         HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.7")  # fmt: skip
    assert forged.status_code == 429  # a forged first address changes nothing


def test_an_administrator_lifts_a_lockout(client, curator):
    for _ in range(5):
        log_in(client, "ada", "wrong")
    AccessAttempt.objects.all().delete()  # what `manage.py axes_reset` does
    assert log_in(client, "ada").status_code == 302


def test_a_successful_login_forgets_earlier_failures(client, curator):
    for _ in range(4):
        log_in(client, "ada", "wrong")
    assert log_in(client, "ada").status_code == 302
    client.logout()
    for _ in range(4):
        assert log_in(client, "ada", "wrong").status_code == 200
    assert log_in(client, "ada").status_code == 302


def test_the_lockout_page_speaks_french_under_fr(client, curator):
    for _ in range(5):
        response = client.post(
            "/fr/admin/login/?next=/fr/admin/", {"username": "ada", "password": "wrong"}
        )
    assert response.status_code == 429
    assert "Trop de connexions échouées" in response.content.decode()


# Staff only


def test_the_admin_asks_a_visitor_to_log_in(client):
    response = client.get("/admin/articles/deal/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_user_who_is_not_staff_cannot_log_in_to_the_admin(client):
    User.objects.create_user("reader", password=PASSWORD)
    response = log_in(client, "reader")
    assert response.status_code == 200
    assert "correct username and password for a staff account" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_staff_member_outside_the_curators_group_can_change_nothing(client):
    User.objects.create_user("intern", password=PASSWORD, is_staff=True)
    client.force_login(User.objects.get(username="intern"))
    assert client.get("/admin/articles/deal/").status_code == 403
    assert client.get("/admin/articles/deal/add/").status_code == 403


def test_curators_cannot_manage_users_or_lockouts(client, curator):
    client.force_login(curator)
    for url in [
        "/admin/auth/user/",
        "/admin/auth/group/",
        "/admin/axes/accessattempt/",
        "/admin/axes/accesslog/",
    ]:
        assert client.get(url).status_code == 403, url


# Two curators, one deal


def change_url(deal) -> str:
    return reverse("admin:articles_deal_change", args=[deal.pk])


def open_deal(client, deal) -> str:
    response = client.get(change_url(deal))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def two_curators(client, curator):
    from django.test import Client

    other = Client()
    other.force_login(CuratorFactory(username="grace"))
    client.force_login(curator)
    return client, other


def test_the_second_of_two_simultaneous_saves_is_refused(two_curators):
    ada, grace = two_curators
    deal = DealFactory(title="TikTok's US operations", summary="")
    ada_page = open_deal(ada, deal)
    grace_page = open_deal(grace, deal)

    saved = grace.post(change_url(deal), form_data(grace_page, summary="Oracle is chosen."))
    assert saved.status_code == 302

    refused = ada.post(change_url(deal), form_data(ada_page, summary="Microsoft is out."))
    assert refused.status_code == 200
    message = refused.content.decode()
    assert "grace changed this deal at" in message
    assert "Your changes were not saved" in message
    deal.refresh_from_db()
    assert deal.summary == "Oracle is chosen."

    # Opening the deal again shows grace's change; saving on top of it works.
    again = open_deal(ada, deal)
    assert "Oracle is chosen." in again
    resaved = ada.post(
        change_url(deal), form_data(again, summary="Oracle is chosen. Microsoft is out.")
    )
    assert resaved.status_code == 302
    deal.refresh_from_db()
    assert deal.summary == "Oracle is chosen. Microsoft is out."


def test_a_bid_changed_on_its_own_page_is_not_overwritten_from_the_deal_page(two_curators):
    ada, grace = two_curators
    deal = DealFactory()
    bid = BidFactory(deal=deal, bidders=[CompanyFactory()], status=Bid.Status.SUBMITTED)
    ada_page = open_deal(ada, deal)  # the bid is an inline here, still "submitted"

    bid_page = grace.get(reverse("admin:articles_bid_change", args=[bid.pk])).content.decode()
    saved = grace.post(
        reverse("admin:articles_bid_change", args=[bid.pk]),
        form_data(bid_page, status=Bid.Status.REJECTED, status_date_unknown="on"),
    )
    assert saved.status_code == 302

    refused = ada.post(change_url(deal), form_data(ada_page, summary="Still in the running."))
    assert refused.status_code == 200
    assert "grace changed this deal at" in refused.content.decode()
    bid.refresh_from_db()
    assert bid.status == Bid.Status.REJECTED


def test_a_bid_page_opened_before_the_deal_page_saved_is_refused(two_curators):
    ada, grace = two_curators
    deal = DealFactory()
    bid = BidFactory(deal=deal, bidders=[CompanyFactory()], status=Bid.Status.SUBMITTED)
    bid_url = reverse("admin:articles_bid_change", args=[bid.pk])
    ada_bid_page = ada.get(bid_url).content.decode()  # ada opens the bid's own page

    # grace records on the deal's page, in the bid's inline, that it was rejected.
    deal_page = open_deal(grace, deal)
    assert grace.post(
        change_url(deal),
        form_data(
            deal_page,
            **{"bids-0-status": Bid.Status.REJECTED, "bids-0-status_date_unknown": "on"},
        ),
    ).status_code == 302  # fmt: skip

    refused = ada.post(bid_url, form_data(ada_bid_page, note="Still in the running."))
    assert refused.status_code == 200
    assert "grace changed this deal, or one of its bids, deadlines or reviews, at" in (
        refused.content.decode()
    )
    bid.refresh_from_db()
    assert bid.status == Bid.Status.REJECTED and bid.note != "Still in the running."

    # Opened again, the page saves.
    again = ada.get(bid_url).content.decode()
    assert ada.post(bid_url, form_data(again, note="Turned down.")).status_code == 302


@pytest.mark.parametrize(
    "factory, field, theirs, mine",
    [
        (CompanyFactory, "description", "Short-video app.", "Owned by ByteDance."),
        (ArticleFactory, "summary", "Oracle is chosen.", "Microsoft is out."),
        (SourceFactory, "homepage", "https://www.zdnet.fr/", "https://zdnet.fr/actualites/"),
    ],
    ids=["company", "article", "source"],
)
def test_every_curated_record_refuses_the_second_of_two_saves(
    two_curators, factory, field, theirs, mine
):
    ada, grace = two_curators
    record = factory()
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    ada_page = ada.get(url).content.decode()
    grace_page = grace.get(url).content.decode()

    assert grace.post(url, form_data(grace_page, **{field: theirs})).status_code == 302

    refused = ada.post(url, form_data(ada_page, **{field: mine}))
    assert refused.status_code == 200
    message = refused.content.decode()
    assert f"grace changed this {opts.verbose_name} at" in message
    assert "Your changes were not saved" in message
    record.refresh_from_db()
    assert getattr(record, field) == theirs

    # Opened again, the page shows grace's change and saves on top of it.
    again = ada.get(url).content.decode()
    assert theirs in again
    assert ada.post(url, form_data(again, **{field: mine})).status_code == 302
    record.refresh_from_db()
    assert getattr(record, field) == mine


def test_one_curator_saving_twice_is_no_conflict(client, curator):
    client.force_login(curator)
    deal = DealFactory()
    first = client.post(
        change_url(deal), {**form_data(open_deal(client, deal)), "_continue": "Save"}
    )
    assert first.status_code == 302
    second = client.post(change_url(deal), form_data(open_deal(client, deal), summary="Edited."))
    assert second.status_code == 302


# History


def test_every_change_is_kept_with_who_and_when(client, curator):
    client.force_login(curator)
    deal = DealFactory(summary="First version.")
    client.post(change_url(deal), form_data(open_deal(client, deal), summary="Second version."))

    history = client.get(reverse("admin:articles_deal_history", args=[deal.pk]))
    assert history.status_code == 200
    page = history.content.decode()
    assert "ada" in page
    assert "First version." in page and "Second version." in page

    latest = deal.history.first()
    assert latest.history_user == curator
    assert latest.summary == "Second version."


def test_a_curator_restores_a_past_version(client, curator):
    client.force_login(curator)
    deal = DealFactory(title="TikTok's US operations", summary="Microsoft and Walmart bid.")
    client.post(change_url(deal), form_data(open_deal(client, deal), summary="Vandalised."))
    original = deal.history.earliest()

    restore_url = reverse("admin:articles_deal_simple_history", args=[deal.pk, original.pk])
    page = client.get(restore_url)
    assert page.status_code == 200
    restored = client.post(restore_url, form_data(page.content.decode()))

    assert restored.status_code == 302
    deal.refresh_from_db()
    assert deal.summary == "Microsoft and Walmart bid."
    assert deal.history.count() == 3  # created, vandalised, restored: nothing is lost


def test_a_deleted_deal_is_found_in_the_change_log_and_brought_back(client, curator):
    client.force_login(curator)
    deal = DealFactory(title="Abandoned: a deal deleted by mistake")
    pk = deal.pk
    deal.delete()

    change_log = client.get("/admin/articles/historicaldeal/?history_type__exact=-")
    assert change_log.status_code == 200
    page = change_log.content.decode()
    assert "Abandoned: a deal deleted by mistake" in page
    restore_url = re.search(r'href="(/admin/articles/deal/\d+/history/\d+/)"', page).group(1)

    response = client.post(restore_url, form_data(client.get(restore_url).content.decode()))

    assert response.status_code == 302
    assert Deal.objects.get(pk=pk).title == "Abandoned: a deal deleted by mistake"


@pytest.mark.parametrize("model", ["source", "company", "deal", "bid", "deadline", "article"])
def test_the_change_log_of_every_record_is_read_only_for_curators(client, curator, model):
    client.force_login(curator)
    BidFactory(deal=DealFactory(), bidders=[CompanyFactory()])
    url = f"/admin/articles/historical{model}/"
    response = client.get(url, {"q": "a"})
    assert response.status_code == 200
    assert client.get(f"{url}add/").status_code == 403


def test_the_version_field_is_hidden(client, curator):
    client.force_login(curator)
    page = open_deal(client, DealFactory())
    assert re.search(r'<input type="hidden" name="version" value="[^"]+"', page)
