"""The story desk: a whole story recorded from the article's link on one
admin page, by a curator (not a superuser)."""

import datetime

import pytest
from django.contrib.auth.models import Permission, User
from django.utils import translation

from articles.country_input import jurisdiction_code
from articles.desk import ReviewForm
from articles.models import (
    Article,
    Authority,
    Bid,
    Company,
    Deadline,
    Deal,
    Review,
    Source,
    SourceDomain,
)
from tests.admin_forms import form_data
from tests.factories import (
    ArticleFactory,
    AuthorityFactory,
    CompanyFactory,
    DeadlineFactory,
    DealFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
DESK = "/admin/desk/"
ZDNET_PATH = "/actualites/microsoft-ecarte-du-rachat-de-tiktok-39909603.htm"
ZDNET_URL = "https://www.zdnet.fr" + ZDNET_PATH


def prefilled(client, url: str, prefix: str = "") -> str:
    response = client.get(f"{prefix}{DESK}", {"url": url})
    assert response.status_code == 200
    return response.content.decode()


def seed_story(page: str, **changes) -> dict:
    """The seed story as a curator completes it on the pre-filled desk."""
    typed = {
        "deal_title": "Forced sale of TikTok's US operations",
        "target": "TikTok",
        "seller": "ByteDance",
        "deal_type": "forced_sale",
        "status": "announced",
        "countries": "US, CA, Australia, NZ",
        "bids-0-bidders": "Microsoft, Walmart",
        "bids-0-status": "rejected",
        "bids-0-countries": "US, CA, AU, NZ",
        "bids-1-bidders": "Oracle",
        "bids-1-status": "submitted",
        "deadlines-0-label": "Sell to an American company or be banned",
        "deadlines-0-kind": "government_order",
        "deadlines-0-due_on": "15 Sept 2020",
    }
    return form_data(page, **{**typed, **changes})


def test_the_desk_is_prefilled_from_the_link(curator_client, link_server):
    page = prefilled(curator_client, link_server.url(ZDNET_PATH))

    assert 'value="Microsoft écarté du rachat de TikTok"' in page
    assert 'value="2020-09-14"' in page
    assert 'value="Mathilde Rochefort"' in page
    assert 'value="ZDNet France"' in page
    assert f'value="{ZDNET_URL}"' in page
    assert '<option value="fr" selected>' in page


def test_the_source_is_found_by_the_links_domain(curator_client, link_server):
    source = SourceFactory(name="ZDNet (France)", slug="zdnet")
    SourceDomain.objects.create(source=source, domain="zdnet.fr")

    page = prefilled(curator_client, link_server.url(ZDNET_PATH))

    assert 'value="ZDNet (France)"' in page


def test_the_seed_story_is_recorded_in_one_save(curator_client, curator, link_server):
    page = prefilled(curator_client, link_server.url(ZDNET_PATH))

    response = curator_client.post(DESK, seed_story(page))

    assert response.status_code == 302, response.context["error_summary"]
    article = Article.objects.get()
    deal = Deal.objects.get()
    assert response["Location"] == f"/admin/articles/deal/{deal.pk}/change/"
    assert article.url == ZDNET_URL
    assert article.published_on == D(2020, 9, 14)
    assert article.source.name == "ZDNet France"
    assert list(article.source.domains.values_list("domain", flat=True)) == ["zdnet.fr"]
    assert deal.target.name == "TikTok" and deal.seller.name == "ByteDance"
    assert sorted(c.code for c in deal.countries) == ["AU", "CA", "NZ", "US"]
    assert list(article.deals.all()) == [deal]
    assert {c.name for c in article.companies.all()} == {
        "TikTok",
        "ByteDance",
        "Microsoft",
        "Walmart",
        "Oracle",
    }
    joint, oracle = deal.bids.order_by("pk")
    assert {c.name for c in joint.bidders.all()} == {"Microsoft", "Walmart"}
    assert [c.name for c in oracle.bidders.all()] == ["Oracle"]
    assert list(joint.sources.all()) == [article] == list(oracle.sources.all())
    deadline = deal.deadlines.get()
    assert deadline.due_on == D(2020, 9, 15)
    assert list(deadline.sources.all()) == [article]
    # The new records' statuses, dated by their own dates, cite the story.
    for record in (deal, joint, oracle):
        current = record.status_periods.get(is_current=True)
        assert current.status == record.status and current.source == article
    # History, with who made the change.
    for model in (Article, Deal, Bid, Company):
        assert model.history.filter(history_user=curator).exists()


def test_a_bid_may_cite_another_article(curator_client, link_server):
    page = prefilled(curator_client, link_server.url(ZDNET_PATH))
    data = seed_story(page)
    data.pop("bids-1-cites_article")

    assert curator_client.post(DESK, data).status_code == 302
    joint, oracle = Bid.objects.order_by("pk")
    assert joint.sources.exists() and not oracle.sources.exists()


def test_a_deadline_that_slipped_is_extended_in_one_save(curator_client, link_server):
    page = prefilled(curator_client, link_server.url(ZDNET_PATH))
    data = seed_story(page, **{"deadlines-0-extended_to": "2020-09-20"})

    assert curator_client.post(DESK, data).status_code == 302
    first, successor = Deadline.objects.order_by("due_on")
    assert first.status == Deadline.Status.EXTENDED
    assert first.extended_to == successor
    assert successor.due_on == D(2020, 9, 20)
    assert successor.status == Deadline.Status.PENDING


def test_an_existing_deal_is_picked_and_existing_companies_reused(curator_client, link_server):
    tiktok = CompanyFactory(name="TikTok", slug="tiktok")
    deal = DealFactory(title="TikTok US", slug="tiktok-us", target=tiktok)
    microsoft = CompanyFactory(name="Microsoft", slug="microsoft")
    page = prefilled(curator_client, link_server.url(ZDNET_PATH))
    data = form_data(page, deal=str(deal.pk), **{"bids-0-bidders": "Microsoft"})

    response = curator_client.post(DESK, data)

    assert response.status_code == 302, response.context["error_summary"]
    assert Deal.objects.count() == 1
    assert list(deal.bids.get().bidders.all()) == [microsoft]
    assert set(Article.objects.get().companies.all()) == {tiktok, microsoft}


def test_a_link_already_archived_opens_its_article(curator_client):
    article = ArticleFactory(url="https://www.zdnet.fr/actualites/tiktok/")

    response = curator_client.get(
        DESK, {"url": "http://zdnet.fr/actualites/tiktok?utm_source=twitter"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/admin/articles/article/{article.pk}/change/"


def test_a_page_whose_canonical_link_is_archived_opens_its_article(curator_client, link_server):
    article = ArticleFactory(url=ZDNET_URL)

    response = curator_client.get(DESK, {"url": link_server.url(ZDNET_PATH)})

    assert response["Location"] == f"/admin/articles/article/{article.pk}/change/"


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/report.pdf", "not to a web page"),
        ("/gone", "answered 404"),
        ("/to-loopback", "not a public one"),
        ("/huge", "larger than 5 MB"),
    ],
)
def test_a_failed_fetch_says_why_and_leaves_the_form_usable(
    curator_client, link_server, path, reason
):
    page = prefilled(curator_client, link_server.url(path))

    assert "The page was not read: " in page and reason in page
    assert 'name="title"' in page and 'name="bids-0-bidders"' in page
    assert not Article.objects.exists()
    assert link_server.trap.reached == 0


def test_a_page_without_metadata_says_so(curator_client, link_server):
    page = prefilled(curator_client, link_server.url("/bare"))
    assert "The page says nothing about itself" in page


def test_a_name_close_to_a_company_asks_did_you_mean(curator_client, link_server):
    CompanyFactory(name="ByteDance", slug="bytedance")
    page = prefilled(curator_client, link_server.url(ZDNET_PATH))

    response = curator_client.post(DESK, seed_story(page, seller="Bytedance Ltd."))

    assert response.status_code == 200
    text = response.content.decode()
    assert "No company is called “Bytedance Ltd.”. Did you mean “ByteDance”?" in text
    assert not Deal.objects.exists()

    data = seed_story(response.content.decode(), seller="Bytedance Ltd.", create_near_names="on")
    assert curator_client.post(DESK, data).status_code == 302
    assert Company.objects.filter(name="Bytedance Ltd.").exists()


@pytest.mark.parametrize("typed", ["bytedance", "BYTEDANCE", "Bytédance", "Byte-Dance"])
def test_a_name_differing_only_by_case_or_accents_asks_too(curator_client, link_server, typed):
    bytedance = CompanyFactory(name="ByteDance", slug="bytedance")
    page = prefilled(curator_client, link_server.url(ZDNET_PATH))

    response = curator_client.post(DESK, seed_story(page, seller=typed))

    assert response.status_code == 200
    assert f"No company is called “{typed}”. Did you mean “ByteDance”?" in response.text
    assert not Deal.objects.exists()
    # The exact name is taken as it is, without a question.
    assert curator_client.post(DESK, seed_story(page, seller="ByteDance")).status_code == 302
    assert Deal.objects.get().seller == bytedance
    assert Company.objects.filter(slug__startswith="bytedance").count() == 1


def test_a_new_name_typed_twice_differently_asks_which(curator_client, link_server):
    page = prefilled(curator_client, link_server.url(ZDNET_PATH))

    response = curator_client.post(DESK, seed_story(page, **{"bids-1-bidders": "TIKTOK"}))

    assert response.status_code == 200
    assert "No company is called “TIKTOK”. Did you mean “TikTok”?" in response.text
    assert not Company.objects.exists()


def test_a_failed_save_links_each_error_and_keeps_what_was_typed(curator_client, link_server):
    page = prefilled(curator_client, link_server.url(ZDNET_PATH))
    data = seed_story(page, title="", countries="US, Narnia")

    response = curator_client.post(DESK, data)

    assert response.status_code == 200
    text = response.content.decode()
    summary = text[text.index('id="error-summary"') : text.index('id="link-form"')]
    assert 'href="#id_title"' in summary
    assert 'href="#id_countries"' in summary
    assert "No country is called “Narnia”" in summary
    assert 'value="Microsoft, Walmart"' in text
    assert 'value="Forced sale of TikTok&#x27;s US operations"' in text
    assert not Article.objects.exists() and not Company.objects.exists()


def test_an_ambiguous_date_on_the_desk_is_refused(curator_client, link_server):
    page = prefilled(curator_client, link_server.url(ZDNET_PATH))
    data = seed_story(page, **{"deadlines-0-due_on": "09/10/2020"})

    response = curator_client.post(DESK, data)

    assert "could be 9 October 2020 or 10 September 2020" in response.content.decode()
    assert not Deal.objects.exists()


def test_the_desk_speaks_french(curator_client, link_server):
    page = prefilled(curator_client, link_server.url(ZDNET_PATH), prefix="/fr")
    assert "Partir du lien" in page
    assert "Enregistrer l’histoire" in page


def test_a_save_onto_a_deal_changed_since_the_desk_opened_is_refused(curator_client, link_server):
    deal = DealFactory(title="TikTok US", slug="tiktok-us")
    page = prefilled(curator_client, link_server.url(ZDNET_PATH))
    Deal.objects.filter(pk=deal.pk).update(
        updated_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=5)
    )

    response = curator_client.post(DESK, form_data(page, deal=str(deal.pk)))

    assert response.status_code == 200
    assert "changed this deal after you opened the desk" in response.content.decode()
    assert not Article.objects.exists()


def test_a_staff_member_without_add_rights_cannot_use_the_desk(client, link_server):
    user = User.objects.create_user("reader", password="not-used", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__startswith="view_"))
    client.force_login(user)

    assert client.get(DESK).status_code == 403
    assert client.post(DESK, {"url": ZDNET_URL}).status_code == 403
    assert link_server.user_agents == []


def test_the_desk_asks_anonymous_visitors_to_log_in(client):
    response = client.get(DESK, {"url": ZDNET_URL})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


def test_source_is_created_once_with_its_domain(curator_client, link_server):
    page = prefilled(curator_client, link_server.url(ZDNET_PATH))
    curator_client.post(DESK, seed_story(page))

    assert Source.objects.get().name == "ZDNet France"
    assert SourceDomain.objects.get().domain == "zdnet.fr"


def test_the_admin_index_opens_the_desk_for_curators(curator_client):
    page = curator_client.get("/admin/").content.decode()
    assert 'action="/admin/desk/"' in page


def test_a_record_refused_by_the_models_leaves_nothing_half_saved(curator_client, link_server):
    page = prefilled(curator_client, link_server.url(ZDNET_PATH))
    data = seed_story(page, **{"bids-1-amount": "1000", "deadlines-0-extended_to": "2020-09-20"})

    response = curator_client.post(DESK, data)

    assert response.status_code == 200
    assert "Give the currency of the amount." in response.content.decode()
    assert not Company.objects.exists() and not Deal.objects.exists()
    assert not Article.objects.exists() and not Source.objects.exists()


def test_a_page_that_declares_no_language_leaves_it_to_the_curator(curator_client, link_server):
    page = prefilled(curator_client, link_server.url("/bare"))
    assert '<option value="" selected>' in page

    response = curator_client.post(DESK, seed_story(page, title="Bare", published_on="2020-09-14"))

    assert response.status_code == 200
    assert 'href="#id_language"' in response.content.decode()


def test_text_pasted_with_control_characters_is_cleaned(curator_client, link_server):
    page = prefilled(curator_client, link_server.url(ZDNET_PATH))
    data = seed_story(page, title="Microsoft\x0bécarté", summary="Un\x0cdeux")

    assert curator_client.post(DESK, data).status_code == 302
    article = Article.objects.get()
    assert (article.title, article.summary) == ("Microsoft écarté", "Un\ndeux")


@pytest.fixture
def tiktok_deal(db):
    deal = DealFactory(title="TikTok US", slug="tiktok-us")
    DeadlineFactory(deal=deal, label="Sell or be banned", due_on=D(2020, 9, 15), status="pending")
    DeadlineFactory(deal=deal, label="Executive order", due_on=D(2020, 8, 6), status="met")
    return deal


def test_an_existing_deals_pending_deadlines_are_listed(curator_client, link_server, tiktok_deal):
    response = curator_client.get(
        DESK, {"url": link_server.url(ZDNET_PATH), "deal": tiktok_deal.pk}
    )

    page = response.content.decode()
    listed = page[page.index('id="pending-deadlines"') :]
    assert "Sell or be banned" in listed and "Executive order" not in listed
    assert f'<option value="{tiktok_deal.pk}" selected>' in page
    assert 'name="extensions-0-extended_to"' in page


def test_an_existing_deals_deadline_is_extended_in_one_save(
    curator_client, curator, link_server, tiktok_deal
):
    page = curator_client.get(
        DESK, {"url": link_server.url(ZDNET_PATH), "deal": tiktok_deal.pk}
    ).content.decode()
    data = form_data(
        page,
        **{"extensions-0-extended_to": "20 Sept 2020", "extensions-0-extended_label": "Sell"},
    )

    response = curator_client.post(DESK, data)

    assert response.status_code == 302, response.context["error_summary"]
    first = Deadline.objects.get(label="Sell or be banned")
    successor = first.extended_to
    assert first.status == Deadline.Status.EXTENDED
    assert (successor.label, successor.due_on, successor.status) == (
        "Sell",
        D(2020, 9, 20),
        "pending",
    )
    assert successor.deal == tiktok_deal
    article = Article.objects.get()
    assert list(successor.sources.all()) == [article] == list(first.sources.all())
    assert first.history.filter(history_user=curator).exists()


def test_an_extension_to_an_earlier_date_is_refused(curator_client, link_server, tiktok_deal):
    page = curator_client.get(
        DESK, {"url": link_server.url(ZDNET_PATH), "deal": tiktok_deal.pk}
    ).content.decode()

    response = curator_client.post(
        DESK, form_data(page, **{"extensions-0-extended_to": "2020-09-01"})
    )

    assert response.status_code == 200
    assert "A deadline is extended to a later date." in response.context["error_summary"][0][2]
    assert not Article.objects.exists()
    assert Deadline.objects.get(label="Sell or be banned").status == "pending"


def test_a_deadline_extended_elsewhere_meanwhile_is_not_extended_twice(
    curator_client, link_server, tiktok_deal
):
    page = curator_client.get(
        DESK, {"url": link_server.url(ZDNET_PATH), "deal": tiktok_deal.pk}
    ).content.decode()
    # Another curator extends it on the deadline's own page meanwhile.
    deadline = Deadline.objects.get(label="Sell or be banned")
    deadline.status = Deadline.Status.MISSED
    deadline.save()

    response = curator_client.post(
        DESK, form_data(page, **{"extensions-0-extended_to": "2020-09-20"})
    )

    assert response.status_code == 200
    assert "no longer a pending deadline" in response.content.decode()
    assert not Article.objects.exists()
    assert Deadline.objects.count() == 2


def test_a_deals_page_opens_the_desk_on_that_deal(curator_client, link_server, tiktok_deal):
    page = curator_client.get(f"/admin/articles/deal/{tiktok_deal.pk}/change/").content.decode()
    start = page.index('id="desk-on-deal"')
    tool = page[start : page.index("</form>", start)]
    assert f'action="{DESK}"' in page[start - 80 : start]
    assert f'name="deal" value="{tiktok_deal.pk}"' in tool

    response = curator_client.get(
        DESK, {"deal": tiktok_deal.pk, "url": link_server.url(ZDNET_PATH)}
    )

    assert "Sell or be banned" in response.content.decode()


def test_the_desk_records_a_review_by_an_authority_typed_by_its_short_name(
    curator_client, link_server
):
    cfius = AuthorityFactory(name="Committee on Foreign Investment", short_name="CFIUS")
    page = prefilled(curator_client, link_server.url(ZDNET_PATH))
    data = seed_story(
        page,
        **{
            "reviews-0-authority": "cfius",
            "reviews-0-kind": "foreign_investment",
            "reviews-0-status": "under_review",
            "reviews-0-opened_on": "2020-08-14",
            "reviews-0-phase": "phase_2",
            "reviews-0-phase_started_on": "2020-09-13",
        },
    )
    response = curator_client.post(DESK, data)
    assert response.status_code == 302, response.context["error_summary"]
    review = Review.objects.get()
    assert (review.authority, review.status) == (cfius, Review.Status.UNDER_REVIEW)
    assert (review.opened_on, review.phase_started_on) == (D(2020, 8, 14), D(2020, 9, 13))
    assert list(review.sources.all()) == [Article.objects.get()]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"reviews-0-authority": "Nobody"}, "No authority is named “Nobody”. To add it"),
        # A near name is offered; nothing is created without a jurisdiction.
        ({"reviews-0-authority": "CMAA"}, "Did you mean CMA?"),
        (
            {"reviews-0-authority": "ACCC", "reviews-0-new_authority_jurisdiction": "Atlantis"},
            "“Atlantis” is no country or region",
        ),
        # A near name typed with a jurisdiction is not a second CMA without a tick.
        (
            {"reviews-0-authority": "CMAA", "reviews-0-new_authority_jurisdiction": "GB"},
            "To add “CMAA” as a new authority all the same",
        ),
        ({"reviews-0-status": "cleared"}, "Give the date of the decision."),
        (
            {"reviews-0-opened_on": "2020-08-14", "reviews-0-phase_started_on": "2020-08-01"},
            "A phase cannot start before the review was opened.",
        ),
    ],
)
def test_a_bad_review_on_the_desk_is_explained_and_nothing_saved(
    curator_client, link_server, changes, message
):
    AuthorityFactory(short_name="CMA")
    page = prefilled(curator_client, link_server.url(ZDNET_PATH))
    data = seed_story(page, **{"reviews-0-authority": "CMA", **changes})
    response = curator_client.post(DESK, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists() and not Review.objects.exists()
    assert Authority.objects.count() == 1


def test_a_new_authority_near_a_known_name_is_added_when_ticked(curator_client, link_server):
    AuthorityFactory(name="Competition and Markets Authority", short_name="CMA")
    page = prefilled(curator_client, link_server.url(ZDNET_PATH))
    data = seed_story(
        page,
        **{
            "reviews-0-authority": "CMAA",
            "reviews-0-new_authority_jurisdiction": "GB",
            "reviews-0-add_authority_anyway": "on",
            "reviews-0-status": "under_review",
        },
    )
    assert curator_client.post(DESK, data).status_code == 302
    assert Review.objects.get().authority.name == "CMAA"
    assert Authority.objects.get(name="CMAA").kind == Authority.Kind.COMPETITION


@pytest.mark.parametrize(
    "typed, language",
    [("Union européenne", "fr"), ("union europeenne", "fr"), ("European Union", "fr"),
     ("Royaume-Uni", "fr"), ("ue", "en")],
)  # fmt: skip
def test_a_jurisdiction_is_read_in_the_page_language_or_english(typed, language):
    with translation.override(language):
        assert jurisdiction_code(typed) == ("GB" if typed == "Royaume-Uni" else "EU")


@pytest.mark.parametrize(
    "typed, jurisdiction",
    [
        ("Australia", "AU"),
        ("au", "AU"),
        ("European Union", "EU"),
        ("eu", "EU"),
        ("UE", "EU"),  # as French writes it
    ],
)
def test_the_desk_adds_an_authority_typed_new_with_its_jurisdiction(
    curator_client, link_server, typed, jurisdiction
):
    page = prefilled(curator_client, link_server.url(ZDNET_PATH))
    data = seed_story(
        page,
        **{
            "reviews-0-authority": "ACCC",
            "reviews-0-new_authority_jurisdiction": typed,
            "reviews-0-new_authority_kind": "competition",
            "reviews-0-status": "under_review",
        },
    )
    response = curator_client.post(DESK, data, follow=True)
    assert response.status_code == 200
    accc = Authority.objects.get()
    assert (accc.name, accc.slug, accc.jurisdiction) == ("ACCC", "accc", jurisdiction)
    assert Review.objects.get().authority == accc
    assert "New authorities (give them a short name and a website in Authorities): ACCC." in (
        response.content.decode()
    )
    # Typed again, in any case, the name is the archive's: no jurisdiction asked.
    again = ReviewForm({"authority": "accc", "status": "under_review", "kind": "merger_control"})
    assert again.is_valid(), again.errors
    assert again.cleaned_data["authority"] == accc
