"""The anonymous page cache: hits, invalidation once a change commits, never for users.

Writes in these tests happen inside `committed()` (tests/client.py): the content version
changes when a transaction commits, as on the real site.
"""

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
