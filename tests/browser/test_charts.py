"""The pages with charts, and the other new pages, looked at in a browser at
a phone's and a desktop's width: nothing wider than the screen, no console
error, no CSP violation, each chart drawn; full-page screenshots are kept
under test-artifacts/."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"phone": 390, "desktop": 1280}
PAGES = {
    "deal": ("/deals/tiktok-us-operations/", ["deal-track"]),
    "home": ("/", ["home-years", "home-countries"]),
    "deals": ("/deals/", ["deals-years", "deals-countries", "deals-types"]),
    "deadlines": ("/deadlines/", ["deadline-months"]),
    "company": ("/companies/microsoft/", ["company-years"]),
    "deal-fr": ("/fr/deals/tiktok-us-operations/", ["deal-track"]),
    "deal-as-of": ("/deals/tiktok-us-operations/?as_of=2020-09-01", []),  # no track: a list
    "authority": ("/authorities/cma/", ["authority-years"]),
    # Pages without a chart, looked at for their width and errors all the same.
    "authorities": ("/authorities/", []),
    "authorities-fr": ("/fr/authorities/", []),
    "api-guide": ("/use-the-api/", []),
}

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page_with_its_charts_fits_the_screen(
    page, live_server, demo_archive, screenshot, name, width
):
    path, charts = PAGES[name]
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    page.goto(f"{live_server.url}{path}")
    whole = screenshot(f"charts-{name}-{width}")
    # The first screen too: what a reader sees before scrolling.
    page.screenshot(path=str(whole).replace(".png", "-top.png"))
    for chart in charts:
        svg = page.locator(f"#{chart} svg.chart-svg")
        assert svg.get_attribute("role") == "img"
        box = svg.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 40, chart
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{overflow}px wider than the screen"
    assert page.evaluate("window.__violations") == []
    assert errors == []


def test_the_figures_open_from_the_keyboard(page, live_server, demo_archive):
    page.goto(f"{live_server.url}/deals/tiktok-us-operations/")
    summary = page.locator("#deal-track summary")
    summary.focus()
    page.keyboard.press("Enter")
    table = page.locator("#deal-track table")
    assert table.is_visible()
    assert "Microsoft & Walmart" in table.inner_text()
