"""Switching language in a real browser keeps the page and its filters."""

import re

import pytest
from playwright.sync_api import expect

from articles.demo import load_demo_data

pytestmark = pytest.mark.django_db(transaction=True)


def test_switch_to_french_and_back_keeping_the_filters(page, live_server, screenshot):
    load_demo_data()
    page.goto(f"{live_server.url}/deals/?buyer=microsoft&status=abandoned")
    expect(page.get_by_role("heading", name="1 deal")).to_be_visible()

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    expect(page).to_have_url(re.compile(r"/fr/deals/\?buyer=microsoft&status=abandoned$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Opérations")
    expect(page.get_by_role("heading", name="1 opération")).to_be_visible()
    expect(page.get_by_text("Abandonnée").first).to_be_visible()
    screenshot("deals-french")

    page.get_by_role("navigation", name="Langue").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/deals/\?buyer=microsoft&status=abandoned$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Deals")
