"""The database itself refuses what must never be stored, whatever path the
write takes (a shell, an import, a bulk update); ``full_clean()`` only adds
friendlier messages on top."""

import datetime
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.models import Article, Bid, Company, Deadline, Deal, Source
from tests.factories import (
    ArticleFactory,
    BidFactory,
    CompanyFactory,
    DeadlineFactory,
    DealFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@contextmanager
def refused_by_database():
    """The statement inside fails with an IntegrityError, and the savepoint is
    rolled back so the test can go on using the connection."""
    with pytest.raises(IntegrityError), transaction.atomic():
        yield


# Unique slugs and URLs


def test_company_slug_is_unique():
    CompanyFactory(slug="tiktok")
    with refused_by_database():
        Company.objects.create(name="TikTok Ltd", slug="tiktok")


def test_deal_slug_is_unique():
    deal = DealFactory(slug="tiktok-us-operations")
    with refused_by_database():
        Deal.objects.create(title="Another", slug="tiktok-us-operations", target=deal.target)


def test_article_slug_is_unique():
    article = ArticleFactory(slug="microsoft-ecarte")
    with refused_by_database():
        Article.objects.create(
            title="Copy",
            slug="microsoft-ecarte",
            source=article.source,
            language="fr",
            published_on=D(2020, 9, 14),
        )


def test_source_slug_is_unique():
    SourceFactory(slug="zdnet-fr", name="ZDNet France")
    with refused_by_database():
        Source.objects.create(name="ZDNet", slug="zdnet-fr")


def test_article_url_is_unique():
    article = ArticleFactory(url="https://news.example/tiktok")
    with refused_by_database():
        ArticleFactory(url="https://news.example/tiktok", source=article.source)


def test_several_articles_may_have_no_url():
    ArticleFactory(url=None)
    ArticleFactory(url=None)

    assert Article.objects.filter(url__isnull=True).count() == 2


def test_article_url_cannot_be_an_empty_string():
    # An empty string would be a second "unknown" link clashing with the first
    # under the unique constraint: unknown is NULL, and only NULL.
    with refused_by_database():
        ArticleFactory(url="")


# Money


def test_deal_value_cannot_be_negative():
    with refused_by_database():
        DealFactory(value=Decimal("-1"), currency="USD")


def test_deal_value_cannot_be_made_negative_by_a_bulk_update():
    deal = DealFactory(value=Decimal("100"), currency="USD")
    with refused_by_database():
        Deal.objects.filter(pk=deal.pk).update(value=Decimal("-100"))


def test_deal_value_needs_a_currency():
    with refused_by_database():
        DealFactory(value=Decimal("1000"), currency="")


def test_deal_currency_must_be_an_iso_4217_code():
    with refused_by_database():
        DealFactory(value=Decimal("1000"), currency="ZZZ")


def test_deal_currency_code_is_upper_case():
    with refused_by_database():
        DealFactory(value=Decimal("1000"), currency="usd")


def test_deal_without_value_may_have_no_currency():
    deal = DealFactory(value=None, currency="")

    assert deal.pk is not None


def test_bid_amount_cannot_be_negative():
    with refused_by_database():
        BidFactory(amount=Decimal("-5"), currency="USD")


def test_bid_amount_needs_a_currency():
    with refused_by_database():
        BidFactory(amount=Decimal("5"), currency="")


def test_bid_amount_cannot_lose_its_currency_in_a_bulk_update():
    bid = BidFactory(amount=Decimal("5"), currency="EUR")
    with refused_by_database():
        Bid.objects.filter(pk=bid.pk).update(currency="")


def test_bid_currency_must_be_an_iso_4217_code():
    with refused_by_database():
        BidFactory(amount=Decimal("5"), currency="XYZ")


# Dates


def test_deal_cannot_close_before_it_was_announced():
    with refused_by_database():
        DealFactory(announced_on=D(2020, 8, 6), closed_on=D(2020, 8, 5))


def test_deal_may_close_on_the_day_it_was_announced():
    deal = DealFactory(announced_on=D(2020, 8, 6), closed_on=D(2020, 8, 6))

    assert deal.pk is not None


def test_bid_cannot_be_resolved_before_it_was_submitted():
    with refused_by_database():
        BidFactory(submitted_on=D(2020, 9, 13), resolved_on=D(2020, 8, 27))


def test_bid_resolution_date_cannot_be_moved_before_submission_in_bulk():
    bid = BidFactory(submitted_on=D(2020, 8, 27), resolved_on=D(2020, 9, 13))
    with refused_by_database():
        Bid.objects.filter(pk=bid.pk).update(resolved_on=D(2020, 8, 1))


# Codes


@pytest.mark.parametrize(
    "field, value",
    [("status", "done"), ("status", "ANNOUNCED"), ("deal_type", "takeover")],
)
def test_deal_status_and_type_must_be_known_codes(field, value):
    with refused_by_database():
        DealFactory(**{field: value})


def test_bid_status_must_be_a_known_code():
    with refused_by_database():
        BidFactory(status="won")


@pytest.mark.parametrize("field, value", [("status", "postponed"), ("kind", "executive")])
def test_deadline_status_and_kind_must_be_known_codes(field, value):
    with refused_by_database():
        DeadlineFactory(**{field: value})


@pytest.mark.parametrize("language", ["zz", "FR", ""])
def test_article_language_must_be_an_iso_639_1_code(language):
    with refused_by_database():
        ArticleFactory(language=language)


# Relations


def test_seller_cannot_be_the_target():
    bytedance = CompanyFactory(name="ByteDance")
    with refused_by_database():
        DealFactory(target=bytedance, seller=bytedance)


def test_seller_cannot_be_made_the_target_by_a_bulk_update():
    deal = DealFactory(seller=CompanyFactory())
    with refused_by_database():
        Deal.objects.filter(pk=deal.pk).update(seller=deal.target)


def test_company_cannot_be_its_own_parent():
    company = CompanyFactory()
    with refused_by_database():
        Company.objects.filter(pk=company.pk).update(parent=company)


def test_deadline_can_only_point_to_its_replacement_when_extended():
    later = DeadlineFactory(due_on=D(2020, 9, 20))
    with refused_by_database():
        DeadlineFactory(deal=later.deal, status=Deadline.Status.PENDING, extended_to=later)


def test_extended_deadline_cannot_lose_its_extended_status_in_bulk():
    later = DeadlineFactory(due_on=D(2020, 9, 20))
    earlier = DeadlineFactory(deal=later.deal, status=Deadline.Status.EXTENDED, extended_to=later)
    with refused_by_database():
        Deadline.objects.filter(pk=earlier.pk).update(status=Deadline.Status.MET)


def test_deadline_cannot_be_extended_to_itself():
    deadline = DeadlineFactory(status=Deadline.Status.EXTENDED)
    with refused_by_database():
        Deadline.objects.filter(pk=deadline.pk).update(extended_to=deadline)


def test_extended_deadline_may_point_to_its_replacement():
    later = DeadlineFactory(due_on=D(2020, 9, 20))
    earlier = DeadlineFactory(deal=later.deal, status=Deadline.Status.EXTENDED, extended_to=later)

    assert later.extended_from == earlier


# Friendly messages from full_clean()


def messages(error: ValidationError) -> dict[str, list[str]]:
    return error.value.message_dict


def test_deal_clean_explains_a_close_before_the_announcement():
    deal = DealFactory.build(
        target=CompanyFactory(), announced_on=D(2020, 8, 6), closed_on=D(2020, 8, 1)
    )
    with pytest.raises(ValidationError) as error:
        deal.full_clean()

    assert messages(error)["closed_on"] == ["A deal cannot close before it was announced."]


def test_deal_clean_asks_for_the_currency_of_the_value():
    deal = DealFactory.build(target=CompanyFactory(), value=Decimal("1000"), currency="")
    with pytest.raises(ValidationError) as error:
        deal.full_clean()

    assert messages(error)["currency"] == ["Give the currency of the value."]


def test_deal_clean_refuses_the_target_as_seller():
    target = CompanyFactory()
    deal = DealFactory.build(target=target, seller=target)
    with pytest.raises(ValidationError) as error:
        deal.full_clean()

    assert messages(error)["seller"] == ["The seller cannot be the target itself."]


def test_deal_clean_refuses_a_negative_value_on_the_field():
    deal = DealFactory.build(target=CompanyFactory(), value=Decimal("-1"), currency="USD")
    with pytest.raises(ValidationError) as error:
        deal.full_clean()

    assert messages(error)["value"] == ["A value cannot be negative."]


def test_currency_that_is_not_iso_4217_is_refused_on_the_field():
    deal = DealFactory.build(target=CompanyFactory(), value=Decimal("1"), currency="ZZZ")
    with pytest.raises(ValidationError) as error:
        deal.full_clean()

    assert "currency" in messages(error)


def test_bid_clean_explains_a_resolution_before_submission():
    bid = BidFactory.build(
        deal=DealFactory(), submitted_on=D(2020, 9, 13), resolved_on=D(2020, 8, 27)
    )
    with pytest.raises(ValidationError) as error:
        bid.full_clean()

    assert messages(error)["resolved_on"] == ["A bid cannot be resolved before it was submitted."]


def test_bid_clean_asks_for_the_currency_of_the_amount():
    bid = BidFactory.build(deal=DealFactory(), amount=Decimal("5"), currency="")
    with pytest.raises(ValidationError) as error:
        bid.full_clean()

    assert messages(error)["currency"] == ["Give the currency of the amount."]


def test_bid_clean_refuses_a_negative_amount_on_the_field():
    bid = BidFactory.build(deal=DealFactory(), amount=Decimal("-5"), currency="USD")
    with pytest.raises(ValidationError) as error:
        bid.full_clean()

    assert messages(error)["amount"] == ["An amount cannot be negative."]


def test_deadline_clean_requires_the_new_deadline_to_belong_to_the_same_deal():
    elsewhere = DeadlineFactory()
    deadline = DeadlineFactory.build(
        deal=DealFactory(), status=Deadline.Status.EXTENDED, extended_to=elsewhere
    )
    with pytest.raises(ValidationError) as error:
        deadline.full_clean()

    assert messages(error)["extended_to"] == ["The new deadline must belong to the same deal."]


def test_deadline_clean_requires_the_extended_status_with_a_replacement():
    later = DeadlineFactory()
    deadline = DeadlineFactory.build(
        deal=later.deal, status=Deadline.Status.PENDING, extended_to=later
    )
    with pytest.raises(ValidationError) as error:
        deadline.full_clean()

    assert messages(error)["status"] == [
        "A deadline that was extended must have the status “Extended”."
    ]


def test_deadline_clean_refuses_an_extension_to_itself():
    deadline = DeadlineFactory(status=Deadline.Status.EXTENDED)
    deadline.extended_to = deadline
    with pytest.raises(ValidationError) as error:
        deadline.full_clean()

    assert messages(error)["extended_to"] == ["A deadline cannot be extended to itself."]


def test_company_clean_refuses_an_ownership_loop():
    bytedance = CompanyFactory(name="ByteDance")
    tiktok = CompanyFactory(name="TikTok", parent=bytedance)
    bytedance.parent = tiktok
    with pytest.raises(ValidationError) as error:
        bytedance.full_clean()

    assert messages(error)["parent"] == [
        "A company cannot be owned by itself or its own subsidiary."
    ]


def test_article_clean_refuses_an_unknown_language_on_the_field():
    article = ArticleFactory.build(source=SourceFactory(), language="zz")
    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert "language" in messages(error)


def test_an_unsaved_bid_has_a_name():
    """Its bidders cannot be read before it is saved; asking once made the
    error's own message ask again, without end (an import previews unsaved
    bids)."""
    assert str(Bid(deal=Deal(title="TikTok"))) == "Unnamed bidder for TikTok"
