"""Curated text never holds a character XML 1.0 cannot carry (issue 13,
finding 2): one vertical tab pasted from a word processor broke every backup
and the feeds. The admin cleans what is pasted, the database refuses the
rest, migration 0011 cleaned what was stored, and feeds strip what might
still get through."""

import importlib
import json
import pkgutil
import re

import feedparser
import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import articles.migrations
from articles.models import Article, Bid, Company, Deadline, Deal, Source
from articles.text import FORBIDDEN, clean_text
from tests.admin_forms import form_data
from tests.factories import (
    ArticleFactory,
    BidFactory,
    CompanyFactory,
    DeadlineFactory,
    DealFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

FACTORIES = {
    Source: SourceFactory,
    Company: CompanyFactory,
    Deal: DealFactory,
    Bid: BidFactory,
    Deadline: DeadlineFactory,
    Article: ArticleFactory,
}
# Every free-text field of every curated record.
TEXT_FIELDS = [
    (Source, "name"),
    (Source, "slug"),
    (Source, "homepage"),
    (Company, "name"),
    (Company, "slug"),
    (Company, "website"),
    (Company, "description"),
    (Deal, "title"),
    (Deal, "slug"),
    (Deal, "summary"),
    (Bid, "note"),
    (Deadline, "label"),
    (Deadline, "set_by"),
    (Deadline, "note"),
    (Article, "title"),
    (Article, "slug"),
    (Article, "url"),
    (Article, "author"),
    (Article, "summary"),
]


# The admin cleans what a curator pastes


def test_text_pasted_from_a_word_processor_is_saved_cleaned(curator_client):
    deal = DealFactory(title="TikTok", summary="")
    BidFactory(deal=deal, note="")
    url = f"/admin/articles/deal/{deal.pk}/change/"
    page = curator_client.get(url).content.decode()

    response = curator_client.post(
        url,
        form_data(
            page,
            title="Microsoft\x0b& Walmart (joint bid)",
            summary="First line\x0bsecond line\x0cnext page\x01\x1f end",
            **{"bids-0-note": "Offer\x0bwithdrawn\x08"},
        ),
    )

    assert response.status_code == 302
    deal.refresh_from_db()
    # One-line text: a space; multi-line text: the line break it stood for;
    # other control characters are dropped.
    assert deal.title == "Microsoft & Walmart (joint bid)"
    assert deal.summary == "First line\nsecond line\nnext page end"
    assert deal.bids.get().note == "Offer\nwithdrawn"
    assert deal.history.first().title == "Microsoft & Walmart (joint bid)"


@pytest.mark.parametrize(
    "model, data",
    [
        ("company", {"name": "Wal\x0bmart", "slug": "walmart", "country": "US"}),
        (
            "source",
            # With its domains' inline, none typed.
            {
                "name": "Le\x0cMonde",
                "slug": "le-monde",
                "homepage": "",
                "domains-TOTAL_FORMS": "0",
                "domains-INITIAL_FORMS": "0",
            },
        ),
    ],
)
def test_every_curated_form_cleans_pasted_text(curator_client, model, data):
    response = curator_client.post(f"/admin/articles/{model}/add/", {**data, "_save": "Save"})
    assert response.status_code == 302
    name = apps.get_model("articles", model).objects.get(slug=data["slug"]).name
    assert not re.search(FORBIDDEN, name)
    assert " " in name


# The models refuse it


@pytest.mark.parametrize("model, field", TEXT_FIELDS, ids=lambda v: getattr(v, "__name__", v))
def test_the_database_refuses_a_control_character_in_any_curated_text(model, field):
    record = FACTORIES[model]()
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=record.pk).update(**{field: "https://a.example/\x0b"})


def test_the_database_refuses_a_deal_titled_with_a_vertical_tab():
    with pytest.raises(IntegrityError), transaction.atomic():
        DealFactory(title="Microsoft\x0bWalmart")


def test_validation_explains_what_to_remove():
    deal = DealFactory.build(target=CompanyFactory(), title="Microsoft\x0bWalmart")
    with pytest.raises(ValidationError) as refused:
        deal.full_clean()
    assert "Remove the control characters" in str(refused.value.message_dict["title"])


def test_tabs_and_line_breaks_are_still_text():
    deal = DealFactory(summary="Column\tcolumn\r\nNext line")
    deal.full_clean()


# The migration cleans what was stored


def _clean_stored_text():
    """The data migration's function, whatever number the migration has."""
    name = next(
        module.name
        for module in pkgutil.iter_modules(articles.migrations.__path__)
        if module.name.endswith("_clean_control_characters")
    )
    return importlib.import_module(f"articles.migrations.{name}").clean_stored_text


def test_the_migration_cleans_records_their_history_and_the_admin_log(unchecked):
    deal = DealFactory(title="Deal", summary="")
    company = CompanyFactory(name="Walmart")
    Deal.objects.filter(pk=deal.pk).update(title="Microsoft\x0bWalmart", summary="a\x0cb\x01c")
    Company.history.filter(id=company.pk).update(
        name="Wal\x0bmart", history_change_reason="pasted\x0b"
    )
    Deal.history.filter(id=deal.pk).update(summary="Old\x0bsummary")
    user = User.objects.create_user("ada")
    entry = LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Deal),
        object_id=str(deal.pk),
        object_repr="Microsoft\x0bWalmart",
        action_flag=CHANGE,
        change_message=json.dumps([{"added": {"name": "bid", "object": "Bid\x0bof Walmart"}}]),
    )
    plain = LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Deal),
        object_id=str(deal.pk),
        object_repr="Rachat de l’éditeur",
        action_flag=CHANGE,
        change_message=json.dumps([{"changed": {"fields": ["Résumé"]}}]),
    )
    untouched = plain.change_message

    _clean_stored_text()(apps, None)

    deal.refresh_from_db()
    assert (deal.title, deal.summary) == ("Microsoft Walmart", "a\nbc")
    assert Deal.history.filter(id=deal.pk).first().summary == "Old\nsummary"
    historical = Company.history.get(id=company.pk)
    assert (historical.name, historical.history_change_reason) == ("Wal mart", "pasted ")
    entry.refresh_from_db()
    assert entry.object_repr == "Microsoft Walmart"
    assert entry.get_change_message() == "Added bid “Bid of Walmart”."
    plain.refresh_from_db()
    assert plain.change_message == untouched


# Feeds never fail on a record's text


def test_feeds_answer_even_for_text_stored_before_the_rule(client, unchecked):
    deal = DealFactory(slug="tiktok", title="TikTok", target=CompanyFactory(slug="bytedance"))
    ArticleFactory(deals=[deal], companies=[deal.target], author="Jane")
    Deal.objects.filter(pk=deal.pk).update(title="Tik\x0bTok", summary="Sold\x0b\x0cto Oracle")
    Article.objects.update(title="Microsoft\x0bout", summary="a\x01b", author="Jane\x0b")
    Source.objects.update(name="Le\x0bMonde")

    for url in [
        "/feeds/articles/",
        "/feeds/articles/rss/",
        "/feeds/deals/",
        "/feeds/deals/rss/",
        "/feeds/deals/tiktok/",
        "/feeds/deals/tiktok/rss/",
        "/feeds/companies/bytedance/",
        "/feeds/companies/bytedance/rss/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (url, feed.get("bozo_exception"))
        assert feed.entries, url
        assert not re.search(FORBIDDEN, response.content.decode()), url


# Whatever is pasted


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    text=st.text(
        st.one_of(
            st.characters(max_codepoint=0x20),
            st.sampled_from("\ufffe\uffff\u2028\x7f\x85é"),
            st.characters(codec="utf-8"),
        ),
        min_size=1,
        max_size=60,
    )
)
def test_whatever_is_pasted_the_company_form_saves_or_explains(text):
    request = RequestFactory().get("/")
    request.user = User(is_active=True, is_staff=True, is_superuser=True)
    form_class = admin.site.get_model_admin(Company).get_form(request)
    form = form_class(
        data={"name": text, "slug": "pasted", "country": "", "website": "", "description": text}
    )
    if form.is_valid():
        with transaction.atomic():
            company = form.save()  # the database would refuse a forbidden character
            assert not re.search(FORBIDDEN, company.name + company.description)
            transaction.set_rollback(True)
    else:
        assert set(form.errors) <= {"name", "description"}  # e.g. "required", NUL


def test_clean_text_keeps_tabs_and_line_breaks():
    assert clean_text("a\tb\r\nc\x0bd", multiline=True) == "a\tb\r\nc\nd"
    assert clean_text("a\x0bb\x0cc\x00d", multiline=False) == "a b cd"
