"""The curators group: may curate every record, may not manage users."""

import pytest
from django.contrib.auth.models import Group

CURATED = ["source", "article", "company", "deal", "bid", "deadline"]


@pytest.mark.django_db
def test_the_group_can_add_change_delete_and_view_every_curated_model():
    codenames = set(
        Group.objects.get(name="curators").permissions.values_list("codename", flat=True)
    )
    for model in CURATED:
        for action in ("add", "change", "delete", "view"):
            assert f"{action}_{model}" in codenames


@pytest.mark.django_db
def test_the_group_has_no_say_over_users_groups_or_permissions():
    apps = set(
        Group.objects.get(name="curators").permissions.values_list(
            "content_type__app_label", flat=True
        )
    )
    assert "auth" not in apps


@pytest.mark.django_db
def test_a_curator_curates_but_cannot_manage_users(client, curator):
    client.force_login(curator)
    assert client.get("/admin/articles/deal/add/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/auth/user/add/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403
