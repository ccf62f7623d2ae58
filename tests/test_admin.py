"""Curation in the admin, as a member of the curators group (not a superuser):
every page renders, the options a curator relies on really show up, and the
deal page records bids and deadlines inline in one save."""

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from articles.edit_conflicts import version
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
MODELS = ["source", "company", "deal", "bid", "deadline", "article"]


@pytest.fixture
def archive(db):
    """One of everything, spread over two years so date hierarchies offer years."""
    source = SourceFactory(name="ZDNet France", slug="zdnet-fr")
    bytedance = CompanyFactory(name="ByteDance", slug="bytedance", country="CN")
    tiktok = CompanyFactory(name="TikTok", slug="tiktok", country="CN", parent=bytedance)
    microsoft = CompanyFactory(name="Microsoft", slug="microsoft")
    walmart = CompanyFactory(name="Walmart", slug="walmart")
    deal = DealFactory(
        title="Forced sale of TikTok's US operations",
        slug="tiktok-us-operations",
        target=tiktok,
        seller=bytedance,
        countries=["US", "CA", "AU", "NZ"],
        deal_type=Deal.Type.FORCED_SALE,
        announced_on=D(2020, 8, 6),
    )
    other_deal = DealFactory(announced_on=D(2021, 3, 1), target=walmart)
    bid = BidFactory(
        deal=deal,
        bidders=[microsoft, walmart],
        status=Bid.Status.REJECTED,
        submitted_on=D(2020, 8, 27),
        resolved_on=D(2020, 9, 13),
    )
    BidFactory(deal=other_deal, submitted_on=D(2021, 3, 1))
    later = DeadlineFactory(deal=deal, label="Ban takes effect", due_on=D(2020, 9, 20))
    deadline = DeadlineFactory(
        deal=deal,
        label="Sell or be banned",
        kind=Deadline.Kind.GOVERNMENT_ORDER,
        due_on=D(2020, 9, 15),
        status=Deadline.Status.EXTENDED,
        extended_to=later,
    )
    DeadlineFactory(deal=other_deal, due_on=D(2021, 6, 30))
    article = ArticleFactory(
        title="Microsoft écarté du rachat de TikTok",
        slug="microsoft-ecarte-du-rachat-de-tiktok",
        source=source,
        language="fr",
        published_on=D(2020, 9, 14),
        deals=[deal],
        companies=[tiktok, bytedance, microsoft, walmart],
    )
    ArticleFactory(language="en", published_on=D(2021, 3, 2))
    return {
        "source": source,
        "company": tiktok,
        "deal": deal,
        "bid": bid,
        "deadline": deadline,
        "article": article,
        "bytedance": bytedance,
        "microsoft": microsoft,
        "walmart": walmart,
        "later": later,
    }


def admin_url(model: str, view: str, *args) -> str:
    return reverse(f"admin:articles_{model}_{view}", args=args)


def html(response) -> str:
    return response.content.decode()


# Every page renders for a curator


@pytest.mark.parametrize("model", MODELS)
def test_changelist_renders_for_a_curator(curator_client, archive, model):
    response = curator_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    assert escape(str(archive[model])) in html(response)


@pytest.mark.parametrize("model", MODELS)
def test_add_page_renders_for_a_curator(curator_client, archive, model):
    response = curator_client.get(admin_url(model, "add"))

    assert response.status_code == 200
    assert 'name="_save"' in html(response)


@pytest.mark.parametrize("model", MODELS)
def test_change_page_renders_for_a_curator(curator_client, archive, model):
    response = curator_client.get(admin_url(model, "change", archive[model].pk))

    assert response.status_code == 200
    assert 'name="_save"' in html(response)


# The list options really render (a misspelt one is silently ignored)


@pytest.mark.parametrize("model", MODELS)
def test_changelist_has_a_search_box(curator_client, archive, model):
    response = curator_client.get(admin_url(model, "changelist"))

    assert 'id="searchbar"' in html(response)


@pytest.mark.parametrize(
    "model, filters",
    [
        ("company", ["country", "duplicates"]),
        ("deal", ["status", "type", "country", "announced on", "articles"]),
        ("bid", ["status", "submitted on"]),
        ("deadline", ["status", "kind", "due on"]),
        ("article", ["language", "source", "published on", "deals"]),
    ],
)
def test_changelist_shows_its_filters(curator_client, archive, model, filters):
    page = html(curator_client.get(admin_url(model, "changelist")))

    assert 'id="changelist-filter"' in page
    shown = re.findall(r'data-filter-title="([^"]+)"', page)
    assert shown == filters


@pytest.mark.parametrize(
    "model, field",
    [
        ("deal", "announced_on"),
        ("article", "published_on"),
        ("bid", "submitted_on"),
        ("deadline", "due_on"),
    ],
)
def test_changelist_offers_a_date_hierarchy(curator_client, archive, model, field):
    page = html(curator_client.get(admin_url(model, "changelist")))

    assert 'aria-labelledby="date-hierarchy-label"' in page
    assert f"?{field}__year=2020" in page
    assert f"?{field}__year=2021" in page


def test_article_language_filter_lists_only_languages_in_the_archive(curator_client, archive):
    page = html(curator_client.get(admin_url("article", "changelist")))

    assert "?language=fr" in page
    assert "?language=en" in page
    assert "?language=de" not in page


def test_deal_changelist_filters_by_country(admin_client, demo):
    response = admin_client.get("/admin/articles/deal/", {"country": "CA"})
    assert response.status_code == 200
    deals = [deal.slug for deal in response.context["cl"].result_list]
    assert deals == [
        "couche-tard-carrefour",
        "tiktok-us-operations",
        "alstom-bombardier-transportation",
    ]
    html = response.content.decode()
    # The filter lists the countries the deals cover, by name.
    assert "New Zealand" in html and "Brazil" not in html.split('id="changelist-filter"')[1]


def test_deal_search_finds_deals_by_target_name(curator_client, archive):
    response = curator_client.get(admin_url("deal", "changelist"), {"q": "tiktok"})

    assert list(response.context["cl"].result_list) == [archive["deal"]]


def test_bid_search_finds_joint_bids_by_either_bidder(curator_client, archive):
    response = curator_client.get(admin_url("bid", "changelist"), {"q": "walmart"})

    assert list(response.context["cl"].result_list) == [archive["bid"]]


def test_bid_list_names_every_bidder_of_a_joint_bid(curator_client, archive):
    page = html(curator_client.get(admin_url("bid", "changelist")))

    assert "Microsoft &amp; Walmart" in page


def test_deal_list_shows_the_countries_covered(curator_client, archive):
    page = html(curator_client.get(admin_url("deal", "changelist")))

    assert "AU, CA, NZ, US" in page


def test_source_list_counts_its_articles(curator_client, archive):
    response = curator_client.get(admin_url("source", "changelist"))

    row = next(s for s in response.context["cl"].result_list if s.pk == archive["source"].pk)
    assert row.article_count == 1


@pytest.mark.parametrize(
    "model, sources",
    [
        ("source", ["name"]),
        ("company", ["name"]),
        ("deal", ["title"]),
        ("article", ["title"]),
    ],
)
def test_add_page_prefills_the_slug_from_the_name(curator_client, model, sources):
    page = html(curator_client.get(admin_url(model, "add")))

    match = re.search(r'data-prepopulated-fields="([^"]+)"', page)
    assert match, "no prepopulated fields on the page"
    fields = match.group(1).replace("&quot;", '"')
    assert '"id": "#id_slug"' in fields
    assert f'"dependency_list": {sources}'.replace("'", '"') in fields


@pytest.mark.parametrize("model", ["company", "deal", "article"])
def test_changelist_links_to_the_public_page(curator_client, archive, model):
    obj = archive[model]
    page = html(curator_client.get(admin_url(model, "changelist")))

    assert (
        f'<a href="{obj.get_absolute_url()}" target="_blank" rel="noopener">View on site</a>'
        in page
    )


# Company picker: autocomplete and "add another"


def test_company_autocomplete_finds_companies_by_name(curator_client, archive):
    response = curator_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "deal", "field_name": "target", "term": "micro"},
    )

    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(archive["microsoft"].pk), "text": "Microsoft"}]


def test_deal_page_uses_autocomplete_for_companies(curator_client, archive):
    page = html(curator_client.get(admin_url("deal", "add")))

    for field in ["target", "seller", "bids-__prefix__-bidders"]:
        tag = re.search(rf'<select[^>]*name="{re.escape(field)}"[^>]*>', page).group(0)
        assert "admin-autocomplete" in tag, field


def test_deal_page_lets_a_curator_add_a_company_from_the_picker(curator_client):
    page = html(curator_client.get(admin_url("deal", "add")))
    company_add = admin_url("company", "add")

    for field in ["target", "seller", "bids-__prefix__-bidders"]:
        link = re.search(rf'<a[^>]*id="add_id_{re.escape(field)}"[^>]*>', page, re.S)
        assert link, f"no 'add another' link for {field}"
        assert f'href="{company_add}?_to_field=id&amp;_popup=1' in link.group(0)


# Saving from the deal page, bids and deadlines inline


def management_form(page: str, prefix: str, total: int) -> dict[str, str]:
    """The management form of an inline formset as the page renders it, with
    ``total`` forms submitted."""
    data = {}
    for name in ["INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"]:
        match = re.search(rf'name="{prefix}-{name}" value="(\d*)"', page)
        assert match, f"{prefix}-{name} is not on the page"
        data[f"{prefix}-{name}"] = match.group(1)
    data[f"{prefix}-TOTAL_FORMS"] = str(total)
    return data


def new_deal_data(page: str, archive, **bid_changes) -> dict:
    bid = {
        "bidders": [archive["microsoft"].pk, archive["walmart"].pk],
        "status": Bid.Status.REJECTED,
        "amount": "",
        "currency": "",
        "submitted_on": "2020-08-27",
        "resolved_on": "2020-09-13",
        "countries": ["US", "CA", "AU", "NZ"],
        "note": "Turned down on 13 September.",
        "sources": [],
        "id": "",
        "deal": "",
    }
    bid.update(bid_changes)
    deadline = {
        "label": "Sell to an American company",
        "kind": Deadline.Kind.GOVERNMENT_ORDER,
        "due_on": "2020-09-15",
        "set_by": "President Donald Trump's executive order",
        "status": Deadline.Status.PENDING,
        "extended_to": "",
        "note": "",
        "sources": [],
        "id": "",
        "deal": "",
    }
    return {
        "title": "TikTok's US business",
        "slug": "tiktok-us-business",
        "target": archive["company"].pk,
        "seller": archive["bytedance"].pk,
        "countries": ["US", "CA", "AU", "NZ"],
        "deal_type": Deal.Type.FORCED_SALE,
        "status": Deal.Status.ANNOUNCED,
        "announced_on": "2020-08-06",
        "closed_on": "",
        "value": "",
        "currency": "",
        "summary": "",
        **management_form(page, "bids", 1),
        **{f"bids-0-{key}": value for key, value in bid.items()},
        **management_form(page, "reviews", 0),
        **management_form(page, "deadlines", 1),
        **{f"deadlines-0-{key}": value for key, value in deadline.items()},
        "_save": "Save",
    }


def test_deal_add_page_saves_a_joint_bid_and_a_deadline_in_one_go(curator_client, archive):
    url = admin_url("deal", "add")
    data = new_deal_data(html(curator_client.get(url)), archive)

    response = curator_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    deal = Deal.objects.get(slug="tiktok-us-business")
    assert deal.seller == archive["bytedance"]
    assert sorted(country.code for country in deal.countries) == ["AU", "CA", "NZ", "US"]
    bid = deal.bids.get()
    assert set(bid.bidders.all()) == {archive["microsoft"], archive["walmart"]}
    assert bid.status == Bid.Status.REJECTED
    assert bid.resolved_on == D(2020, 9, 13)
    deadline = deal.deadlines.get()
    assert deadline.kind == Deadline.Kind.GOVERNMENT_ORDER
    assert deadline.due_on == D(2020, 9, 15)
    assert deadline.set_by == "President Donald Trump's executive order"


@pytest.mark.parametrize(
    "bid_changes, message",
    [
        (
            {"submitted_on": "2020-09-13", "resolved_on": "2020-08-27"},
            "A bid cannot be resolved before it was submitted.",
        ),
        ({"amount": "1000", "currency": ""}, "Give the currency of the amount."),
        ({"amount": "-1", "currency": "USD"}, "An amount cannot be negative."),
    ],
)
def test_invalid_inline_bid_is_shown_on_the_form_and_nothing_is_saved(
    curator_client, archive, bid_changes, message
):
    url = admin_url("deal", "add")
    counts = (Deal.objects.count(), Bid.objects.count(), Deadline.objects.count())
    data = new_deal_data(html(curator_client.get(url)), archive, **bid_changes)

    response = curator_client.post(url, data)

    assert response.status_code == 200
    assert message in html(response)
    assert (Deal.objects.count(), Bid.objects.count(), Deadline.objects.count()) == counts


def test_invalid_deal_is_shown_on_the_form(curator_client, archive):
    url = admin_url("deal", "add")
    data = new_deal_data(html(curator_client.get(url)), archive)
    data.update(announced_on="2020-09-01", closed_on="2020-08-01", seller=archive["company"].pk)

    response = curator_client.post(url, data)

    assert response.status_code == 200
    assert "A deal cannot close before it was announced." in html(response)
    assert "The seller cannot be the target itself." in html(response)
    assert not Deal.objects.filter(slug="tiktok-us-business").exists()


def test_deadline_inline_offers_only_the_deals_own_deadlines(curator_client, archive):
    elsewhere = DeadlineFactory(label="Somebody else's deadline")
    page = html(curator_client.get(admin_url("deal", "change", archive["deal"].pk)))

    assert f'<option value="{archive["later"].pk}">' in page
    assert f'<option value="{elsewhere.pk}">' not in page


def test_deal_change_page_records_that_a_deadline_slipped(curator_client):
    deal = DealFactory()
    first = DeadlineFactory(deal=deal, label="15 September", due_on=D(2020, 9, 15))
    second = DeadlineFactory(deal=deal, label="20 September", due_on=D(2020, 9, 20))
    url = admin_url("deal", "change", deal.pk)
    page = html(curator_client.get(url))
    data = {
        "title": deal.title,
        "slug": deal.slug,
        "target": deal.target.pk,
        "seller": "",
        "countries": ["US"],
        "deal_type": deal.deal_type,
        "status": deal.status,
        "announced_on": "2024-01-15",
        "closed_on": "",
        "value": "",
        "currency": "",
        "summary": "",
        # The deal's version as the page was loaded (edit conflicts are refused).
        "version": re.search(r'name="version" value="([^"]*)"', page).group(1),
        **management_form(page, "bids", 0),
        **management_form(page, "reviews", 0),
        **management_form(page, "deadlines", 2),
        "_save": "Save",
    }
    for index, deadline in enumerate([first, second]):
        data.update(
            {
                f"deadlines-{index}-id": deadline.pk,
                f"deadlines-{index}-deal": deal.pk,
                f"deadlines-{index}-label": deadline.label,
                f"deadlines-{index}-kind": deadline.kind,
                f"deadlines-{index}-due_on": deadline.due_on.isoformat(),
                f"deadlines-{index}-set_by": "",
                f"deadlines-{index}-status": deadline.status,
                f"deadlines-{index}-extended_to": "",
                f"deadlines-{index}-note": "",
            }
        )
    data["deadlines-0-status"] = Deadline.Status.EXTENDED
    data["deadlines-0-extended_to"] = second.pk

    response = curator_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    first.refresh_from_db()
    assert first.status == Deadline.Status.EXTENDED
    assert first.extended_to == second


# The other add and change pages save


def form_data(instance) -> dict:
    """What the admin form would post back for ``instance``, unchanged."""
    data = {}
    for name, value in model_to_dict(instance).items():
        if value is None:
            value = ""
        elif isinstance(value, Iterable) and not isinstance(value, str):
            # Lists of related records, and a CountryField's several countries.
            value = [str(getattr(item, "pk", item)) for item in value]
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        else:
            value = str(value)
        data[name] = value
    return data


def new_records(archive) -> dict[str, dict]:
    return {
        "source": {
            "name": "Le Monde",
            "slug": "le-monde",
            "homepage": "https://lemonde.fr/",
            # Its domains (an inline), none typed.
            "domains-TOTAL_FORMS": "0",
            "domains-INITIAL_FORMS": "0",
        },
        "company": {
            "name": "Douyin",
            "slug": "douyin",
            "country": "CN",
            "parent": archive["bytedance"].pk,
            "website": "",
            "description": "",
        },
        "deal": None,
        "bid": {
            "deal": archive["deal"].pk,
            "bidders": [archive["microsoft"].pk],
            "status": Bid.Status.SUBMITTED,
            "amount": "20000000000",
            "currency": "USD",
            "submitted_on": "2020-08-30",
            "resolved_on": "",
            "countries": ["US"],
            "note": "A new bid",
            "sources": [archive["article"].pk],
        },
        "deadline": {
            "deal": archive["deal"].pk,
            "label": "A new deadline",
            "kind": Deadline.Kind.COURT,
            "due_on": "2020-10-01",
            "set_by": "A court",
            "status": Deadline.Status.PENDING,
            "extended_to": "",
            "note": "",
            "sources": [],
        },
        "article": {
            "title": "TikTok : Oracle choisi",
            "slug": "tiktok-oracle-choisi",
            "url": "",
            "source": archive["source"].pk,
            "language": "fr",
            "published_on": "2020-09-15",
            "author": "",
            "summary": "",
            "deals": [archive["deal"].pk],
            "companies": [archive["company"].pk],
        },
    }


MODEL_CLASSES = {
    "source": Source,
    "company": Company,
    "deal": Deal,
    "bid": Bid,
    "deadline": Deadline,
    "article": Article,
}


@pytest.mark.parametrize("model", ["source", "company", "bid", "deadline", "article"])
def test_add_page_saves_a_new_record(curator_client, archive, model):
    klass = MODEL_CLASSES[model]
    before = klass.objects.count()

    response = curator_client.post(
        admin_url(model, "add"), {**new_records(archive)[model], "_save": "Save"}
    )

    assert response.status_code == 302, response.context["errors"]
    assert klass.objects.count() == before + 1


def test_article_without_a_link_is_saved_with_no_url(curator_client, archive):
    curator_client.post(admin_url("article", "add"), new_records(archive)["article"])
    ArticleFactory(url=None)

    assert Article.objects.get(slug="tiktok-oracle-choisi").url is None


@pytest.mark.parametrize(
    "model, field, value",
    [
        ("source", "homepage", "https://www.zdnet.fr/actualites/"),
        ("company", "description", "Short-video app."),
        ("bid", "note", "Rejected on 13 September."),
        ("deadline", "note", "Extended by a week."),
        ("article", "summary", "Microsoft is out."),
    ],
)
def test_change_page_saves_an_edit(curator_client, archive, model, field, value):
    instance = archive[model]
    url = admin_url(model, "change", instance.pk)
    data = {**form_data(instance), field: value, "_save": "Save"}
    # The version the page carries, the deal's for a bid or deadline (edit
    # conflicts are refused).
    page = html(curator_client.get(url))
    data["version"] = re.search(r'name="version" value="([^"]*)"', page).group(1)
    if model == "source":
        # Its domains, an inline, as the page carries them.
        data.update(management_form(page, "domains", 0))

    response = curator_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    instance.refresh_from_db()
    assert getattr(instance, field) == value


# List pages run a fixed number of queries, however many rows


def make_rows(model: str, count: int) -> None:
    for _ in range(count):
        if model == "source":
            ArticleFactory(source=SourceFactory())
        elif model == "company":
            CompanyFactory(parent=CompanyFactory())
        elif model == "deal":
            DealFactory(seller=CompanyFactory(), countries=["US", "CA"])
        elif model == "bid":
            BidFactory(
                bidders=[CompanyFactory(), CompanyFactory()], amount=Decimal("1"), currency="USD"
            )
        elif model == "deadline":
            later = DeadlineFactory()
            DeadlineFactory(deal=later.deal, status=Deadline.Status.EXTENDED, extended_to=later)
        elif model == "article":
            ArticleFactory(deals=[DealFactory()], companies=[CompanyFactory()])


def changelist_queries(client, model: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", MODELS)
def test_changelist_runs_the_same_number_of_queries_for_3_or_20_rows(curator_client, model):
    make_rows(model, 3)
    changelist_queries(curator_client, model)  # warm the caches (content types, site)
    with_3 = changelist_queries(curator_client, model)

    make_rows(model, 17)
    changelist_queries(curator_client, model)  # new rows: the archive's cached figures renew
    with_20 = changelist_queries(curator_client, model)

    assert with_20 == with_3


def test_a_failed_save_links_each_field_in_error_under_the_banner(curator_client, archive):
    url = admin_url("deal", "add")
    data = new_deal_data(
        html(curator_client.get(url)), archive, submitted_on="2020-09-13", resolved_on="2020-08-27"
    )
    data.update(announced_on="2020-09-01", closed_on="2020-08-01")

    page = html(curator_client.post(url, data))

    links = page[
        page.index('id="error-links"') : page.index("</ul>", page.index('id="error-links"'))
    ]
    assert page.index('class="errornote"') < page.index('id="error-links"')
    assert '<a href="#id_closed_on">Closed on</a>: A deal cannot close before' in links
    assert '<a href="#id_bids-0-resolved_on">Bid 1 – Resolved on</a>' in links


@pytest.mark.parametrize("page", ["deal", "bid"])
def test_countries_are_typed_in_one_box_not_picked_from_249(curator_client, demo, page):
    deal = Deal.objects.get(slug="tiktok-us-operations")
    record = deal if page == "deal" else deal.bids.get(bidders__name="Oracle")
    html = curator_client.get(reverse(f"admin:articles_{page}_change", args=[record.pk])).text
    assert re.search(r'<input type="text" name="countries" value="[A-Z, ]+"', html)
    assert "selectfilter" not in html
    assert html.count('<option value="AU"') == 0


def test_a_bids_countries_are_saved_from_codes_and_names(curator_client, demo):
    bid = Bid.objects.get(deal__slug="tiktok-us-operations", bidders__name="Oracle")
    page = curator_client.get(reverse("admin:articles_bid_change", args=[bid.pk]))
    form = page.context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update(countries="United States, ca; NZ", version=form["version"].value())
    data["bidders"] = [company.pk for company in bid.bidders.all()]
    data["sources"] = [article.pk for article in bid.sources.all()]
    data["deal"] = bid.deal_id
    response = curator_client.post(reverse("admin:articles_bid_change", args=[bid.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    bid.refresh_from_db()
    assert [country.code for country in bid.countries] == ["CA", "NZ", "US"]

    data.update(countries="US, Narnia", version=version(Deal, bid.deal_id))
    response = curator_client.post(reverse("admin:articles_bid_change", args=[bid.pk]), data)
    assert "No country is called “Narnia”" in response.text
