"""The curators' worklist on the admin's index: each item counts what needs
attention and links to the admin list of exactly those records."""

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import Permission, User
from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    BidFactory,
    CompanyFactory,
    DeadlineFactory,
    DealFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(db):
    today = timezone.localdate()
    covered, bare, other_bare = DealFactory(), DealFactory(), DealFactory()
    ArticleFactory(deals=[covered])
    ArticleFactory(deals=[])
    DeadlineFactory(deal=covered, status="pending", due_on=today - datetime.timedelta(days=3))
    DeadlineFactory(deal=covered, status="pending", due_on=today - datetime.timedelta(days=1))
    DeadlineFactory(deal=covered, status="met", due_on=today - datetime.timedelta(days=9))
    DeadlineFactory(deal=covered, status="pending", due_on=today + datetime.timedelta(days=2))
    BidFactory(deal=bare, submitted_on=None)
    BidFactory(deal=other_bare, submitted_on=datetime.date(2020, 8, 27))
    CompanyFactory(name="TikTok")
    CompanyFactory(name="TIKTOK")
    CompanyFactory(name="Oracle")


EXPECTED = {
    "Deadlines passed but still pending": 2,
    "Deals with no article": 2,
    "Bids with no date": 1,
    "Articles linked to no deal": 1,
    "Companies that look like duplicates": 2,
}


def worklist(page: str) -> dict[str, tuple[str, int]]:
    module = page[page.index('id="worklist-module"') :]
    module = module[: module.index("</table>")]
    rows = re.findall(r'<a href="([^"]+)">([^<]+)</a></th>\s*<td>(\d+)</td>', module)
    return {label: (unescape(url), int(count)) for url, label, count in rows}


def test_the_worklist_counts_what_needs_attention(curator_client, archive):
    found = worklist(curator_client.get("/admin/").content.decode())
    assert {label: count for label, (_url, count) in found.items()} == EXPECTED


@pytest.mark.parametrize("label", EXPECTED)
def test_each_item_links_to_the_list_of_what_it_counted(curator_client, archive, label):
    url, count = worklist(curator_client.get("/admin/").content.decode())[label]

    response = curator_client.get(url)

    assert response.status_code == 200
    assert response.context["cl"].result_count == count


def test_a_curator_sees_only_the_items_they_may_see(client, archive):
    user = User.objects.create_user("reader", password="not-used", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_bid"))
    client.force_login(user)

    found = worklist(client.get("/admin/").content.decode())

    assert list(found) == ["Bids with no date"]
