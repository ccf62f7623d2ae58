"""Property-based: thousands of generated query strings and paths thrown at
every public URL. Whatever arrives, the answer is a page, a redirect or a
clear 4xx, never a server error, and a streamed answer streams to its end.
Runs on SQLite and on PostgreSQL, which refuses NUL bytes and very long
identifiers in its own way, and whose search parser failed on 33 minus signs
in a row."""

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

# Every public URL, with the one real slug of each kind from the demo data.
URLS = [
    "/",
    "/deals/",
    "/deals/tiktok-us-operations/",
    "/companies/",
    "/companies/microsoft/",
    "/articles/",
    "/deadlines/",
    "/search/",
    "/suggest/companies/",
    "/feeds/articles/",
    "/feeds/articles/rss/",
    "/feeds/deals/",
    "/feeds/deals/rss/",
    "/feeds/deals/tiktok-us-operations/",
    "/feeds/companies/microsoft/rss/",
    "/calendar/deadlines.ics",
    "/calendar/deals/tiktok-us-operations.ics",
    "/calendar/companies/microsoft.ics",
    "/export/deals.csv",
    "/export/deals.json",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/fr/deals/",
    "/fr/search/",
]

# The parameters the pages read, and some they do not.
PARAMETERS = [
    "q", "page", "sort", "company", "buyer", "seller", "target", "country", "status",
    "type", "kind", "source", "language", "deal", "announced_after", "announced_before",
    "published_after", "published_before", "format", "o", "utm_source", "",
]  # fmt: skip

# Text that has broken web apps: NUL and control characters, surrogates'
# neighbours, right-to-left marks, huge numbers, SQL and template syntax.
NASTY = st.sampled_from(
    [
        "\x00", "%00", "\x00abc", "'", '"', "\\", "%", "_", "*", "--", "';--",
        "1 OR 1=1", "{{ 7*7 }}", "{% debug %}", "<script>", "../../etc/passwd",
        "\u202e", "\ufeff", "\U0001f600", "é", "ß", "İ", "0", "-1", "1e9999",
        "99999999999999999999999", "2020-02-30", "0000-00-00", "9999-12-31",
        "-0001-01-01", "NaN", "inf", " ", "\t\n", "US,CA", "us", "ZZ", "microsoft",
        "Microsoft & Walmart", "tiktok-us-operations", "rejected", "acquisition",
        "-" * 33 + "x", "- " * 40 + "x", '-"a" or ' * 12 + "b", "or " * 50, "\x0b", "\x0c",
        "tik\x0btok", "\x1f\x7f", "\u0085", "\u2028", "\u180e",
    ]
)  # fmt: skip
VALUES = st.one_of(NASTY, st.text(max_size=40), st.text(min_size=300, max_size=3000))
QUERIES = st.lists(
    st.tuples(st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=12)), VALUES),
    max_size=6,
)
PATH_SEGMENTS = st.lists(st.one_of(NASTY, st.text(min_size=1, max_size=60)), min_size=1, max_size=4)

PATH_PREFIXES = [
    "/deals/", "/companies/", "/articles/", "/feeds/deals/", "/feeds/companies/",
    "/calendar/deals/", "/calendar/companies/", "/fr/deals/", "/", "/fr/",
    "/sitemap-", "/export/",
]  # fmt: skip

FUZZ = settings(
    max_examples=1200,
    deadline=None,
    derandomize=True,  # the same examples each run: a failure is reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# Search syntax repeated, and control or invisible characters, as pasted or
# typed by someone testing the parser: runs of one (up to the 200 characters
# a search may hold) and mixtures of all.
OPERATORS = ["-", "- ", "or ", "OR ", '"', '-"', "!", "&", "|", "(", ")", "<", "\\", ":*", "'"]
CONTROLS = [chr(code) for code in range(1, 32)] + [
    "\x7f", "\u0085", "\u00a0", "\u00ad", "\u180e", "\u200b", "\u2028", "\u3000", "\ufeff",
]  # fmt: skip
WORDS = st.sampled_from(["", "x", "acquisition", "tiktok", "microsoft walmart", '"forced sale"'])
STORMS = st.builds(
    lambda run, times, word: (run * times)[: 200 - len(word)] + word,
    st.sampled_from(OPERATORS + CONTROLS),
    st.integers(min_value=1, max_value=200),
    WORDS,
)
MIXTURES = st.lists(st.sampled_from([*OPERATORS, *CONTROLS, "a", "x", " "]), max_size=60).map(
    "".join
)
SEARCH_TEXT = st.one_of(STORMS, MIXTURES)
# Every page that reads words or names typed in a box.
TEXT_URLS = [
    "/deals/", "/fr/deals/", "/feeds/deals/", "/feeds/deals/rss/", "/export/deals.csv",
    "/export/deals.json", "/search/", "/fr/search/", "/companies/", "/articles/",
    "/deadlines/", "/suggest/companies/",
]  # fmt: skip
# q= most often: it reaches PostgreSQL's search parser.
TEXT_PARAMETERS = ["q", "q", "q", "company", "buyer", "seller", "target", "source", "deal"]


def assert_answers(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code < 500, f"{response.status_code} for {url!r}"
    if response.streaming:
        # An export: read to its end and closed, as a server does (it holds
        # its slot until then); an error while streaming raises here.
        b"".join(response.streaming_content)


@FUZZ
@given(url=st.sampled_from(URLS), query=QUERIES)
def test_no_query_string_makes_a_server_error(client, demo, url, query):
    assert_answers(client, f"{url}?{urlencode(query)}")


@settings(FUZZ, max_examples=400)
@given(
    url=st.sampled_from(TEXT_URLS),
    name=st.sampled_from(TEXT_PARAMETERS),
    text=SEARCH_TEXT,
)
def test_no_search_text_makes_a_server_error(client, demo, url, name, text):
    assert_answers(client, f"{url}?{urlencode({name: text})}")


@FUZZ
@given(
    prefix=st.sampled_from(PATH_PREFIXES),
    segments=PATH_SEGMENTS,
    raw_tail=st.sampled_from(["", "/", ".ics", "/rss/", ".xml", "?page=2", "%", "%zz", "%00"]),
)
def test_no_path_makes_a_server_error(client, demo, prefix, segments, raw_tail):
    path = prefix + "/".join(quote(segment, safe="") for segment in segments) + raw_tail
    assert_answers(client, path)


# Parameters repeated, as a crafted URL repeats them to make a page (and a
# cache entry) as large as it can: up to 150 values of the lists' own
# parameters, valid choices and not.
LIST_URLS = ["/deals/", "/fr/deals/", "/companies/", "/articles/", "/deadlines/"]
REPEATED = st.lists(
    st.tuples(
        st.sampled_from(["status", "type", "country", "buyer", "page", "sort", "language"]),
        st.sampled_from(["completed", "abandoned", "merger", "us", "fr", "x", "", "2", "-value"]),
    ),
    min_size=20,
    max_size=150,
)


@settings(FUZZ, max_examples=200)
@given(url=st.sampled_from(LIST_URLS), query=REPEATED)
def test_no_repeated_parameter_makes_a_server_error_or_a_large_page(client, demo, url, query):
    response = client.get(f"{url}?{urlencode(query)}", follow=True)
    assert response.status_code < 500
    # Redirected to one canonical address, whose page lists each choice once.
    assert len(response.content) < 200_000, (url, len(response.content))
