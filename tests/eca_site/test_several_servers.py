"""The site on several servers: two gunicorn instances, one PostgreSQL, one Redis.

Each instance is its own process with its own page cache in memory, exactly as two machines
behind a load balancer. What must hold between them (README, "Several servers"):

- an edit made through one is what the other serves on the next request (the content version
  in the shared cache, the database as the source of truth);
- a rate limit counted on one applies on the other (counters in Redis);
- a session started on one is valid on the other (sessions in the database), and so is a
  login lockout (django-axes' records in the database).

Runs only on PostgreSQL (`DATABASE_URL=postgres://…`, as the second half of `.ci/run`): two
processes cannot share pytest's in-memory SQLite database. Needs Redis on 127.0.0.1
(ECA_TEST_REDIS_URL picks the database).
"""

import http.client
import os
import re
import socket
from contextlib import ExitStack
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse

from directory.models import Organisation
from tests.factories import make_organisation
from tests.server import gunicorn, production_env

pytestmark = pytest.mark.django_db(transaction=True)  # the servers see only committed rows

REDIS_URL = os.environ.get("ECA_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
PASSWORD = "several-servers-pw-1"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    s = connection.settings_dict
    user = s["USER"] or "postgres"
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{user}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture(scope="module")
def redis_client():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    return client


@pytest.fixture(scope="module")
def servers(django_db_setup, redis_client):
    """Two instances for the whole module (starting gunicorn is the slow part)."""
    if connection.vendor != "postgresql":
        pytest.skip("two servers share one PostgreSQL database: DATABASE_URL=postgres://…")
    env = production_env(
        database_url(),
        CACHE_URL=REDIS_URL,
        DJANGO_PAGE_CACHE_SECONDS="600",
        DJANGO_STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        DJANGO_LOG_LEVEL="WARNING",
    )
    with ExitStack() as stack:
        yield [stack.enter_context(gunicorn(env, free_port(), workers=1)) for _ in range(2)]


@pytest.fixture
def two_servers(servers, transactional_db, redis_client):
    """The two servers, with an empty shared cache (no rate-limit counts from another test)."""
    redis_client.flushdb()
    yield servers
    redis_client.flushdb()


class Visitor:
    """A browser's cookie jar over plain HTTP (the servers send `Secure` cookies, which a
    real browser would keep to HTTPS: here they go back over the loopback)."""

    def __init__(self):
        self.cookies = {}

    def request(self, url, data=None):
        parts = urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request("POST" if data is not None else "GET", path, body, headers)
        response = conn.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        conn.close()
        return response.status, response.headers, text

    def get(self, url):
        return self.request(url)

    def post_form(self, url, data):
        """GET the form (CSRF cookie and token), then POST it."""
        _, _, html = self.get(url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert token, f"no CSRF token in {url}"
        return self.request(url, {**data, "csrfmiddlewaretoken": token[1]})


def make_user(django_user_model, username, **extra):
    """A user the servers can log in: a PBKDF2 hash (the tests' own hasher is MD5, which
    production settings do not accept), with few iterations to keep the test fast."""
    user = django_user_model.objects.create_user(username, f"{username}@example.org", **extra)
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "severalservers", iterations=1000)
    user.save(update_fields=["password"])
    return user


def test_an_edit_through_one_server_is_served_by_the_other_at_once(two_servers, django_user_model):
    a, b = two_servers
    organisation = make_organisation(name="Shared Cluster")
    make_user(django_user_model, "staff", is_staff=True, is_superuser=True)
    url = organisation.get_absolute_url()
    anonymous = Visitor()
    assert anonymous.get(b + url)[0] == 200
    status, headers, html = anonymous.get(b + url)
    assert (status, headers["X-Page-Cache"]) == (200, "hit")  # b holds the page in memory
    assert "Shared Cluster" in html

    staff = Visitor()
    login = reverse("admin:login") + "?next=/admin/"
    staff.post_form(a + login, {"username": "staff", "password": PASSWORD})
    status, _, _ = staff.request(
        a + reverse("admin:directory_organisation_changelist"),
        {
            "action": "withdraw",
            "_selected_action": organisation.pk,
            "csrfmiddlewaretoken": _csrf_token(staff, a),
        },
    )
    assert status == 302
    assert not Organisation.objects.get(pk=organisation.pk).is_published

    assert anonymous.get(b + url)[0] == 404  # b's cached page is gone with the old version
    assert "Shared Cluster" not in anonymous.get(b + reverse("directory:list"))[2]


def _csrf_token(visitor, base):
    _, _, html = visitor.get(base + reverse("admin:directory_organisation_changelist"))
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def test_a_rate_limit_counted_on_one_server_applies_on_the_other(two_servers):
    a, b = two_servers
    visitor = Visitor()
    signup = reverse("accounts:signup")
    for _ in range(5):  # the sign-up form allows 5 POSTs an hour per address
        status, _, _ = visitor.post_form(a + signup, {"email": "not-an-address"})
        assert status == 200  # the form again, with its errors

    status, headers, _ = visitor.post_form(b + signup, {"email": "not-an-address"})

    assert status == 429
    assert int(headers["Retry-After"]) > 0


def test_a_session_started_on_one_server_is_valid_on_the_other(two_servers, django_user_model):
    a, b = two_servers
    make_user(django_user_model, "manager", first_name="Mara")
    visitor = Visitor()
    status, _, _ = visitor.post_form(
        a + reverse("accounts:login"), {"username": "manager", "password": PASSWORD}
    )
    assert status == 302
    assert "sessionid" in visitor.cookies

    status, headers, html = visitor.get(b + reverse("my:dashboard"))

    assert status == 200
    assert "X-Page-Cache" not in headers
    assert "Log out" in html

    visitor.request(b + reverse("accounts:logout"), {"csrfmiddlewaretoken": _token_in(html)})
    status, headers, _ = visitor.get(a + reverse("my:dashboard"))
    assert status == 302  # signed out everywhere: to the login page
    assert reverse("accounts:login") in headers["Location"]


def _token_in(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def test_a_login_lockout_on_one_server_applies_on_the_other(two_servers, django_user_model):
    a, b = two_servers
    make_user(django_user_model, "target")
    visitor = Visitor()
    login = reverse("accounts:login")
    for _ in range(10):  # django-axes locks out after 10 failures
        visitor.post_form(a + login, {"username": "target", "password": "wrong"})

    status, _, html = visitor.post_form(b + login, {"username": "target", "password": PASSWORD})

    assert status == 429
    assert "Sign-in is locked for now" in html
    assert "sessionid" not in visitor.cookies
