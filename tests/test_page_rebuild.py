"""After a save, the pages read most are made again in the background before
anyone asks (issue 15), through Django's tasks framework: the immediate
backend in these tests, as the background worker would."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import freshness, page_rebuild
from articles.models import Deal
from tests.factories import BidFactory, CompanyFactory, DealFactory

TIKTOK = "tiktok-us-operations"


@pytest.mark.django_db
def test_the_pages_made_again_are_the_deal_its_parties_and_the_lists_in_each_language(demo):
    deal = Deal.objects.get(slug=TIKTOK)
    paths = page_rebuild.pages_after_saving([deal.pk])
    for prefix in ("", "/fr"):
        assert f"{prefix}/" in paths and f"{prefix}/deals/" in paths
        assert f"{prefix}/deals/{TIKTOK}/" in paths
        for party in ("bytedance", "microsoft", "walmart", "oracle"):
            assert f"{prefix}/companies/{party}/" in paths, party


@pytest.mark.django_db
def test_a_save_has_its_pages_made_before_anyone_asks(client, django_capture_on_commit_callbacks):
    buyer = CompanyFactory(slug="acme")
    deal = DealFactory(slug="acme-buys", title="Acme buys Widgets")
    BidFactory(deal=deal, bidders=[buyer])
    pages = ["/", "/fr/", "/deals/", "/fr/deals/", "/deals/acme-buys/", "/companies/acme/"]
    for page in pages:
        client.get(page)  # kept before the save
    with django_capture_on_commit_callbacks(execute=True):
        deal.title = "Acme buys Gadgets"
        deal.save()
    for page in pages:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page)
        # Kept already: the version read alone, and the new title.
        assert response["Server-Timing"] == freshness.KEPT_TIMING, page
        assert len(queries) == 1, page
        assert "Acme buys Gadgets" in response.content.decode(), page


@pytest.mark.django_db
def test_until_the_worker_makes_them_readers_get_the_pages_from_before(
    client, settings, django_capture_on_commit_callbacks, monkeypatch
):
    # A worker that has not run yet: the task is queued, not run.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    deal = DealFactory(slug="slow", title="Before the save")
    client.get("/deals/slow/")
    with django_capture_on_commit_callbacks(execute=True):
        deal.title = "After the save"
        deal.save()
    response = client.get("/deals/slow/")
    assert response["Server-Timing"] == freshness.STALE_TIMING
    assert "Before the save" in response.content.decode()
    # The turn lapses with STALE_SECONDS (or the change is older than that):
    # the reader makes the page itself.
    monkeypatch.setattr(freshness, "changed_within", lambda seconds: False)
    monkeypatch.setattr(freshness, "REBUILD_WAIT_SECONDS", 0.05)
    response = client.get(reverse("articles:deal_detail", args=["slow"]))
    assert "After the save" in response.content.decode()
    assert "Server-Timing" not in response


@pytest.mark.django_db
def test_a_transaction_queues_each_deal_and_the_lists_once(
    django_capture_on_commit_callbacks, monkeypatch
):
    queued: list[list[str]] = []
    monkeypatch.setattr(page_rebuild, "queue", queued.append)
    monkeypatch.setattr(page_rebuild, "MOST_DEALS", 2)
    with django_capture_on_commit_callbacks(execute=True):
        deals = [DealFactory(slug=f"d{n}") for n in range(3)]
        deals[0].save()  # saved twice
    paths = [path for batch in queued for path in batch]
    assert sorted(p for p in paths if p in {"/", "/deals/", "/fr/", "/fr/deals/"}) == [
        "/", "/deals/", "/fr/", "/fr/deals/"
    ]  # fmt: skip
    # The first two deals' pages, once each; the third's past MOST_DEALS.
    assert [p for p in paths if p.startswith("/deals/d")] == ["/deals/d0/", "/deals/d1/"]
