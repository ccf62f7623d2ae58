"""Importing companies, deals and bids from CSV or XLSX in the admin: a
preview of what each row does, nothing saved before confirming, one error
per bad row, a file imported whole or not at all, with history; and the
export in the same format."""

import io

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Bid, Company, Deal
from articles.transfer import BidResource, DealResource, DealWithBidsResource
from tests.admin_forms import form_data
from tests.factories import BidFactory, CompanyFactory, DealFactory

pytestmark = pytest.mark.django_db

COMPANIES = (
    "name,slug,country,parent,website,description\n"
    "ByteDance,bytedance,CN,,,\n"
    "TikTok,tiktok,CN,bytedance,,\n"
    "Oracle,,US,,,\n"
)
DEALS = (
    "title,slug,target,seller,deal_type,status,countries,announced_on,closed_on,value,currency,summary\n"
    'TikTok US,tiktok-us,tiktok,bytedance,forced_sale,announced,"US,CA",2020-08-06,,,,\n'
    "Oracle buys Cerner,,oracle,,acquisition,completed,US,20 Dec 2021,,,,\n"
)


def preview(client, model: str, text: str, name: str = "rows.csv"):
    url = f"/admin/articles/{model}/import/"
    page = client.get(url).content.decode()
    assert 'name="import_file"' in page
    data = form_data(page, format="0", resource="0")
    data.pop("_save", None)
    data["import_file"] = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post(url, data)


def confirm(client, model: str, previewed):
    page = previewed.content.decode()
    data = form_data(page)
    data.pop("_save", None)
    return client.post(f"/admin/articles/{model}/process_import/", data)


def test_an_import_is_previewed_before_anything_is_saved(curator_client):
    CompanyFactory(name="ByteDance", slug="bytedance", country="")

    response = preview(curator_client, "company", COMPANIES)

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("New") >= 2 and "Update" in page
    assert list(Company.objects.values_list("slug", flat=True)) == ["bytedance"]


def test_a_confirmed_import_saves_every_row_with_history(curator_client, curator):
    previewed = preview(curator_client, "company", COMPANIES)

    response = confirm(curator_client, "company", previewed)

    assert response.status_code == 302
    tiktok = Company.objects.get(slug="tiktok")
    assert tiktok.parent.slug == "bytedance"
    assert Company.objects.get(slug="oracle").name == "Oracle"
    assert Company.history.filter(history_user=curator).count() == 3


def test_deals_are_imported_by_their_companies_slugs(curator_client):
    for name in ("ByteDance", "TikTok", "Oracle"):
        CompanyFactory(name=name, slug=name.lower())

    confirm(curator_client, "deal", preview(curator_client, "deal", DEALS))

    deal = Deal.objects.get(slug="tiktok-us")
    assert deal.seller.slug == "bytedance"
    assert sorted(country.code for country in deal.countries) == ["CA", "US"]
    assert Deal.objects.get(slug="oracle-buys-cerner").announced_on.isoformat() == "2021-12-20"


def test_each_bad_row_gets_its_error_and_nothing_can_be_confirmed(curator_client):
    CompanyFactory(name="TikTok", slug="tiktok")
    rows = (
        "title,slug,target,seller,deal_type,status,countries,announced_on\n"
        "Good,good,tiktok,,acquisition,rumoured,US,2020-08-06\n"
        "Ambiguous,ambiguous,tiktok,,acquisition,rumoured,US,02/08/2020\n"
        "Nobody,nobody,no-such-company,,acquisition,rumoured,US,2020-08-06\n"
        "Backwards,backwards,tiktok,tiktok,acquisition,rumoured,US,2020-08-06\n"
    )

    response = preview(curator_client, "deal", rows)

    page = response.content.decode()
    assert "could be 2 August 2020 or 8 February 2020" in page
    assert "The seller cannot be the target itself." in page
    assert "No company has the slug “no-such-company”." in page
    assert 'action="/admin/articles/deal/process_import/"' not in page
    assert not Deal.objects.exists()


def test_a_file_is_imported_whole_or_not_at_all(db):
    deal = DealFactory(slug="tiktok-us")
    microsoft = CompanyFactory(slug="microsoft")
    dataset = tablib.Dataset(headers=["id", "deal", "bidders", "status", "amount", "currency"])
    dataset.append(["", deal.slug, microsoft.slug, "submitted", "", ""])
    dataset.append(["", deal.slug, microsoft.slug, "submitted", "1000", ""])  # no currency

    # As the admin runs it: in a transaction, by the settings.
    result = BidResource().import_data(dataset, dry_run=False)

    assert result.has_validation_errors() or result.has_errors()
    assert not Bid.objects.exists()


def test_deals_export_as_xlsx_and_come_back_unchanged(curator_client):
    target = CompanyFactory(slug="tiktok")
    DealFactory(slug="tiktok-us", target=target, countries=["US", "CA"])
    page = curator_client.get("/admin/articles/deal/export/").content.decode()
    data = form_data(page, format="1")
    data.pop("_save", None)

    response = curator_client.post("/admin/articles/deal/export/", data)

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    header = list(rows[0])
    assert header[:3] == ["title", "slug", "target"]
    assert rows[1][header.index("countries")] == "CA,US"
    dataset = tablib.Dataset().load(io.BytesIO(response.content).read(), format="xlsx")
    result = DealResource().import_data(dataset, dry_run=True)
    assert not result.has_errors(), [e.error for row in result.row_errors() for e in row[1]]
    assert not result.has_validation_errors()
    assert {row.import_type for row in result.rows} == {"skip"}


def test_a_valid_file_of_bids_is_imported(db):
    deal = DealFactory(slug="tiktok-us")
    microsoft, walmart = CompanyFactory(slug="microsoft"), CompanyFactory(slug="walmart")
    dataset = tablib.Dataset(headers=["id", "deal", "bidders", "status", "submitted_on"])
    dataset.append(["", deal.slug, "microsoft,walmart", "rejected", "27 Aug 2020"])

    result = BidResource().import_data(dataset, dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    assert set(Bid.objects.get().bidders.all()) == {microsoft, walmart}


DEALS_WITH_BIDS = (
    "title,slug,target,seller,deal_type,status,countries,announced_on,"
    "bid1_bidders,bid1_status,bid1_submitted_on,bid1_countries,"
    "bid2_bidders,bid2_status,bid2_amount,bid2_currency\n"
    'TikTok US,tiktok-us,tiktok,bytedance,forced_sale,announced,"US,CA",2020-08-06,'
    '"microsoft,walmart",rejected,27 Aug 2020,"US,CA",oracle,accepted,1000000,USD\n'
    "Oracle buys Cerner,,oracle,,acquisition,completed,US,20 Dec 2021,,,,,,,,\n"
)


@pytest.fixture
def companies(db):
    return {
        name.lower(): CompanyFactory(name=name, slug=name.lower())
        for name in ("ByteDance", "TikTok", "Oracle", "Microsoft", "Walmart")
    }


def test_deals_and_their_bids_come_in_one_file(curator_client, curator, companies):
    previewed = preview(curator_client, "deal", DEALS_WITH_BIDS)

    assert previewed.content.decode().count("New") >= 2
    assert not Deal.objects.exists() and not Bid.objects.exists()
    response = confirm(curator_client, "deal", previewed)

    assert response.status_code == 302
    deal = Deal.objects.get(slug="tiktok-us")
    joint, oracle = deal.bids.order_by("pk")
    assert {c.slug for c in joint.bidders.all()} == {"microsoft", "walmart"}
    assert joint.status == "rejected" and joint.submitted_on.isoformat() == "2020-08-27"
    assert sorted(country.code for country in joint.countries) == ["CA", "US"]
    assert list(oracle.bidders.all()) == [companies["oracle"]]
    assert (oracle.amount, oracle.currency) == (1000000, "USD")
    assert not Deal.objects.get(slug="oracle-buys-cerner").bids.exists()
    # Each record's history says who imported it (a bid's bidders, set
    # after it is saved, make a second version).
    assert all(bid.history.filter(history_user=curator).exists() for bid in (joint, oracle))
    assert Deal.history.filter(history_user=curator).count() == 2


def test_a_deals_row_changes_its_bids_in_order_and_adds_the_new_ones(
    curator_client, curator, companies
):
    deal = DealFactory(slug="tiktok-us", target=companies["tiktok"])
    first = BidFactory(deal=deal, bidders=[companies["microsoft"]], status="submitted")
    rows = (
        "title,slug,target,bid1_status,bid2_bidders\n"
        f"{deal.title},tiktok-us,tiktok,rejected,oracle\n"
    )

    confirm(curator_client, "deal", preview(curator_client, "deal", rows))

    first.refresh_from_db()
    assert first.status == "rejected"
    assert list(first.bidders.all()) == [companies["microsoft"]]
    assert list(deal.bids.order_by("pk").last().bidders.all()) == [companies["oracle"]]
    assert first.history.filter(history_user=curator).count() == 1


def test_each_bad_bid_gets_its_error_in_its_column(curator_client, companies):
    rows = (
        "title,slug,target,bid1_bidders,bid1_amount,bid2_bidders,bid2_submitted_on,"
        "bid3_status\n"
        "TikTok US,tiktok-us,tiktok,oracle,1000,no-such-company,02/08/2020,rejected\n"
    )

    page = preview(curator_client, "deal", rows).content.decode()

    assert "bid1_currency" in page and "Give the currency of the amount." in page
    assert "No company has the slug “no-such-company”." in page
    assert "could be 2 August 2020 or 8 February 2020" in page
    assert "A bid needs its bidders." in page
    assert 'action="/admin/articles/deal/process_import/"' not in page
    assert not Deal.objects.exists() and not Bid.objects.exists()


def test_a_file_of_deals_and_bids_is_imported_whole_or_not_at_all(companies):
    dataset = tablib.Dataset(headers=["title", "slug", "target", "bid1_bidders", "bid1_amount"])
    dataset.append(["Good", "good", "tiktok", "oracle", ""])
    dataset.append(["Bad", "bad", "tiktok", "oracle", "1000"])  # an amount without currency

    result = DealWithBidsResource().import_data(dataset, dry_run=False)

    assert result.has_validation_errors()
    assert not Deal.objects.exists() and not Bid.objects.exists()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_deals_with_bids_export_and_come_back_unchanged(
    curator_client, companies, file_format, django_assert_max_num_queries
):
    for number in range(3):
        deal = DealFactory(slug=f"deal-{number}", target=companies["tiktok"])
        BidFactory(deal=deal, bidders=[companies["microsoft"], companies["walmart"]])
        BidFactory(deal=deal, bidders=[companies["oracle"]], amount=5, currency="EUR")
    page = curator_client.get("/admin/articles/deal/export/").content.decode()
    data = form_data(page, format="0" if file_format == "csv" else "1")
    data.pop("_save", None)

    response = curator_client.post("/admin/articles/deal/export/", data)

    dataset = tablib.Dataset().load(
        response.content.decode() if file_format == "csv" else response.content,
        format=file_format,
    )
    assert dataset.headers[-1] == "bid4_note"
    first = dataset.dict[0]
    assert first["bid1_bidders"] in ("microsoft,walmart", "walmart,microsoft")
    assert (first["bid2_bidders"], first["bid2_currency"]) == ("oracle", "EUR")
    result = DealWithBidsResource().import_data(dataset, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert {row.import_type for row in result.rows} == {"skip"}

    dataset_changed = tablib.Dataset(headers=dataset.headers)
    for row in dataset.dict:
        dataset_changed.append([row[h] if h != "bid2_amount" else "7" for h in dataset.headers])
    result = DealWithBidsResource().import_data(dataset_changed, dry_run=False)
    assert {row.import_type for row in result.rows} == {"update"}
    assert set(Bid.objects.filter(currency="EUR").values_list("amount", flat=True)) == {7}
