"""Accessibility of the public site: the focus ring stands out from every
background (WCAG 1.4.11), each filter box is described by its help and its
errors (aria-describedby), and a title in another language than the page's
says which (lang), so that a screen reader pronounces it right."""

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import ArticleFactory, CompanyFactory, DealFactory

# The focus ring must stand out (WCAG 1.4.11: 3:1) from what it is drawn on.


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_focus_ring_stands_out_from_every_background():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6});", css))
    assert ":focus-visible { outline: 3px solid var(--focus);" in css
    for background in ("paper", "wash", "ink"):  # the page, boxes and footer, the header
        assert _contrast(colours["focus"], colours[background]) >= 3, background
    assert ".site-header :focus-visible { outline-color: var(--focus-on-dark); }" in css
    assert _contrast(colours["focus-on-dark"], colours["ink"]) >= 3


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Descriptions(HTMLParser):
    """The text of each element with an id, and the ids each element's
    aria-describedby names (keyed by its id, else "tag:n")."""

    def __init__(self):
        super().__init__()
        self.described, self.texts, self.open, self.unnamed = {}, {}, [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("aria-describedby"):
            if not attrs.get("id"):
                self.unnamed += 1
            key = attrs.get("id") or f"{tag}:{self.unnamed}"
            self.described[key] = attrs["aria-describedby"].split()
        if attrs.get("id"):
            self.texts.setdefault(attrs["id"], "")
        if tag not in VOID:
            self.open.append((tag, attrs.get("id")))

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for _tag, element in self.open:
            if element:
                self.texts[element] += data


def descriptions(html) -> dict[str, list[str]]:
    """For each described box, the texts it is described by (every id must exist)."""
    parser = _Descriptions()
    parser.feed(html)
    missing = {i for ids in parser.described.values() for i in ids} - parser.texts.keys()
    assert not missing, f"aria-describedby names no element: {missing}"
    return {
        box: [" ".join(parser.texts[i].split()) for i in ids]
        for box, ids in parser.described.items()
    }


@pytest.mark.django_db
class TestFilterBoxesAreDescribed:
    def test_deal_filters_help_and_errors(self, client):
        DealFactory()
        html = client.get(
            reverse("articles:deal_list"),
            {
                "announced_after": "soon",
                "country": "ZZ",
                "buyer": "Nobody at all",
            },
        ).content.decode()
        said = descriptions(html)
        assert said["id_company"] == ["Type part of a company's name."]
        assert said["id_buyer"] == [
            "Type part of a company's name.",
            "No company that made a bid matches “Nobody at all”.",
        ]
        assert said["id_announced_after"] == ["Enter a valid date."]
        assert said["id_country"][1] == "No country is called “ZZ”: choose one from the list."
        assert said["id_country"][0].startswith("The number beside each choice")
        assert len(said["fieldset:1"]) == 1  # status: only the help
        assert len(said["fieldset:2"]) == 1  # type: only the help
        assert 'aria-invalid="true"' in html

    @pytest.mark.parametrize(
        "name, query, box",
        [
            (
                "articles:article_list",
                {"published_before": "later", "language": "xx"},
                "id_language",
            ),
            ("articles:company_list", {"q": "x" * 300}, "id_q"),
            ("articles:deadline_list", {"kind": "coup"}, "id_kind"),
        ],
    )
    def test_other_lists_errors(self, client, name, query, box):
        said = descriptions(client.get(reverse(name), query).content.decode())
        assert said[box] and all(said[box])

    def test_without_errors_only_help_is_named(self, client):
        said = descriptions(client.get(reverse("articles:deadline_list")).content.decode())
        assert said == {"id_company": ["Type part of a company's name."]}


@pytest.mark.django_db
class TestTitlesInAnotherLanguage:
    @pytest.fixture
    def story(self):
        deal = DealFactory(title="TikTok", slug="tiktok")
        company = CompanyFactory(slug="oracle")
        french = ArticleFactory(
            title="Oracle retenu pour TikTok",
            language="fr",
            deals=[deal],
            companies=[company],
            published_on=datetime.date(2020, 9, 14),
        )
        english = ArticleFactory(
            title="Oracle picked for TikTok", language="en", deals=[deal], companies=[company]
        )
        return french, english

    @pytest.mark.parametrize(
        "url",
        ["/deals/tiktok/", "/companies/oracle/", "/search/?q=TikTok", "/articles/"],
    )
    def test_a_french_title_says_so_on_an_english_page(self, client, story, url):
        html = client.get(url).content.decode()
        french, english = story
        assert re.search(rf'<a href="{french.get_absolute_url()}" lang="fr">', html)
        assert re.search(rf'<a href="{english.get_absolute_url()}">', html)

    def test_an_english_title_says_so_on_a_french_page(self, client, story):
        french, english = (f"/fr{article.get_absolute_url()}" for article in story)
        html = client.get("/fr/deals/tiktok/").content.decode()
        assert f'<a href="{english}" lang="en">' in html
        assert f'<a href="{french}">' in html
