"""The rate limit: a 429 page over the limit, per client IP and view; GETs are free."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from eca_site.lib.ratelimit import parse_rate


def post_login(client, ip="203.0.113.7"):
    return client.post(reverse("admin:login"), {"username": "x", "password": "y"}, REMOTE_ADDR=ip)


def test_rates_read_as_count_per_period():
    assert parse_rate("10/m") == (10, 60)
    assert parse_rate("30/10m") == (30, 600)
    assert parse_rate("100/d") == (100, 86400)
    with pytest.raises(ValueError):
        parse_rate("ten a minute")


@pytest.mark.django_db
def test_admin_login_posts_over_the_limit_get_a_clear_429_page(anon, settings):
    settings.AXES_ENABLED = False  # so the rate limit, not the lockout, answers
    for _ in range(30):
        assert post_login(anon).status_code == 200
    response = post_login(anon)
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 601
    assert "Too many requests" in response.text
    assert "then try again" in response.text
    assert response.templates[0].name == "429.html"


@pytest.mark.django_db
def test_the_limit_counts_each_address_separately(anon, settings):
    settings.AXES_ENABLED = False
    for _ in range(31):
        post_login(anon)
    assert post_login(anon, ip="198.51.100.1").status_code == 200


@pytest.mark.django_db
def test_reading_the_login_page_is_not_limited(anon, settings):
    settings.AXES_ENABLED = False
    for _ in range(31):
        post_login(anon)
    assert anon.get(reverse("admin:login")).status_code == 200


@pytest.mark.django_db
def test_behind_a_proxy_the_limit_keys_on_the_forwarded_address(anon, settings):
    settings.AXES_ENABLED = False
    settings.NUM_PROXIES = 1
    for _ in range(31):
        anon.post(
            reverse("admin:login"),
            {"username": "x", "password": "y"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.7",
        )
    blocked = anon.post(
        reverse("admin:login"),
        {"username": "x", "password": "y"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    other_visitor = anon.post(
        reverse("admin:login"),
        {"username": "x", "password": "y"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert blocked.status_code == 429
    assert other_visitor.status_code == 200


@pytest.mark.django_db
def test_the_limit_can_be_switched_off(anon, settings):
    settings.AXES_ENABLED = False
    settings.RATELIMIT_ENABLED = False
    for _ in range(35):
        assert post_login(anon).status_code == 200


@pytest.mark.django_db
def test_the_count_resets_when_the_window_has_passed(anon, settings):
    settings.AXES_ENABLED = False
    start = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(31):
            response = post_login(anon)
        assert response.status_code == 429
        assert response.headers["Retry-After"] == "601"
        clock.shift(datetime.timedelta(minutes=5))
        assert post_login(anon).headers["Retry-After"] == "301"
        clock.shift(datetime.timedelta(minutes=5, seconds=1))
        assert post_login(anon).status_code == 200
