import pytest
from django.core.cache import cache
from django.utils import translation

from articles.demo import load_demo_data


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: its database is new, so must be its figures."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_first():
    """Each test starts in English: a /fr/ request leaves French active in the
    thread, and reverse() would then give French URLs."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def demo(db):
    """The demo archive: the TikTok case and the other real deals."""
    load_demo_data()
