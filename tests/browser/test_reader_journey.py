"""A reader's journey in a real browser: find the TikTok deal by choosing
Microsoft as buyer in the form, open it, follow a link to Oracle's page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_find_tiktok_by_buyer_then_follow_oracle(page, live_server, demo_archive, screenshot):
    page.goto(f"{live_server.url}/deals/")
    page.get_by_label("Buyer").fill("Microsoft")
    page.get_by_role("button", name="Show deals").click()

    # The server resolves the name and puts the slug in a shareable URL.
    expect(page).to_have_url(re.compile(r"/deals/\?.*buyer=microsoft"))
    expect(page.get_by_role("heading", name="3 deals")).to_be_visible()
    screenshot("deal-list-buyer-microsoft")

    page.get_by_role("link", name="Forced sale of TikTok's US operations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Forced sale of TikTok's US operations"
    )
    expect(page.get_by_text("(joint bid)").first).to_be_visible()

    # In the parties, a bidder's name lists its deals; the timeline links to its page.
    # The bid accepted, the first of the timeline's links to Oracle.
    page.locator(".timeline").get_by_role("link", name="Oracle", exact=True).first.click()
    expect(page).to_have_url(f"{live_server.url}/companies/oracle/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Oracle")


def test_suggestions_appear_as_the_reader_types(page, live_server, demo_archive):
    page.goto(f"{live_server.url}/deals/")
    page.get_by_label("Buyer").press_sequentially("Wal", delay=50)
    expect(page.locator("#company-suggestions option[value='Walmart']")).to_have_count(1)


@pytest.mark.parametrize("width, name", [(390, "phone"), (1280, "desktop")])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/deals/",
        "/deals/tiktok-us-operations/",
        "/companies/",
        "/companies/microsoft/",
        "/articles/",
        "/articles/microsoft-ecarte-du-rachat-de-tiktok/",
        "/deadlines/",
    ],
)
def test_pages_fit_the_screen(page, live_server, demo_archive, screenshot, path, width, name):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{path}")
    expect(page.locator("main")).to_be_visible()
    # Nothing overflows sideways: no horizontal scrolling on a phone.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    slug = path.strip("/").replace("/", "-") or "home"
    screenshot(f"{slug}-{name}")


@pytest.mark.parametrize("width", [375, 1280])
def test_the_footer_sits_at_the_bottom_of_a_short_page(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 1200})
    page.goto(f"{live_server.url}/nope/")
    bottom = page.evaluate("document.querySelector('.site-footer').getBoundingClientRect().bottom")
    assert bottom == pytest.approx(1200, abs=1)
    # The main part still spans the page's width (a flex column shrinks it).
    main = page.evaluate("document.querySelector('main').getBoundingClientRect().width")
    assert main == pytest.approx(min(width, 72 * 16), abs=1)


@pytest.mark.parametrize("width, shown_as", [(375, "block"), (1280, "table-row")])
def test_the_deal_table_is_cards_on_a_phone(page, live_server, demo_archive, width, shown_as):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/deals/")
    row = page.locator(".deal-table tbody tr").first
    assert row.evaluate("row => getComputedStyle(row).display") == shown_as
    # Every row's cells line up: the value column starts at one x for all rows.
    if shown_as == "table-row":
        lefts = page.eval_on_selector_all(
            '.deal-table td[data-label="Value"]',
            "cells => cells.map(cell => cell.getBoundingClientRect().left)",
        )
        assert len(lefts) == 25 and len(set(lefts)) == 1  # a full page of the demo
