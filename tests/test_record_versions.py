"""A save refreshes only the pages it touched: a deal's and a company's page
are kept on the record's own version, which PostgreSQL's triggers move on
every write that changes what the page shows (articles.record_versions)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from articles import freshness, record_versions
from articles.models import Article, Bid, Company, Deal
from tests.factories import DealFactory

POSTGRES = pytest.mark.postgres(reason="per-record versions are kept by PostgreSQL's triggers")


def deal_page(slug):
    return reverse("articles:deal_detail", args=[slug])


def company_page(slug):
    return reverse("articles:company_detail", args=[slug])


TIKTOK = deal_page("tiktok-us-operations")
FIGMA_DEAL = deal_page("adobe-figma")
# The TikTok deal's parties: its target, its seller, its bidders.
TIKTOK_PARTIES = [company_page(slug) for slug in ("tiktok", "bytedance", "microsoft", "walmart")]
# Companies in no record of the TikTok deal.
UNRELATED = [company_page("adobe"), company_page("figma")]


def visit(client, *pages):
    for page in pages:
        assert client.get(page).status_code == 200


def assert_kept(client, django_assert_num_queries, page):
    # One query: the record's version.
    with django_assert_num_queries(1):
        response = client.get(page)
    assert response["Server-Timing"] == freshness.KEPT_TIMING, page
    return response


def assert_made_again(client, page):
    response = client.get(page)
    assert response.status_code == 200
    assert "Server-Timing" not in response, f"{page} was kept after a write that changed it"
    return response


@POSTGRES
@pytest.mark.django_db
def test_saving_a_deal_leaves_the_pages_of_other_records_kept(
    client, demo, django_assert_num_queries
):
    visit(client, TIKTOK, FIGMA_DEAL, *TIKTOK_PARTIES, *UNRELATED)
    tiktok = Deal.objects.get(slug="tiktok-us-operations")
    tiktok.title = "TikTok's US operations, forced sale"
    tiktok.save()

    for page in (FIGMA_DEAL, *UNRELATED):
        assert_kept(client, django_assert_num_queries, page)
    for page in (TIKTOK, company_page("bytedance"), company_page("microsoft")):
        assert "forced sale" in assert_made_again(client, page).content.decode(), page
    for page in (company_page("tiktok"), company_page("walmart")):
        assert_made_again(client, page)


@POSTGRES
@pytest.mark.django_db
def test_a_new_bidder_finds_the_deal_on_its_page_at_once(client, demo, django_assert_num_queries):
    visit(client, TIKTOK, *UNRELATED)
    bid = Bid.objects.create(deal=Deal.objects.get(slug="tiktok-us-operations"))
    bid.bidders.add(Company.objects.get(slug="adobe"))

    assert "TikTok" in assert_made_again(client, company_page("adobe")).content.decode()
    assert_made_again(client, TIKTOK)
    assert_kept(client, django_assert_num_queries, company_page("figma"))


@POSTGRES
@pytest.mark.django_db
def test_an_article_retitled_refreshes_the_deals_and_companies_it_reports(
    client, demo, django_assert_num_queries
):
    article = Article.objects.filter(deals__slug="tiktok-us-operations").first()
    visit(client, TIKTOK, FIGMA_DEAL, company_page("microsoft"), *UNRELATED)
    article.title = "Microsoft is turned down, a retitled report"
    article.save()

    assert "a retitled report" in assert_made_again(client, TIKTOK).content.decode()
    assert_made_again(client, company_page("microsoft"))
    assert_kept(client, django_assert_num_queries, FIGMA_DEAL)


@POSTGRES
@pytest.mark.django_db
def test_writes_in_raw_sql_move_the_versions_too(client, demo, django_assert_num_queries):
    visit(client, TIKTOK, FIGMA_DEAL)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_deadline SET note = 'moved by hand' WHERE deal_id = "
            "(SELECT id FROM articles_deal WHERE slug = 'tiktok-us-operations')"
        )
    assert_made_again(client, TIKTOK)
    assert_kept(client, django_assert_num_queries, FIGMA_DEAL)


@POSTGRES
@pytest.mark.django_db
def test_a_company_renamed_refreshes_every_record_page(client, demo):
    # Its name is on every page of its deals and of their parties: too far
    # to follow record by record, so every record's page is made again.
    visit(client, TIKTOK, FIGMA_DEAL, company_page("adobe"))
    Company.objects.filter(slug="walmart").update(name="Walmart Inc.")

    for page in (TIKTOK, FIGMA_DEAL, company_page("adobe")):
        assert_made_again(client, page)


@POSTGRES
@pytest.mark.django_db
def test_a_company_description_edited_refreshes_its_own_page_alone(
    client, demo, django_assert_num_queries
):
    visit(client, TIKTOK, company_page("walmart"), company_page("microsoft"))
    Company.objects.filter(slug="walmart").update(description="A retailer, edited.")

    assert (
        "A retailer, edited." in assert_made_again(client, company_page("walmart")).content.decode()
    )
    assert_kept(client, django_assert_num_queries, TIKTOK)
    assert_kept(client, django_assert_num_queries, company_page("microsoft"))


@POSTGRES
@pytest.mark.django_db
def test_a_bulk_write_refreshes_every_record_page(client, demo):
    # More deals than it is worth following one by one: every record's page.
    visit(client, FIGMA_DEAL, company_page("adobe"))
    target = Company.objects.get(slug="tiktok")
    Deal.objects.bulk_create(
        DealFactory.build(target=target) for _ in range(record_versions.MOST_RECORDS + 1)
    )
    for page in (FIGMA_DEAL, company_page("adobe")):
        assert_made_again(client, page)


@POSTGRES
@pytest.mark.django_db
def test_a_list_made_again_after_a_save_draws_only_the_saved_deals_row(client, demo, monkeypatch):
    deals = reverse("articles:deal_list")
    visit(client, deals)
    Deal.objects.filter(slug="adobe-figma").update(title="Adobe and Figma, renamed")
    drawn = []
    keep = cache.set_many
    monkeypatch.setattr(cache, "set_many", lambda values, *args, **kwargs: (
        drawn.extend(key for key in values if ":deal_row:" in key), keep(values, *args, **kwargs)
    ))  # fmt: skip

    page = assert_made_again(client, deals)
    assert "Adobe and Figma, renamed" in page.content.decode()
    # The other deals' rows were kept from before the save.
    assert len(drawn) == 1 and Deal.objects.count() > 1


@pytest.mark.django_db
def test_lists_that_show_a_saved_deal_are_made_again(client, demo):
    # They depend on the whole archive: keyed on its version, as before.
    visit(client, reverse("articles:deal_list"), reverse("articles:home"))
    Deal.objects.filter(slug="adobe-figma").update(title="Adobe and Figma, renamed")

    for page in (reverse("articles:deal_list"), reverse("articles:home")):
        assert "Adobe and Figma, renamed" in assert_made_again(client, page).content.decode()


def test_every_curated_table_moves_the_records_it_shows():
    # A new curated table must say which deals and companies its rows touch,
    # or their pages would stay kept after it is written.
    assert {source.table for source in record_versions.SOURCES} == set(freshness.curated_tables())


@pytest.mark.django_db
def test_elsewhere_a_record_page_is_kept_on_the_archive_version(client, demo, settings):
    # SQLite keeps no record versions: any write makes the page again.
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL keeps record versions: the tests above")
    visit(client, FIGMA_DEAL)
    Deal.objects.filter(slug="tiktok-us-operations").update(title="Renamed")
    assert_made_again(client, FIGMA_DEAL)


@pytest.mark.django_db
def test_the_benchmarks_bump_makes_every_record_page_again(client, demo):
    # Its uncached runs: a deal's and a company's page too, on every database.
    visit(client, FIGMA_DEAL, company_page("adobe"))
    freshness.bump_archive_version()
    for page in (FIGMA_DEAL, company_page("adobe")):
        assert_made_again(client, page)
