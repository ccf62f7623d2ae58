"""/search/: articles, deals and companies, grouped, ranked on PostgreSQL,
with escaped snippets whose matched words are marked."""

import datetime

import pytest
from django.db import connection
from django.test.html import Element, parse_html
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.search import ARTICLE_LIMIT, START, STOP, highlight, parse_terms
from tests.factories import ArticleFactory, BidFactory, CompanyFactory, DealFactory

URL = reverse("articles:search")

postgresql_only = pytest.mark.postgres(
    reason="full-text search (word forms, accents, ranking) runs on PostgreSQL only"
)


def elements(node, tag, **attrs):
    """Every ``tag`` element under ``node`` with these attributes."""
    found = []
    for child in getattr(node, "children", []):
        if isinstance(child, Element):
            if child.name == tag and all(
                dict(child.attributes).get(key) == value for key, value in attrs.items()
            ):
                found.append(child)
            found.extend(elements(child, tag, **attrs))
    return found


def text(node) -> str:
    if isinstance(node, str):
        return node
    return "".join(text(child) for child in node.children)


def main(response):
    [main] = elements(parse_html(response.content.decode()), "main")
    return main


def titles(group) -> list[str]:
    return [str(getattr(row, "title", None) or row.name) for row in group.items]


@pytest.mark.django_db
def test_without_words_the_page_shows_the_form_and_no_results(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["results"] is None
    [form] = elements(main(response), "form", role="search")
    assert elements(form, "input", name="q")
    assert not elements(main(response), "section")

    response = client.get(URL, {"q": "   "}, follow=True)
    assert response.redirect_chain == [(URL, 302)]  # no empty q= in the address
    assert response.context["results"] is None


@pytest.mark.django_db
def test_every_page_has_a_labelled_search_box_in_its_header(client):
    page = parse_html(client.get(reverse("articles:search")).content.decode())
    [header] = elements(page, "header", **{"class": "site-header"})
    [form] = elements(header, "form", role="search")
    assert dict(form.attributes)["action"] == URL
    [box] = elements(form, "input", name="q")
    [label] = elements(form, "label")
    assert dict(label.attributes)["for"] == dict(box.attributes)["id"]


@pytest.mark.django_db
def test_finds_articles_deals_and_companies_in_their_own_groups(client):
    walmart = CompanyFactory(name="Walmart", slug="walmart")
    deal = DealFactory(title="Walmart buys Flipkart")
    ArticleFactory(title="Walmart closes its Flipkart deal", deals=[deal])
    ArticleFactory(title="Unrelated news")

    response = client.get(URL, {"q": "walmart"})
    results = response.context["results"]
    assert titles(results.deals) == [deal.title]
    assert titles(results.companies) == [walmart.name]
    assert titles(results.articles) == ["Walmart closes its Flipkart deal"]
    headings = [text(h).strip() for h in elements(main(response), "h2")]
    assert headings == ["Deals", "Companies", "Articles"]


@pytest.mark.django_db
def test_every_word_must_match(client):
    ArticleFactory(title="Microsoft and Walmart bid together")
    ArticleFactory(title="Microsoft alone")
    results = client.get(URL, {"q": "microsoft walmart"}).context["results"]
    assert titles(results.articles) == ["Microsoft and Walmart bid together"]


@pytest.mark.django_db
def test_a_word_after_a_minus_is_left_out(client):
    ArticleFactory(title="TikTok sale talks with Oracle")
    ArticleFactory(title="TikTok sale talks with Microsoft")
    results = client.get(URL, {"q": "tiktok -oracle"}).context["results"]
    assert titles(results.articles) == ["TikTok sale talks with Microsoft"]


@pytest.mark.django_db
def test_a_quoted_phrase_must_appear_as_written(client):
    ArticleFactory(title="A forced sale ordered by the president")
    ArticleFactory(title="The sale was not forced")
    results = client.get(URL, {"q": '"forced sale"'}).context["results"]
    assert titles(results.articles) == ["A forced sale ordered by the president"]


@pytest.mark.django_db
def test_a_deal_is_found_through_a_bidders_name(client):
    oracle = CompanyFactory(name="Oracle", slug="oracle")
    deal = DealFactory(title="Forced sale of TikTok's US operations", summary="")
    BidFactory(deal=deal, bidders=[oracle])
    DealFactory(title="Another deal")
    results = client.get(URL, {"q": "oracle"}).context["results"]
    assert titles(results.deals) == [deal.title]


@pytest.mark.django_db
def test_matched_words_are_marked_in_titles_and_snippets(client):
    ArticleFactory(
        title="Microsoft walks away",
        summary="ByteDance told Microsoft it would not sell TikTok to it.",
    )
    page = main(client.get(URL, {"q": "microsoft"}))
    marks = [text(mark) for mark in elements(page, "mark")]
    assert marks == ["Microsoft", "Microsoft"]  # once in the title, once in the snippet
    [snippet] = elements(page, "p", **{"class": "snippet"})
    # How far the snippet runs past the match is PostgreSQL's choice.
    assert snippet.children[:2] == ["ByteDance told", parse_html("<mark>Microsoft</mark>")]


@pytest.mark.django_db
def test_markup_in_names_and_summaries_is_shown_as_text(client):
    CompanyFactory(
        name="Evil <script>alert(1)</script> Corp",
        description="Evil <img src=x onerror=alert(1)> holdings",
    )
    ArticleFactory(title="Evil <b>bold</b> news", summary="Evil <script>alert(2)</script>")
    response = client.get(URL, {"q": "evil"})
    page = main(response)
    assert not elements(page, "script")
    assert not elements(page, "img")
    assert not elements(page, "b")
    shown = text(page)
    assert "<script>alert(1)</script>" in shown
    assert "<img src=x onerror=alert(1)>" in shown


def test_highlight_escapes_everything_and_always_pairs_its_marks():
    snippet = f"<i>{START}a&b{STOP} {STOP}stray {START}open"
    assert parse_html(highlight(snippet)) == parse_html("&lt;i&gt;<mark>a&amp;b</mark> stray open")


def test_parse_terms_reads_words_phrases_and_exclusions():
    assert parse_terms('tiktok "forced  sale" -oracle -"joint bid" microsoft') == (
        ["tiktok", "forced sale", "microsoft"],
        ["oracle", "joint bid"],
    )


@pytest.mark.django_db
def test_a_very_long_search_gets_a_message_and_runs_no_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(URL, {"q": "x" * 10_000})
    assert response.status_code == 200
    assert response.context["results"] is None
    [errors] = elements(main(response), "ul", **{"class": "errorlist"})
    assert "at most 200 characters" in text(errors)


@pytest.mark.django_db
def test_a_search_of_only_exclusions_asks_for_a_word(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(URL, {"q": "-oracle -walmart"})
    assert response.context["results"] is None
    [errors] = elements(main(response), "ul", **{"class": "errorlist"})
    assert text(errors).strip() == "Say what to look for, not only what to leave out."


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["the", "!!!", "'&|!:*()<>", "a\x00b", '"', "-", "or", '-""'])
def test_odd_searches_never_fail(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_results(client, django_assert_num_queries):
    target = CompanyFactory(name="Target Holdings")
    for n in range(ARTICLE_LIMIT + 5):
        ArticleFactory(title=f"Merger news {n}", published_on=datetime.date(2024, 1, 1))
    for n in range(15):
        DealFactory(title=f"Merger {n}", target=target)
        CompanyFactory(name=f"Merger Partners {n}")
    # Articles with their source; deals with their target; companies. On
    # PostgreSQL, within the test's transaction, a savepoint around them (made
    # and released): a search its parser refused would break the transaction.
    savepoint = 2 if connection.vendor == "postgresql" else 0
    with django_assert_num_queries(3 + savepoint):
        response = client.get(URL, {"q": "merger"})
    results = response.context["results"]
    assert len(results.articles.items) == ARTICLE_LIMIT
    assert results.articles.has_more
    assert elements(main(response), "p", **{"class": "more"})


@postgresql_only
@pytest.mark.django_db
def test_french_word_forms_match(client):
    ArticleFactory(title="Les rachats de TikTok", language="fr")
    ArticleFactory(title="Figma, acquise par Adobe", language="fr")
    ArticleFactory(title="Un autre sujet", language="fr")
    results = client.get(URL, {"q": "rachat"}).context["results"]
    assert titles(results.articles) == ["Les rachats de TikTok"]
    # English stemming would not make these one word: French stemming does.
    results = client.get(URL, {"q": "acquis"}).context["results"]
    assert titles(results.articles) == ["Figma, acquise par Adobe"]


@postgresql_only
@pytest.mark.django_db
def test_english_word_forms_match(client):
    ArticleFactory(title="Microsoft acquisitions this year", language="en")
    results = client.get(URL, {"q": "acquisition"}).context["results"]
    assert titles(results.articles) == ["Microsoft acquisitions this year"]


@postgresql_only
@pytest.mark.django_db
def test_french_search_ignores_accents(client):
    ArticleFactory(title="Les élèves de l'école", language="fr")
    results = client.get(URL, {"q": "eleve ecole"}).context["results"]
    assert titles(results.articles) == ["Les élèves de l'école"]


@postgresql_only
@pytest.mark.django_db
def test_a_match_in_the_title_ranks_above_one_in_the_summary(client):
    # The summary-only match is newer, so only ranking can put it second.
    ArticleFactory(
        title="Quarterly results",
        summary="Figures that mention Broadcom once.",
        published_on=datetime.date(2024, 5, 1),
    )
    ArticleFactory(
        title="Broadcom bids for Qualcomm",
        summary="Broadcom's offer.",
        published_on=datetime.date(2024, 1, 1),
    )
    results = client.get(URL, {"q": "broadcom"}).context["results"]
    assert titles(results.articles) == ["Broadcom bids for Qualcomm", "Quarterly results"]


@postgresql_only
@pytest.mark.django_db
def test_a_deal_found_through_a_party_still_honours_an_excluded_word(client):
    tiktok = CompanyFactory(name="TikTok", slug="tiktok")
    with_oracle = DealFactory(title="Sale of US operations", target=tiktok, summary="Oracle won.")
    other = DealFactory(title="Sale of the European business", target=tiktok, summary="")
    results = client.get(URL, {"q": "tiktok -oracle"}).context["results"]
    assert titles(results.deals) == [other.title]
    assert with_oracle.title not in titles(results.deals)


@postgresql_only
@pytest.mark.django_db
def test_the_index_follows_edits_without_manual_steps(client):
    article = ArticleFactory(title="Old headline")
    article.title = "Brand new headline"
    article.save()
    assert titles(client.get(URL, {"q": "brand"}).context["results"].articles) == [
        "Brand new headline"
    ]
    assert not client.get(URL, {"q": "old"}).context["results"]


@postgresql_only
@pytest.mark.django_db
@pytest.mark.parametrize("index", ["en", "fr", "other"])
def test_each_languages_articles_are_searched_through_their_own_index(index):
    """The expressions of search.ARTICLE_VECTORS are those of migration 0006's
    indexes; if they drift apart, search reads every article again."""
    from articles.models import Article
    from articles.search import ARTICLE_VECTORS, _websearch

    candidates = Article.objects.alias(**ARTICLE_VECTORS).filter(
        **{f"{index}_vector": _websearch("rachat", "dealwatch_french")}
    )
    sql, params = candidates.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"article_search_{index}_idx" in plan


@postgresql_only
@pytest.mark.django_db
def test_a_common_word_ranks_the_newest_matches(client, monkeypatch):
    """The best are picked among the newest CANDIDATES matches: an old article
    whose title says it all loses to newer ones only when it is not among them."""
    monkeypatch.setattr("articles.search.CANDIDATES", 3)
    ArticleFactory(title="Rachat", summary="", published_on=datetime.date(2019, 1, 1))
    for day in range(1, 4):
        ArticleFactory(
            title=f"Semaine {day}",
            summary="Il est question d'un rachat.",
            published_on=datetime.date(2024, 1, day),
            language="fr",
        )
    found = titles(client.get(URL, {"q": "rachat"}).context["results"].articles)
    assert found == ["Semaine 3", "Semaine 2", "Semaine 1"]


@postgresql_only
@pytest.mark.django_db
def test_the_deal_list_finds_its_matches_once_per_request(client):
    # A common word's matches were searched for five times (the count, both
    # facets, the paginator and the page): now once, then read by id.
    for n in range(30):
        DealFactory(title=f"Semiconductor deal {n}")
    DealFactory(title="A bank merger")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("articles:deal_list"), {"q": "semiconductor"})
    assert response.status_code == 200
    assert response.context["paginator"].count == 30
    assert len(response.context["object_list"]) == 25
    searches = [q["sql"] for q in queries.captured_queries if " @@ " in q["sql"]]
    assert len(searches) == 1
    # A facet chosen: its counts set it aside, so its matches are searched apart.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            reverse("articles:deal_list"), {"q": "semiconductor", "status": "announced"}
        )
    assert response.status_code == 200
    assert len([q for q in queries.captured_queries if " @@ " in q["sql"]]) == 2
