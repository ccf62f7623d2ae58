"""In a real browser, nothing a curator typed runs: a company named
<script>alert(1)</script> opens no dialog on any public page, nor in the admin
where its name is listed, edited and picked from the autocomplete."""

import pytest

from tests.test_hostile_input import PAGES, make_hostile_archive

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dialogs(page):
    """Every alert, confirm or prompt the page opens (none should)."""
    opened = []

    def record(dialog):
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return opened


def test_public_pages_run_nothing_a_curator_typed(page, live_server, dialogs):
    make_hostile_archive()
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        # Hovering the quoted attack would fire an injected onmouseover.
        page.mouse.move(200, 300)
    page.goto(f"{live_server.url}/deals/hostile/")
    assert page.get_by_text("Evil <script>alert(1)</script>").first.is_visible()
    assert dialogs == []


def test_the_admin_runs_nothing_a_curator_typed(admin_page, live_server, dialogs):
    page = admin_page
    deal = make_hostile_archive()

    for path in [
        "/admin/articles/deal/",
        f"/admin/articles/deal/{deal.pk}/history/",
        "/admin/articles/historicaldeal/",
        "/admin/articles/bid/",
        "/admin/articles/article/",
    ]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")

    # The company picker lists the name from JSON: as text.
    page.goto(f"{live_server.url}/admin/articles/deal/{deal.pk}/change/")
    page.locator("#select2-id_seller-container").click()
    page.locator(".select2-search__field[aria-controls='select2-id_seller-results']").fill("Evil")
    option = page.locator(".select2-results__option", has_text="<script>alert(1)</script>")
    option.wait_for()
    assert dialogs == []
