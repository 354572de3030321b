"""The anonymous page cache: hits, invalidation once a change commits, never for users.

Writes in these tests happen inside `committed()` (tests/client.py): the content version
changes when a transaction commits, as on the real site.
"""

import os

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.models import Language, Organisation
from eca_site.lib import content_version
from tests.client import committed
from tests.factories import make_organisation


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def org(db):
    return make_organisation(name="Cached Cluster")


def test_second_anonymous_visit_is_served_from_the_cache_with_one_query(
    page_cache, anon, org, django_assert_num_queries
):
    url = org.get_absolute_url()
    assert anon.get(url)["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):  # the content version comes from the shared cache
        response = anon.get(url)

    assert response["X-Page-Cache"] == "hit"
    assert "Cached Cluster" in response.content.decode()


def test_editing_a_profile_shows_on_the_next_anonymous_visit(page_cache, anon, org):
    anon.get(org.get_absolute_url())
    org.name = "Renamed Cluster"
    with committed():
        org.save()

    response = anon.get(org.get_absolute_url())

    assert response["X-Page-Cache"] == "miss"
    assert "Renamed Cluster" in response.content.decode()


def test_a_change_elsewhere_refreshes_lists_too(page_cache, anon, org):
    anon.get(reverse("directory:list"))
    make_organisation(name="Brand New Cluster")

    assert "Brand New Cluster" in anon.get(reverse("directory:list")).content.decode()


def test_deleting_a_profile_removes_it_from_cached_pages(page_cache, anon, org):
    anon.get(reverse("directory:list"))
    with committed():
        org.delete()

    assert "Cached Cluster" not in anon.get(reverse("directory:list")).content.decode()


def test_a_many_to_many_change_invalidates(page_cache, anon, org):
    language = Language.objects.create(code="mt", name="Maltese")
    anon.get(org.get_absolute_url())
    with committed():
        org.languages.add(language)

    assert "Maltese" in anon.get(org.get_absolute_url()).content.decode()


def test_admin_bulk_withdrawal_invalidates(page_cache, anon, staff_client, org):
    assert anon.get(org.get_absolute_url()).status_code == 200
    response = staff_client.post(
        reverse("admin:directory_organisation_changelist"),
        {"action": "withdraw", "_selected_action": [org.pk]},
    )
    assert response.status_code == 302
    assert not Organisation.objects.get(pk=org.pk).is_published

    assert anon.get(org.get_absolute_url()).status_code == 404


def test_logged_in_users_never_get_a_cached_page(page_cache, anon, staff_client, org):
    anon.get(reverse("home"))
    anon.get(reverse("home"))

    response = staff_client.get(reverse("home"))

    assert "X-Page-Cache" not in response
    assert "Back office" in response.content.decode()


def test_a_page_rendered_for_a_user_is_never_served_to_anonymous(
    page_cache, anon, staff_client, org
):
    staff_client.get(reverse("home"))

    response = anon.get(reverse("home"))

    assert response["X-Page-Cache"] == "miss"
    assert "Back office" not in response.content.decode()


def test_pages_with_a_csrf_token_are_not_stored(page_cache, anon, db):
    first = anon.get(reverse("admin:login"))
    second = anon.get(reverse("admin:login"))

    assert "csrftoken" in first.cookies
    assert "X-Page-Cache" not in second


def test_a_visitor_with_a_pending_message_bypasses_the_cache(page_cache, anon, org):
    anon.get(reverse("home"))
    anon.cookies["messages"] = "anything"

    assert "X-Page-Cache" not in anon.get(reverse("home"))


def test_each_query_string_is_its_own_cache_entry(page_cache, anon, org):
    anon.get(reverse("directory:list"))

    assert anon.get(reverse("directory:list"), {"page": "2"})["X-Page-Cache"] == "miss"


def test_conditional_get_answers_304_when_the_page_is_unchanged(page_cache, anon, org):
    etag = anon.get(org.get_absolute_url())["ETag"]

    response = anon.get(org.get_absolute_url(), headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""


def test_conditional_get_sends_the_page_again_after_a_change(page_cache, anon, org):
    etag = anon.get(org.get_absolute_url())["ETag"]
    org.name = "Changed Cluster"
    with committed():
        org.save()

    response = anon.get(org.get_absolute_url(), headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_no_caching_when_turned_off(settings, anon, org):
    settings.PAGE_CACHE_SECONDS = 0
    anon.get(reverse("home"))

    assert "X-Page-Cache" not in anon.get(reverse("home"))


def test_health_check_and_robots_are_never_cached(page_cache, anon, db):
    for url in (reverse("healthz"), reverse("robots_txt")):
        anon.get(url)
        assert "X-Page-Cache" not in anon.get(url), url


@pytest.fixture
def strict_csp(settings):
    from django.utils.csp import CSP

    settings.SECURE_CSP = {"default-src": [CSP.SELF], "script-src": [CSP.SELF, CSP.NONCE]}
    return settings


@pytest.mark.parametrize("position", ["outer", "inner"])
def test_pages_stay_cacheable_under_a_strict_csp_with_nonces(
    page_cache, strict_csp, anon, org, position
):
    csp = "django.middleware.csp.ContentSecurityPolicyMiddleware"
    middleware = list(strict_csp.MIDDLEWARE)
    middleware.insert(1 if position == "outer" else len(middleware), csp)
    strict_csp.MIDDLEWARE = middleware

    anon.get(reverse("home"))
    response = anon.get(reverse("home"))

    assert response["X-Page-Cache"] == "hit"
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_a_page_that_embeds_its_csp_nonce_is_never_stored(
    page_cache, strict_csp, anon, org, tmp_path
):
    strict_csp.MIDDLEWARE = [
        "django.middleware.csp.ContentSecurityPolicyMiddleware",
        *strict_csp.MIDDLEWARE,
    ]
    (tmp_path / "eca_site").mkdir()
    (tmp_path / "eca_site" / "home.html").write_text(
        '<!doctype html><title>t</title><script nonce="{{ csp_nonce }}" src="/x.js"></script>'
    )
    engine = strict_csp.TEMPLATES[0]
    strict_csp.TEMPLATES = [
        {
            **engine,
            "DIRS": [tmp_path, *engine["DIRS"]],
            "OPTIONS": {
                **engine["OPTIONS"],
                "context_processors": [
                    *engine["OPTIONS"]["context_processors"],
                    "django.template.context_processors.csp",
                ],
            },
        }
    ]

    first = anon.get(reverse("home"))
    second = anon.get(reverse("home"))

    assert 'nonce="' in first.content.decode()
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert first.content != second.content  # a fresh nonce each time


def _version_writes(queries):
    return [q["sql"] for q in queries if "UPDATE" in q["sql"] and "contentversion" in q["sql"]]


def test_a_transaction_bumps_the_version_once_after_it_commits(db):
    before = content_version.current()
    with CaptureQueriesContext(connection) as queries, committed():
        organisation = make_organisation.__wrapped__()  # the factory without its own commit
        organisation.name = "Renamed"
        organisation.save()
        organisation.languages.add(Language.objects.create(code="mt", name="Maltese"))
        assert content_version.current() == before  # nothing is committed yet
    assert len(_version_writes(queries)) == 1
    assert content_version.current() != before


def test_history_rows_are_not_content(db):
    from directory.models import Organisation as Model

    assert content_version.is_content_model(Model)
    assert not content_version.is_content_model(Model.history.model)


def test_a_rolled_back_change_keeps_the_version(db):
    from django.db import transaction

    before = content_version.current()
    with committed():
        try:
            with transaction.atomic():
                make_organisation.__wrapped__(name="Never")  # no commit inside the factory
                raise RuntimeError
        except RuntimeError:
            pass
    assert content_version.current() == before


def test_a_hit_reads_the_version_from_the_shared_cache_not_the_database(page_cache, anon, org):
    anon.get(org.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        assert anon.get(org.get_absolute_url())["X-Page-Cache"] == "hit"
    assert queries.captured_queries == []


# ----- A session cookie that holds nobody signed in still gets the cached page ---------------


def test_a_bogus_session_cookie_gets_the_cached_page_and_loses_the_cookie(page_cache, anon, org):
    url = org.get_absolute_url()
    assert anon.get(url)["X-Page-Cache"] == "miss"
    anon.cookies["sessionid"] = "no-such-session-0123456789abcdef"

    response = anon.get(url)

    assert response["X-Page-Cache"] == "hit"
    assert "Cached Cluster" in response.content.decode()
    assert response.cookies["sessionid"].value == ""  # deleted, as Django does for an empty one


def test_the_session_cookie_of_a_signed_out_user_gets_the_cached_page(
    page_cache, anon, manager_user, org
):
    url = org.get_absolute_url()
    anon.get(url)
    anon.force_login(manager_user)
    stale = anon.cookies["sessionid"].value
    anon.post(reverse("accounts:logout"))
    anon.cookies["sessionid"] = stale  # a browser that kept the old cookie

    response = anon.get(url)

    assert response["X-Page-Cache"] == "hit"
    assert "Log out" not in response.content.decode()


def test_an_anonymous_session_with_data_gets_the_cached_page_and_keeps_it(page_cache, anon, org):
    url = org.get_absolute_url()
    anon.get(url)
    session = anon.session  # an anonymous session that holds something harmless
    session["seen_intro"] = True
    session.save()
    anon.cookies["sessionid"] = session.session_key

    response = anon.get(url)

    assert response["X-Page-Cache"] == "hit"
    assert "sessionid" not in response.cookies


def test_a_signed_in_session_never_gets_the_cached_page(page_cache, anon, manager_user, org):
    url = org.get_absolute_url()
    anon.get(url)
    anon.force_login(manager_user)

    response = anon.get(url)

    assert "X-Page-Cache" not in response
    assert "Log out" in response.content.decode()


def test_a_session_holding_a_message_never_gets_the_cached_page(page_cache, anon, org):
    from django.contrib.messages.storage.session import SessionStorage

    url = org.get_absolute_url()
    anon.get(url)
    session = anon.session
    session[SessionStorage.session_key] = '[["__json_message", 0, 25, "Saved it."]]'
    session.save()
    anon.cookies["sessionid"] = session.session_key

    assert "X-Page-Cache" not in anon.get(url)


def test_a_signed_in_page_reads_its_session_once(page_cache, manager_client, org):
    url = org.get_absolute_url()
    with CaptureQueriesContext(connection) as queries:
        manager_client.get(url)
    session_reads = [q["sql"] for q in queries if "django_session" in q["sql"]]
    assert len(session_reads) == 1, session_reads


@pytest.fixture
def redis_cache(settings):
    """The default cache on a real Redis, as in production (ECA_TEST_REDIS_URL picks the
    database when several test runs share one server)."""
    url = os.environ.get("ECA_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url},
    }
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


def test_a_hit_makes_no_sql_query_with_the_version_in_redis(redis_cache, page_cache, anon, org):
    url = org.get_absolute_url()
    assert anon.get(url)["X-Page-Cache"] == "miss"  # a cold cache reads the version row once

    with CaptureQueriesContext(connection) as queries:
        response = anon.get(url)

    assert response["X-Page-Cache"] == "hit"
    assert queries.captured_queries == []
    assert redis_cache.get(content_version.KEY) == content_version.current()


def test_a_materialised_aggregate_is_never_replaced_by_an_older_version(db):
    from django.core.cache import cache

    from eca_site.lib.models import AggregateSnapshot

    first = content_version.materialised("answer", lambda: {"n": 1})
    with committed():
        content_version.changed()
    newer = content_version.current()
    assert content_version.materialised("answer", lambda: {"n": 2}) == {"n": 2}
    cache.clear()
    cache.set(content_version.KEY, newer - 1)  # a process that still sees an older version
    content_version.materialised("answer", lambda: {"n": 0})

    assert first == {"n": 1}
    snapshot = AggregateSnapshot.objects.get(name="answer")
    assert (snapshot.version, snapshot.value) == (newer, {"n": 2})
