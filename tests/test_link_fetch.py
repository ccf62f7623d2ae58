"""Fetching a pasted link: what a page says about itself is read, and every
way a fetch can go wrong ends in one clear line, with nothing fetched from an
address that is not public (asserted at the socket: the trap is never
reached)."""

import datetime
import socket
import time

import pytest

from articles import link_fetch
from articles.link_fetch import FetchError, fetch
from articles.link_metadata import clean_url, domain_of, extract, same_page_urls

ZDNET_PATH = "/actualites/microsoft-ecarte-du-rachat-de-tiktok-39909603.htm"


def test_a_french_news_page_gives_its_metadata(link_server):
    found = extract(fetch(link_server.url(ZDNET_PATH)))

    assert found.title == "Microsoft écarté du rachat de TikTok"
    assert found.published_on == datetime.date(2020, 9, 14)
    assert found.author == "Mathilde Rochefort"
    assert found.language == "fr"
    assert found.site_name == "ZDNet France"
    assert found.url == "https://www.zdnet.fr" + ZDNET_PATH


def test_an_english_page_gives_its_metadata(link_server):
    found = extract(fetch(link_server.url("/wire/oracle-wins-tiktok")))

    assert found.title == "Oracle wins bid for TikTok's U.S. operations"
    assert found.published_on == datetime.date(2020, 9, 14)
    assert found.author == "Jane Carter"
    assert found.language == "en"
    assert found.site_name == "Wire Report"


def test_a_page_without_metadata_says_so(link_server):
    found = extract(fetch(link_server.url("/bare")))

    assert found.is_empty()
    assert found.title == ""
    assert found.published_on is None


def test_the_fetcher_names_itself(link_server):
    fetch(link_server.url("/bare"))
    assert "dealwatch" in link_server.user_agents[-1]


def test_redirects_are_followed_and_tracking_is_dropped(link_server):
    page = fetch(link_server.url("/moved"))
    found = extract(page)

    assert page.url == link_server.url("/wire/oracle-wins-tiktok?utm_source=feed")
    assert found.title == "Oracle wins bid for TikTok's U.S. operations"
    assert "utm_source" not in found.url


def test_five_redirects_are_followed_but_not_six(link_server):
    assert fetch(link_server.url("/hop/4")).url.endswith("/bare")
    with pytest.raises(FetchError, match="redirects more than 5 times"):
        fetch(link_server.url("/hop/5"))


@pytest.mark.parametrize("path", ["/to-loopback", "/to-localhost"])
def test_a_redirect_to_a_loopback_address_is_refused_before_connecting(link_server, path):
    with pytest.raises(FetchError, match="not a public one"):
        fetch(link_server.url(path))
    assert link_server.trap.reached == 0


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "[::1]", "10.1.2.3", "192.168.0.1", "169.254.169.254"]
)
def test_addresses_that_are_not_public_are_never_connected_to(link_server, monkeypatch, host):
    connected = []
    real = socket.create_connection
    monkeypatch.setattr(
        socket, "create_connection", lambda address, *a, **k: connected.append(address)
    )

    with pytest.raises(FetchError, match="not a public one"):
        fetch(f"http://{host}:{link_server.trap.port}/")

    monkeypatch.setattr(socket, "create_connection", real)
    assert connected == []
    assert link_server.trap.reached == 0


def test_the_allowance_is_off_by_default(link_server, settings):
    del settings.LINK_FETCH_ALLOWED_ADDRESSES
    with pytest.raises(FetchError, match="not a public one"):
        fetch(link_server.url("/bare"))


@pytest.mark.parametrize("url", ["ftp://example.com/a", "file:///etc/passwd", "javascript:x"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchError, match="Only http and https"):
        fetch(url)


def test_a_missing_page_says_so(link_server):
    with pytest.raises(FetchError, match="answered 404"):
        fetch(link_server.url("/gone"))


def test_a_page_that_is_not_html_is_refused(link_server):
    with pytest.raises(FetchError, match="application/pdf, not to a web page"):
        fetch(link_server.url("/report.pdf"))


def test_a_huge_page_is_not_read_past_five_megabytes(link_server):
    with pytest.raises(FetchError, match="larger than 5 MB"):
        fetch(link_server.url("/huge"))


def test_a_slow_site_is_given_up_on(link_server, monkeypatch):
    monkeypatch.setattr(link_fetch, "TIMEOUT", 1.0)
    with pytest.raises(FetchError, match="more than 1 seconds"):
        fetch(link_server.url("/slow"))


def test_links_to_one_page_are_recognised():
    pasted = "http://zdnet.fr/actualites/tiktok/?utm_source=twitter&utm_medium=social#top"
    assert clean_url(pasted) == "http://zdnet.fr/actualites/tiktok/"
    assert "https://www.zdnet.fr/actualites/tiktok" in same_page_urls(pasted)
    assert "http://zdnet.fr/actualites/tiktok/" in same_page_urls(pasted)
    assert domain_of("https://WWW.ZDNet.fr/x") == "zdnet.fr"
    assert clean_url("https://example.com/a?id=3&fbclid=x") == "https://example.com/a?id=3"


def test_a_slow_name_lookup_counts_against_the_time(monkeypatch):
    monkeypatch.setattr(link_fetch, "TIMEOUT", 1.0)
    real = socket.getaddrinfo

    def slow(*args, **kwargs):
        time.sleep(3)
        return real(*args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    started = time.monotonic()
    with pytest.raises(FetchError, match="more than 1 seconds"):
        fetch("https://news.example/")
    assert time.monotonic() - started < 2
