"""/healthz, robots.txt, sitemap.xml and /.well-known/security.txt."""

import datetime
import json
import os
import subprocess
import sys

import pytest
import time_machine
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_organisation


@pytest.mark.django_db
def test_healthz_is_ok_when_the_database_answers(anon):
    response = anon.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_a_load_balancer_by_ip_over_plain_http(anon, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = anon.get("/healthz", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_is_503_when_the_database_is_unreachable():
    """A real process whose DATABASE_URL points at a closed port."""
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code, r.content.decode())"
    )
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/unreachable",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_SETTINGS_MODULE": "eca_site.settings",
        "DJANGO_LOG_LEVEL": "CRITICAL",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    status, body = result.stdout.strip().splitlines()[-1].split(" ", 1)
    assert status == "503"
    assert json.loads(body) == {"status": "error", "database": "OperationalError"}


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(anon):
    response = anon.get(reverse("robots_txt"), secure=True)
    assert response.headers["Content-Type"] == "text/plain"
    assert response.text.splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /my/",
        "Sitemap: https://testserver/sitemap.xml",
    ]


@pytest.mark.django_db
def test_sitemap_lists_the_pages_and_published_profiles_only(anon):
    published = make_organisation(slug="in-the-sitemap")
    make_organisation(slug="draft-profile", status="withdrawn")
    response = anon.get(reverse("sitemap"), secure=True)
    assert response.status_code == 200
    assert "<loc>https://testserver/</loc>" in response.text
    assert "<loc>https://testserver/directory/</loc>" in response.text
    assert "<loc>https://testserver/directory/in-the-sitemap/</loc>" in response.text
    lastmod = timezone.localtime(published.updated).date().isoformat()  # site time zone
    assert f"<lastmod>{lastmod}</lastmod>" in response.text
    assert "draft-profile" not in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("profiles", [1, 30])
def test_sitemap_query_count_does_not_grow_with_profiles(anon, profiles, django_assert_num_queries):
    for _ in range(profiles):
        make_organisation()
    # One query per section: profiles, events, news items, best practices, opportunities and
    # calls (issue 16), site pages (each section lists its items once per language: no count)
    with django_assert_num_queries(7):
        anon.get(reverse("sitemap"))


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2026, 11, 25, 12, 30, tzinfo=datetime.UTC), tick=False)
def test_security_txt_has_the_rfc_9116_fields_and_expires_a_year_ahead(anon):
    response = anon.get("/.well-known/security.txt", secure=True)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.text.splitlines() == [
        "Contact: mailto:security@clustersalliance.eu",
        "Expires: 2027-11-25T12:30:00Z",
        "Preferred-Languages: en",
        "Canonical: https://testserver/.well-known/security.txt",
    ]


def test_favicon_ico_redirects_to_the_svg_icon(anon):
    response = anon.get("/favicon.ico")
    assert response.status_code == 302
    assert response.headers["Location"] == "/static/img/favicon.svg"


@pytest.mark.django_db
def test_healthz_runs_exactly_one_query(anon, django_assert_num_queries):
    with django_assert_num_queries(1):  # SELECT 1
        anon.get("/healthz")
