"""What readers type to search, normalised before PostgreSQL's parser reads
it: 33 stacked minus signs used to crash the parser ("tsquery stack too
small") and answer 500 on the deal list, its feeds and /search/, and an
empty 200 on the exports."""

import codecs
import json

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.search_text import MAX_TERMS, UNREADABLE, normalise, parse_terms
from tests.factories import DealFactory

postgresql_only = pytest.mark.postgres(
    reason="the tsquery parser and its stack of 32 operators are PostgreSQL's"
)

# Every address that reads the deal list's words (q=), or /search/'s.
SEARCHING_URLS = [
    "/deals/",
    "/fr/deals/",
    "/feeds/deals/",
    "/feeds/deals/rss/",
    "/export/deals.csv",
    "/export/deals.json",
    "/search/",
    "/fr/search/",
]

# Runs of operators that reach the parser's limit, raw: a run of minus signs
# whatever lies between them, and long chains of the other operators.
STORMS = [
    "-" * 33 + "acquisition",
    "-" * 199 + "x",
    "- " * 40 + "acquisition",
    "-!" * 40 + "acquisition",
    "-(" * 40 + "acquisition",
    "acquisition&" + "-&" * 40 + "tiktok",
    '-"a" or ' * 20 + "acquisition",
    "acquisition " + "or " * 60 + "tiktok",
    '"' * 60 + "-" * 60,
    "-\x0b-\x0c-\t-\u00a0-\u180e-" * 8 + "acquisition",
]


# The text itself: no database.


@pytest.mark.parametrize(
    "text",
    ["-" * 33 + "x", "-" * 1000 + "x", "- " * 40 + "x", "-!-&-|-(-)-<-x", "-\x0b-\u2028-\\-x"],
)
def test_a_run_of_minus_signs_is_one(text):
    assert normalise(text) == "-x"


def test_or_between_two_terms_is_kept_once_and_a_dangling_one_dropped():
    assert normalise("oracle OR or or walmart") == "oracle or walmart"
    assert normalise("oracle or") == "oracle"
    assert normalise("oracle or -walmart") == "oracle or -walmart"
    assert normalise("or bid") == "or bid"  # a first "or" is a word, as PostgreSQL reads it


def test_control_characters_and_backslashes_separate_words():
    assert normalise("tik\x0btok\x00\x1fbid\\deal") == "tik tok bid deal"
    assert parse_terms('"forced\x0csale"') == (["forced sale"], [])


def test_phrases_keep_their_words_and_empty_ones_are_dropped():
    assert normalise('tiktok "forced  sale" -oracle -"joint bid" ""  -""') == (
        'tiktok "forced sale" -oracle -"joint bid"'
    )
    assert normalise('"unfinished phrase') == '"unfinished phrase"'


def test_at_most_max_terms_terms_are_kept():
    words = [f"w{n}" for n in range(MAX_TERMS + 10)]
    assert normalise(" ".join(words)) == " ".join(words[:MAX_TERMS])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from('-" or\\!&|()<a\x0b\u00a0\u180e'), max_size=80))
def test_normalising_twice_changes_nothing(text):
    once = normalise(text)
    assert normalise(once) == once
    assert parse_terms(once) == parse_terms(text)


# The pages, on either database.


@pytest.mark.django_db
@pytest.mark.parametrize("url", SEARCHING_URLS)
@pytest.mark.parametrize("q", STORMS)
def test_no_storm_of_operators_makes_a_server_error(client, url, q):
    DealFactory(title="TikTok acquisition")
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    # An export is complete, not the empty body it used to be.
    if url.endswith(".json"):
        json.loads(b"".join(response.streaming_content))
    elif url.endswith(".csv"):
        assert b"".join(response.streaming_content).startswith(codecs.BOM_UTF8 + b"slug,")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/deals/", "/search/"])
def test_1000_stacked_minus_signs_are_refused_as_too_long(client, url):
    response = client.get(url, {"q": "-" * 1000 + "x"})
    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()


@pytest.mark.django_db
def test_stacked_minus_signs_leave_out_a_word_on_the_deal_list(client):
    DealFactory(title="Oracle buys TikTok")
    DealFactory(title="Walmart buys Flipkart")
    response = client.get("/deals/", {"q": "buys " + "-" * 40 + "oracle"})
    assert [deal.title for deal in response.context["object_list"]] == ["Walmart buys Flipkart"]


@pytest.mark.django_db
def test_the_deal_list_reads_phrases_and_exclusions_on_either_database(client):
    DealFactory(title="Forced sale of TikTok")
    DealFactory(title="Sale forced on Oracle")
    DealFactory(title="Forced sale of Grindr")

    def titles(q):
        return sorted(deal.title for deal in client.get("/deals/", {"q": q}).context["object_list"])

    assert titles('"forced sale" -grindr') == ["Forced sale of TikTok"]
    assert titles("!!!") == []  # nothing to search for matches nothing, as on PostgreSQL


# PostgreSQL's parser itself.


def _parse(cursor, text):
    for config in ("dealwatch_english", "dealwatch_french", "dealwatch_simple"):
        cursor.execute("SELECT websearch_to_tsquery(%s::regconfig, %s)", [config, text])


@postgresql_only
@pytest.mark.django_db
def test_the_parser_reads_every_normalised_storm_up_to_1000_operators():
    patterns = ["-", "- ", "-!", '-"', "or ", 'x or -"y" ', "-(", "-\x0b", "&-"]
    with connection.cursor() as cursor:
        for pattern in patterns:
            for n in (31, 32, 33, 34, 100, 1000):
                _parse(cursor, normalise(pattern * n + "x"))
        # The raw text does reach the limit: what the normalising is for.
        with pytest.raises(Exception, match="tsquery stack too small"):
            _parse(cursor, "-" * 33 + "x")


@postgresql_only
@pytest.mark.django_db
@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.text(
        alphabet=st.sampled_from("-\" orOR\\!&|()<:*'ax\t\x0b\x0c\x00\x1f\u00a0\u180e\u2028\u3000"),
        max_size=200,
    )
)
def test_the_parser_reads_whatever_is_normalised(text):
    with connection.cursor() as cursor:
        _parse(cursor, normalise(text))


@postgresql_only
@pytest.mark.django_db
def test_a_search_the_parser_still_refuses_gets_a_message_or_a_400(client, monkeypatch):
    """Should the normalising ever miss a case, the reader gets a message on
    /search/ and the deal list, and a 400 from the feeds and exports, not a
    server error."""
    DealFactory(title="TikTok acquisition")
    for module in ("articles.search_text", "articles.search", "articles.querysets"):
        monkeypatch.setattr(f"{module}.normalise", lambda text: text)
    q = "tiktok " + "-" * 33 + "acquisition"

    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert response.context["results"] is None
    assert response.context["form"].errors == {"q": [str(UNREADABLE)]}
    assert str(UNREADABLE) in response.content.decode()
    deals = client.get("/deals/", {"q": q})
    assert deals.status_code == 200
    assert str(UNREADABLE) in deals.content.decode()
    for url in ("/feeds/deals/", "/feeds/deals/rss/", "/export/deals.csv", "/export/deals.json"):
        response = client.get(url, {"q": q})
        assert response.status_code == 400, url
        assert f"q: {UNREADABLE}" in response.content.decode()
