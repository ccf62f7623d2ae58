import pytest


@pytest.mark.django_db
def test_deal_changelist_filters_by_country(admin_client, demo):
    response = admin_client.get("/admin/articles/deal/", {"country": "CA"})
    assert response.status_code == 200
    deals = [deal.slug for deal in response.context["cl"].result_list]
    assert deals == ["tiktok-us-operations"]
    html = response.content.decode()
    # The filter lists the countries the deals cover, by name.
    assert "New Zealand" in html and "Japan" not in html.split('id="changelist-filter"')[1]
