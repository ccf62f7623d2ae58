import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.db.models.signals import post_migrate
from django.utils import translation

from articles import exports
from articles.demo import load_demo_data
from tests.factories import CuratorFactory

# The curators group and its permissions, as the migrations made them. A
# transactional test (the browser tests) ends with a flush, which empties
# every table and makes the permissions again but not the group, which a data
# migration made: it is made again from this copy after each flush.
CURATORS_PERMISSIONS: list[tuple[str, str]] = []


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        CURATORS_PERMISSIONS[:] = Group.objects.get(name="curators").permissions.values_list(
            "content_type__app_label", "codename"
        )


def _curators_again(sender, using, **kwargs):
    if sender.label != "articles" or not CURATORS_PERMISSIONS:
        return
    group, created = Group.objects.using(using).get_or_create(name="curators")
    if created:
        wanted = Q()
        for app_label, codename in CURATORS_PERMISSIONS:
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.using(using).filter(wanted))


post_migrate.connect(_curators_again, dispatch_uid="tests-curators-again")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: its database is new, so must be its figures."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Background tasks run in the request that queues them (Django's
    immediate backend), for the test client's site."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.PUBLIC_URL = "http://testserver"


@pytest.fixture(autouse=True)
def _english_first():
    """Each test starts in English: a /fr/ request leaves French active in the
    thread, and reverse() would then give French URLs."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _exports_closed():
    """Every export a test started was closed (read to its end, or closed),
    as a server closes every response: one left open keeps its slot and its
    snapshot, and the next exports would answer 503."""
    yield
    if exports.SLOTS.taken:
        exports.SLOTS.taken = 0
        pytest.fail("An export response was left open: read it to its end or close it.")


@pytest.fixture
def demo(db):
    """The demo archive: the TikTok case and the other real deals."""
    load_demo_data()


@pytest.fixture
def curator(db):
    """A curator: staff in the curators group, not a superuser, named ada."""
    return CuratorFactory(username="ada")


@pytest.fixture
def curator_client(client, curator):
    """The test client, logged in as the curator."""
    client.force_login(curator)
    return client


def pytest_collection_modifyitems(config, items):
    """Tests marked postgres are skipped, with the reason, on another database
    (make test runs them on PostgreSQL whenever one is reachable)."""
    if connection.vendor == "postgresql":
        return
    for item in items:
        if marker := item.get_closest_marker("postgres"):
            why = marker.kwargs.get("reason", "PostgreSQL only")
            item.add_marker(pytest.mark.skip(reason=f"{why}; this run is on {connection.vendor}"))


# The rules of issue 13 that rows stored before them may break.
LATER_RULES = ("_no_control_characters", "_plausible")


@pytest.fixture
def unchecked(db):
    """The database as it was before issue 13's rules on text and dates, so
    that a test can store what older rows may hold (for this test's
    transaction only)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA ignore_check_constraints = ON")
        else:
            for model in apps.get_app_config("articles").get_models():
                for constraint in model._meta.constraints:
                    if constraint.name.endswith(LATER_RULES):
                        cursor.execute(
                            f'ALTER TABLE "{model._meta.db_table}" '
                            f'DROP CONSTRAINT "{constraint.name}"'
                        )
    yield
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA ignore_check_constraints = OFF")


@pytest.fixture
def link_server(settings):
    """A local web site for the link fetcher, its address let through."""
    from tests.link_server import LinkServer

    server = LinkServer()
    settings.LINK_FETCH_ALLOWED_ADDRESSES = [server.address]
    yield server
    server.close()
