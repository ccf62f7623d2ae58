"""The small things a reader notices: the icon."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_the_site_icon_answers_at_the_root_without_a_redirect(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    icon = b"".join(response.streaming_content)
    assert icon[:4] == b"\x00\x00\x01\x00"  # an ICO file, holding one image
    assert b"\x89PNG" in icon


@pytest.mark.django_db
def test_every_page_links_both_icons(client):
    html = client.get(reverse("articles:home")).content.decode()
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html
    assert 'type="image/svg+xml"' in html
