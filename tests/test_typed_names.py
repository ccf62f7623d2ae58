"""Companies and countries named by typing on the story desk."""

import pytest
from django.utils import translation

from articles.company_names import comparable, near, split_names
from articles.country_input import TypedCountriesField, country_code
from tests.factories import CompanyFactory


@pytest.mark.parametrize(
    "typed", ["bytedance", "ByteDance Ltd.", "BYTEDANCE, Inc.", "Byte-Dance SA", "BytéDance"]
)
def test_names_differing_by_case_accents_punctuation_or_legal_form_compare_equal(typed):
    assert comparable(typed) == comparable("ByteDance")


def test_a_joint_bid_is_typed_with_commas_and_legal_forms_stay_with_their_name():
    assert split_names("Microsoft, Walmart") == ["Microsoft", "Walmart"]
    assert split_names("Sony Group, Inc.; Oracle") == ["Sony Group, Inc.", "Oracle"]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["Bytedance Ltd", "Byte Dance", "BYTEDANCE INC."])
def test_close_names_are_offered(typed):
    bytedance = CompanyFactory(name="ByteDance", slug="bytedance")
    CompanyFactory(name="Walmart", slug="walmart")
    assert near(typed) == [bytedance]


@pytest.mark.django_db
def test_unrelated_names_are_not_offered():
    CompanyFactory(name="ByteDance", slug="bytedance")
    assert near("Oracle") == []


def test_an_exact_code_wins_over_a_name():
    assert country_code("US") == "US"
    assert country_code("au") == "AU"
    assert country_code("USA") == "US"


def test_countries_are_named_in_the_pages_language():
    with translation.override("fr"):
        assert country_code("Australie") == "AU"
        assert country_code("États-Unis") == "US"
        assert country_code("nouvelle-zelande") == "NZ"
    assert country_code("New Zealand") == "NZ"


def test_several_countries_are_typed_in_one_field():
    field = TypedCountriesField()
    assert field.clean("US, CA; Australia, NZ, us") == ["US", "CA", "AU", "NZ"]
    assert not field.has_changed(None, "")


def test_a_countrys_short_name_is_enough():
    assert country_code("United States") == "US"
    assert country_code("united states minor") == "UM"
    with translation.override("fr"):
        assert country_code("Royaume-Uni") == "GB"
