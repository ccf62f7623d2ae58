import pytest

from articles.demo import load_demo_data


@pytest.fixture
def demo(db):
    """The demo archive: the TikTok case and the other real deals."""
    load_demo_data()
