import os

import pytest
from django.core import mail

from tests.client import Client, run_commit_hooks


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    """What the fixtures wrote is committed before the test runs (see tests/client.py): their
    e-mail is sent and the content version bumped, outside whatever the test measures."""
    if "db" in item.fixturenames or "transactional_db" in item.fixturenames:
        run_commit_hooks()


# Playwright's sync API runs an event loop; pytest-django's DB setup must be allowed under it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _isolated_media_and_static(settings, tmp_path):
    """Uploads go to a temporary folder; static files resolve without collectstatic."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _english_to_start_with():
    """Each test starts in English, whatever language a request of the previous test activated
    (LocaleMiddleware activates a request's language in the thread and leaves it there)."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _plain_http_and_fresh_cache(settings):
    """Tests run with production settings (DEBUG off) over the test client's plain HTTP:
    no HTTPS redirect (tests of it set it back), a fast password hasher, and empty
    rate-limit counters for every test."""
    from django.core.cache import cache

    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins
    cache.clear()


@pytest.fixture(autouse=True)
def _content_version_in_the_cache(request, _plain_http_and_fresh_cache):
    """The shared cache holds the content version, as it always does once a site has run:
    query counts are those of a warm site (a cold cache costs one query, once)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if transactional:
        request.getfixturevalue("transactional_db")
    elif "db" in request.fixturenames or marker is not None:
        request.getfixturevalue("db")
    else:
        return
    from eca_site.lib import content_version

    content_version.current()


@pytest.fixture
def client():
    return Client()


def logged_in(user):
    """A client of its own, logged in as `user` (personas never share a session)."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def anon(client):
    return client


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        "staff", "staff@example.org", "staff-password-1", is_staff=True, is_superuser=True
    )


@pytest.fixture
def staff_client(db, staff_user):
    return logged_in(staff_user)


@pytest.fixture
def manager_user(django_user_model):
    return django_user_model.objects.create_user("manager", "manager@example.org", "pw-manager-1")


@pytest.fixture
def manager_client(db, manager_user):
    return logged_in(manager_user)


@pytest.fixture
def other_manager_user(django_user_model):
    return django_user_model.objects.create_user("other", "other@example.org", "pw-other-1")


@pytest.fixture
def other_manager_client(db, other_manager_user):
    return logged_in(other_manager_user)


@pytest.fixture
def seeded(db):
    """The real seed, loaded through the management command."""
    from django.core.management import call_command

    with open(os.devnull, "w") as devnull:
        call_command("load_seed", stdout=devnull)
    from directory.models import Organisation

    return Organisation.objects.get(slug="european-clusters-alliance")


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """The anonymous page cache is off in tests (query counts stay those of the views);
    tests/eca_site/test_page_cache.py turns it on."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def organisation(db, manager_user):
    """A published cluster that `manager_user` manages."""
    from tests.factories import make_organisation

    organisation = make_organisation(name="Alpha Cluster", slug="alpha-cluster")
    organisation.managers.add(manager_user)
    return organisation


@pytest.fixture
def other_organisation(db, other_manager_user):
    """A cluster that `other_manager_user` manages (and `manager_user` doesn't)."""
    from tests.factories import make_organisation

    organisation = make_organisation(name="Beta Cluster", slug="beta-cluster")
    organisation.managers.add(other_manager_user)
    return organisation


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox


@pytest.fixture
def catalogue(settings, tmp_path):
    """`catalogue("de", {("taxonomy", "Automotive"): "Automobilindustrie"})`: a tiny compiled
    catalogue, first in LOCALE_PATHS. Changing LOCALE_PATHS empties Django's translation
    caches (and the fixture's undo empties them again), so no test sees another's catalogue."""
    from django.utils.translation import trans_real

    from tests.i18n import write_catalogue

    locale_dir = tmp_path / "locale"
    settings.LOCALE_PATHS = [locale_dir, *settings.LOCALE_PATHS]

    def add(language, messages):
        write_catalogue(locale_dir, language, messages)
        trans_real._translations = {}
        trans_real._default = None

    return add
