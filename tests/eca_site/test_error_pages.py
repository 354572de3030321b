"""Error pages in the site's style; the 500 page renders without touching the database."""

import pytest
from django.urls import reverse

from eca_site.lib.ratelimit import too_many_requests
from tests.factories import make_organisation


def assert_site_page(response, heading):
    assert f'<h1 id="error-heading">{heading}</h1>' in response.text
    assert response.text.count("<h1") == 1
    assert "European Cluster Directory" in response.text  # header and title
    assert '<link rel="stylesheet" href="/static/css/site.css">' in response.text
    assert '<meta name="robots" content="noindex">' in response.text


@pytest.mark.django_db
def test_unknown_address_gets_the_404_page(anon):
    response = anon.get("/no-such-page/")
    assert response.status_code == 404
    assert_site_page(response, "Page not found")


@pytest.mark.django_db
def test_unpublished_profile_gets_the_404_page(anon):
    organisation = make_organisation(status="withdrawn")
    response = anon.get(organisation.get_absolute_url())
    assert response.status_code == 404
    assert_site_page(response, "Page not found")


@pytest.mark.django_db
def test_an_unknown_host_gets_the_400_page(anon):
    response = anon.get(reverse("home"), HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert_site_page(response, "Bad request")


@pytest.mark.django_db
def test_a_staff_page_without_permission_gets_the_403_page(manager_client, django_user_model):
    user = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    manager_client.force_login(user)
    organisation = make_organisation()
    url = reverse("admin:directory_organisation_delete", args=[organisation.pk])
    response = manager_client.get(url)
    assert response.status_code == 403
    assert_site_page(response, "Access denied")


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_gets_the_expired_form_page(django_user_model):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("admin:login"), {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert_site_page(response, "This form has expired")


@pytest.mark.urls("tests.eca_site.urls")
def test_the_500_page_renders_without_database_access(client):
    """No `db` mark: any query while handling the error would raise instead of rendering."""
    client.raise_request_exception = False
    response = client.get(reverse("test_boom"))
    assert response.status_code == 500
    assert_site_page(response, "Something went wrong on our side")
    assert "<title>Something went wrong · European Cluster Directory</title>" in response.text


@pytest.mark.django_db
def test_the_429_page_tells_how_long_to_wait(anon, settings):
    settings.AXES_ENABLED = False
    for _ in range(31):
        response = anon.post(reverse("admin:login"), {"username": "a", "password": "b"})
    assert response.status_code == 429
    assert_site_page(response, "Too many requests")
    retry_after = int(response["Retry-After"])
    assert 0 < retry_after <= 600  # the admin login's window is 10 minutes
    assert "Please wait" in response.text


@pytest.mark.parametrize(
    ("retry_after", "wait"),
    [
        (1, "Please wait 1 second,"),
        (45, "Please wait 45 seconds,"),
        (60, "Please wait about 1 minute,"),
        (600, "Please wait about 10 minutes,"),
    ],
)
def test_the_429_page_says_the_wait_in_seconds_or_minutes(rf, retry_after, wait):
    """Where the visitor's fixed window ends varies (a per-visitor offset): both wordings."""
    response = too_many_requests(rf.post("/admin/login/"), retry_after)
    assert response.status_code == 429
    assert response["Retry-After"] == str(retry_after)
    assert wait in response.content.decode()


@pytest.mark.django_db
def test_the_404_page_runs_no_query_for_an_anonymous_visitor(anon, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert anon.get("/no-such-page/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["accounts:logout", "accounts:resend_verification"])
def test_a_get_to_a_post_only_address_gets_the_405_page_with_a_way_on(url_name, manager_client):
    """Issue 12, bug 10: these answered 405 with an empty body."""
    response = manager_client.get(reverse(url_name))
    assert response.status_code == 405
    assert "POST" in response["Allow"]
    assert_site_page(response, "This address is not a page")
    assert 'href="/directory/"' in response.text


@pytest.mark.django_db
def test_a_head_request_to_a_post_only_address_is_a_405_without_a_body(anon):
    response = anon.head(reverse("accounts:logout"))
    assert response.status_code == 405
    assert response.content == b""
