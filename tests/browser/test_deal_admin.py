"""The deal's admin page in a real browser: countries are typed, not picked
from a 249-country two-box widget on every bid, so the page stays short."""

import pytest

from articles.models import Bid, Deal

pytestmark = pytest.mark.django_db(transaction=True)

# The demo's TikTok deal (two bids, five deadlines, one review) at 1280 px
# wide: 7,679 px tall with a two-box country widget on the deal and each
# bid, 5,285 px with typed countries and the parts' fields paired on rows;
# 7,892 px once each status asks when it changed (deal and bids) and each
# deadline names its authority and review, the reviews folded.
MAX_HEIGHT = 8200


def test_the_deal_page_is_short_and_its_countries_are_typed(
    admin_page, live_server, demo_archive, screenshot
):
    deal = Deal.objects.get(slug="tiktok-us-operations")
    page = admin_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/admin/articles/deal/{deal.pk}/change/")
    page.wait_for_load_state("networkidle")

    height = page.evaluate("document.documentElement.scrollHeight")
    screenshot("deal-change-page")
    print(f"deal change page: {height} px")
    assert height <= MAX_HEIGHT
    assert page.input_value("#id_countries") == "AU, CA, NZ, US"
    bid_id = page.input_value("#id_bids-0-id")

    page.fill("#id_bids-0-countries", "United States, ca")
    with page.expect_navigation():
        page.click("input[name=_save]")
    errors = page.locator(".errorlist").all_inner_texts()
    assert "was changed successfully" in page.content(), errors
    assert [country.code for country in Bid.objects.get(pk=bid_id).countries] == ["CA", "US"]
