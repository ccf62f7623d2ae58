"""The demo archive: the seed article's story told faithfully, loadable twice."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.validators import URLValidator

from articles.demo import REVIEWS, load_demo_data
from articles.models import Article, Authority, Bid, Company, Deadline, Deal, Review, Source

MODELS = [Source, Company, Deal, Bid, Deadline, Article, Authority, Review]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_loading_twice_adds_nothing_the_second_time():
    load_demo_data()
    first = counts()
    call_command("load_demo")
    assert counts() == first
    assert first["Deal"] >= 30 and first["Article"] >= 30


@pytest.mark.django_db
def test_reloading_keeps_a_curators_edit(demo):
    Deal.objects.filter(slug="tiktok-us-operations").update(summary="Edited by a curator.")
    load_demo_data()
    assert Deal.objects.get(slug="tiktok-us-operations").summary == "Edited by a curator."


@pytest.mark.django_db
def test_the_tiktok_case_is_faithful(demo):
    deal = Deal.objects.get(slug="tiktok-us-operations")
    assert deal.target.name == "TikTok" and deal.target.parent.name == "ByteDance"
    assert deal.seller.name == "ByteDance"
    assert sorted(country.code for country in deal.countries) == ["AU", "CA", "NZ", "US"]
    assert deal.deal_type == Deal.Type.FORCED_SALE

    joint = deal.bids.get(bidders__slug="walmart")
    assert sorted(joint.bidders.values_list("name", flat=True)) == ["Microsoft", "Walmart"]
    assert joint.status == Bid.Status.REJECTED
    assert sorted(c.code for c in joint.countries) == ["AU", "CA", "NZ", "US"]
    oracle = deal.bids.get(bidders__slug="oracle")
    assert oracle.status == Bid.Status.ACCEPTED
    assert "trusted technology partner" in oracle.note

    first = deal.deadlines.get(due_on=datetime.date(2020, 9, 15))
    assert first.kind == Deadline.Kind.GOVERNMENT_ORDER
    assert "President Donald Trump" in first.set_by
    assert first.status == Deadline.Status.EXTENDED
    assert first.extended_to.due_on == datetime.date(2020, 9, 20)
    assert first.extended_to.extended_to.due_on == datetime.date(2020, 11, 12)

    article = Article.objects.get(title="Microsoft écarté du rachat de TikTok")
    assert article.language == "fr"
    assert article.source.name == "ZDNet France"
    assert article.published_on == datetime.date(2020, 9, 14)
    assert list(article.deals.all()) == [deal]
    assert set(article.companies.values_list("slug", flat=True)) == {
        "tiktok", "bytedance", "microsoft", "walmart", "oracle"
    }  # fmt: skip
    assert set(first.sources.all()) == {article}


@pytest.mark.django_db
def test_ensure_local_admin_makes_one_account_and_keeps_its_password(tmp_path, capsys):
    password_file = tmp_path / "admin-password"
    call_command("ensure_local_admin", password_file=password_file)
    password = password_file.read_text().strip()
    assert f"password {password!r}" in capsys.readouterr().out

    call_command("ensure_local_admin", password_file=password_file)
    assert f"password {password!r}" in capsys.readouterr().out
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_every_demo_record_passes_every_validator_and_constraint(demo):
    for model in MODELS:
        for record in model.objects.all():
            record.full_clean()


@pytest.mark.django_db
def test_the_archive_spans_years_countries_statuses_and_types(demo):
    deals = Deal.objects.all()
    years = {deal.announced_on.year for deal in deals if deal.announced_on}
    assert min(years) <= 2015 and max(years) >= 2025
    countries = {country.code for deal in deals for country in deal.countries}
    countries |= set(Company.objects.exclude(country="").values_list("country", flat=True))
    assert len(countries) >= 8
    assert set(deals.values_list("status", flat=True)) == set(Deal.Status.values)
    assert set(deals.values_list("deal_type", flat=True)) == set(Deal.Type.values)
    assert Article.objects.values("language").distinct().count() >= 3


@pytest.mark.django_db
def test_every_deal_has_an_article_and_every_bid_its_bidders(demo):
    assert not Deal.objects.filter(articles=None).exists()
    assert not Bid.objects.filter(bidders=None).exists()


@pytest.mark.django_db
def test_article_links_are_real_https_addresses_or_none(demo):
    check = URLValidator(schemes=["https"])
    for url in Article.objects.exclude(url=None).values_list("url", flat=True):
        check(url)


@pytest.mark.django_db
def test_the_public_pages_of_every_demo_record_render(client, demo):
    records = [*Deal.objects.all(), *Company.objects.all(), *Article.objects.all()]
    for record in records:
        response = client.get(record.get_absolute_url())
        assert response.status_code == 200, record.get_absolute_url()


def _reviews(slug):
    return {
        (review.authority.label, review.status, review.decided_on)
        for review in Review.objects.filter(deal__slug=slug).select_related("authority")
    }


@pytest.mark.django_db
def test_the_demo_deals_have_their_real_reviews(demo):
    D = datetime.date
    assert _reviews("microsoft-activision-blizzard") == {
        ("CMA", Review.Status.PROHIBITED, D(2023, 4, 26)),
        ("CMA", Review.Status.CLEARED, D(2023, 10, 13)),
        ("DG COMP", Review.Status.CLEARED_WITH_REMEDIES, D(2023, 5, 15)),
        ("FTC", Review.Status.WITHDRAWN, D(2025, 5, 22)),
    }
    assert _reviews("broadcom-qualcomm") == {("CFIUS", Review.Status.PROHIBITED, D(2018, 3, 12))}
    assert {status for _a, status, _d in _reviews("nvidia-arm")} == {Review.Status.ABANDONED}
    assert ("D. Or.", Review.Status.PROHIBITED, D(2024, 12, 10)) in _reviews("kroger-albertsons")
    ec = Review.objects.get(case_reference="M.10646")
    assert "cloud" in ec.remedies
    assert ec.authority.parent.name == "European Commission"


@pytest.mark.django_db
def test_no_demo_review_carries_a_case_reference_we_are_not_sure_of(demo):
    assert list(
        Review.objects.exclude(case_reference="").values_list("case_reference", flat=True)
    ) == ["M.10646"]


@pytest.mark.django_db
def test_the_cfius_deadlines_point_to_its_reviews(demo):
    cfius = Authority.objects.get(slug="cfius")
    tiktok = Review.objects.get(deal__slug="tiktok-us-operations", authority=cfius)
    assert sorted(d.due_on.isoformat() for d in tiktok.deadlines.all()) == [
        "2020-11-12",
        "2020-11-27",
        "2020-12-04",
    ]
    assert all(d.authority == cfius for d in tiktok.deadlines.all())
    assert "CFIUS" in Deadline.objects.get(review__deal__slug="broadcom-qualcomm").set_by


@pytest.mark.django_db
def test_an_archive_loaded_before_reviews_gets_them_once(demo):
    Review.objects.all().delete()
    load_demo_data()
    load_demo_data()
    assert Review.objects.count() == sum(len(reviews) for reviews in REVIEWS.values())
