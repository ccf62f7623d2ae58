"""Dates typed in the admin are never misread: a slash date that reads two ways
is refused with both readings, in English and in French; ISO dates and dates
with a month name are read in either language."""

import datetime
import re

import pytest

from articles.date_input import AmbiguousDate, parse_date
from articles.models import Deal
from tests.admin_forms import form_data
from tests.factories import CompanyFactory, DealFactory

D = datetime.date


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("2020-08-02", D(2020, 8, 2)),
        ("2 Aug 2020", D(2020, 8, 2)),
        ("August 2, 2020", D(2020, 8, 2)),
        ("Sept 15, 2020", D(2020, 9, 15)),
        ("2 août 2020", D(2020, 8, 2)),
        ("2 aout 2020", D(2020, 8, 2)),
        ("le 1er févr. 2021", D(2021, 2, 1)),
        ("13/08/2020", D(2020, 8, 13)),
        ("08/13/2020", D(2020, 8, 13)),
        ("02/02/2020", D(2020, 2, 2)),
        ("15.09.2020", D(2020, 9, 15)),
    ],
)
def test_dates_that_mean_one_day_are_read(typed, meant):
    assert parse_date(typed) == meant


def test_a_slash_date_that_reads_two_ways_gives_both_readings():
    with pytest.raises(AmbiguousDate) as raised:
        parse_date("02/08/2020")
    assert raised.value.readings == (D(2020, 8, 2), D(2020, 2, 8))


@pytest.mark.parametrize("typed", ["31/02/2020", "2 Aug", "Augtober 2 2020", "2020", "soon"])
def test_what_is_not_a_date_is_refused(typed):
    with pytest.raises(ValueError):
        parse_date(typed)


@pytest.fixture
def deal(db):
    return DealFactory(
        title="TikTok", slug="tiktok", target=CompanyFactory(), announced_on=D(2020, 8, 6)
    )


def save_deal(client, deal, prefix: str, announced_on: str):
    url = f"{prefix}/admin/articles/deal/{deal.pk}/change/"
    page = client.get(url).content.decode()
    return client.post(url, form_data(page, announced_on=announced_on))


@pytest.mark.parametrize(
    "prefix, readings",
    [
        ("", ["could be 2 August 2020 or 8 February 2020", "2020-08-02", "2020-02-08"]),
        ("/fr", ["peut se lire 2 août 2020 ou 8 février 2020", "2020-08-02", "2020-02-08"]),
    ],
)
def test_an_ambiguous_date_is_refused_with_both_readings(curator_client, deal, prefix, readings):
    response = save_deal(curator_client, deal, prefix, "02/08/2020")

    assert response.status_code == 200
    page = response.content.decode()
    for reading in readings:
        assert reading in page
    deal.refresh_from_db()
    assert deal.announced_on == D(2020, 8, 6)


@pytest.mark.parametrize("prefix", ["", "/fr"])
@pytest.mark.parametrize("typed", ["2 août 2020", "Aug 2, 2020", "2020-08-02"])
def test_unambiguous_dates_save_in_either_language(curator_client, deal, prefix, typed):
    response = save_deal(curator_client, deal, prefix, typed)

    assert response.status_code == 302
    assert Deal.objects.get(pk=deal.pk).announced_on == D(2020, 8, 2)


def test_the_french_admin_shows_and_keeps_dates_year_first(curator_client, deal):
    """The French admin used to show 06/08/2020, which would now be refused
    on the next save, and its calendar wrote the same."""
    url = f"/fr/admin/articles/deal/{deal.pk}/change/"
    page = curator_client.get(url).content.decode()
    assert 'value="2020-08-06"' in page
    catalog = curator_client.get("/fr/admin/jsi18n/").content.decode()
    assert re.search(r"\"DATE_INPUT_FORMATS\": \[\s*\"%Y-%m-%d\"", catalog)

    response = curator_client.post(url, form_data(page))

    assert response.status_code == 302
    assert Deal.objects.get(pk=deal.pk).announced_on == D(2020, 8, 6)


def test_inline_bid_dates_are_checked_too(curator_client, deal):
    url = f"/admin/articles/deal/{deal.pk}/change/"
    page = curator_client.get(url).content.decode()
    data = form_data(page)
    data.update(
        {
            "bids-TOTAL_FORMS": "1",
            "bids-0-bidders": [deal.target.pk],
            "bids-0-status": "submitted",
            "bids-0-submitted_on": "03/04/2020",
            "bids-0-deal": str(deal.pk),
        }
    )

    response = curator_client.post(url, data)

    assert response.status_code == 200
    assert "could be 3 April 2020 or 4 March 2020" in response.content.decode()
    assert not deal.bids.exists()
