"""The Content Security Policy holds in a real browser: no page of the public
site or of the admin (a deal's change page, with its inlines, pickers and
history) does anything the policy blocks. Chromium reports each violation
as a `securitypolicyviolation` event and a console error; both are watched."""

import re

import pytest

from articles.models import Article, Company, Deal

pytestmark = pytest.mark.django_db(transaction=True)

# Installed before any page script runs (Playwright's init scripts are not
# subject to the page's policy).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def watched(page):
    """The page, recording CSP violations from events and from the console."""
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(RECORD_VIOLATIONS)

    def violations() -> list[str]:
        return page.evaluate("window.__violations") + console

    page.violations = violations
    return page


def public_paths() -> list[str]:
    deal = Deal.objects.get(slug="tiktok-us-operations")
    company = Company.objects.get(slug="microsoft")
    article = Article.objects.filter(deals=deal).first()
    return [
        "/",
        "/deals/",
        "/deals/?buyer=microsoft&status=rejected",
        deal.get_absolute_url(),
        "/companies/",
        company.get_absolute_url(),
        "/articles/",
        article.get_absolute_url(),
        "/deadlines/",
        "/search/?q=tiktok",
        "/use-the-api/",
        "/fr/deals/",
        "/no-such-page/",
    ]


def test_public_pages_keep_to_the_policy(watched, live_server, demo_archive):
    for path in public_paths():
        response = watched.goto(f"{live_server.url}{path}")
        assert "default-src 'self'" in response.headers["content-security-policy"]
        watched.wait_for_load_state("networkidle")
        assert watched.violations() == [], path


def test_company_suggestions_script_runs_under_the_policy(watched, live_server, demo_archive):
    watched.goto(f"{live_server.url}/deals/")
    watched.get_by_label("Buyer").press_sequentially("Wal", delay=50)
    watched.locator("#company-suggestions option[value='Walmart']").wait_for(state="attached")
    assert watched.violations() == []


def test_admin_deal_pages_keep_to_the_policy(watched, admin_page, live_server, demo_archive):
    # watched is admin_page, with its policy listeners attached before the login.
    deal = Deal.objects.get(slug="tiktok-us-operations")

    for path in [
        "/admin/",
        "/admin/articles/deal/",
        f"/admin/articles/deal/{deal.pk}/change/",
        f"/admin/articles/deal/{deal.pk}/history/",
        "/admin/articles/article/add/",
    ]:
        watched.goto(f"{live_server.url}{path}")
        watched.wait_for_load_state("networkidle")
        assert watched.violations() == [], path

    # The change page's scripts at work: add a bid inline, fill a date from its shortcut.
    watched.goto(f"{live_server.url}/admin/articles/deal/{deal.pk}/change/")
    # The admin script draws it as a link with role="button".
    watched.get_by_role("button", name=re.compile("Add another bid", re.IGNORECASE)).click()
    watched.locator("#id_closed_on").fill("")
    watched.locator("#id_closed_on + .datetimeshortcuts a").first.click()  # "Today"
    assert watched.locator("#id_closed_on").input_value() != ""
    assert watched.locator("#bids-group .inline-related:not(.empty-form)").count() >= 1
    assert watched.violations() == []


def test_api_documentation_keeps_to_the_policy(watched, live_server, demo_archive, screenshot):
    """Swagger UI, its files served by the site, reads the schema and shows
    every operation; it can call one, all without an inline script or style."""
    response = watched.goto(f"{live_server.url}/api/v1/docs/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    watched.get_by_text("/api/v1/deals/", exact=True).first.wait_for()
    assert watched.locator(".opblock").count() == 24
    watched.get_by_text("/api/v1/deals/", exact=True).first.click()
    watched.get_by_role("button", name="Try it out").click()
    watched.get_by_role("button", name="Execute").click()
    status = watched.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    screenshot("api-docs")
    assert watched.violations() == []
