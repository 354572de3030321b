"""The rate limit: a 429 page over the limit, per client IP and view; GETs are free."""

import datetime

import pytest
import time_machine
from django.contrib.auth.views import LoginView, PasswordResetView
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from eca_site.lib.ratelimit import counter_name, parse_rate, ratelimit


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
def test_retry_after_is_the_real_wait(anon, settings):
    """Blocked at second 0 with Retry-After N: still blocked at N-1, let through at N."""
    settings.AXES_ENABLED = False
    start = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(31):
            response = post_login(anon)
        assert response.status_code == 429
        retry_after = int(response.headers["Retry-After"])
        assert 1 <= retry_after <= 600
        if retry_after > 1:
            clock.shift(datetime.timedelta(seconds=retry_after - 1))
            blocked = post_login(anon)
            assert blocked.status_code == 429
            assert blocked.headers["Retry-After"] == "1"
            clock.shift(datetime.timedelta(seconds=1))
        else:
            clock.shift(datetime.timedelta(seconds=1))
        assert post_login(anon).status_code == 200


# ----- one counter per view and limit (issue 12, bug 3) ---------------------------------------
@pytest.mark.django_db
def test_good_logins_do_not_use_up_the_password_reset_limit(anon, django_user_model):
    """Every as_view() closure is named View.as_view.<locals>.view: the four auth views once
    shared one counter, so 12 logins blocked a password reset (limit 5/h) for an hour."""
    django_user_model.objects.create_user("ana", "ana@example.org", "a-good-password-1")
    for _ in range(12):
        response = anon.post(
            reverse("accounts:login"), {"username": "ana", "password": "a-good-password-1"}
        )
        assert response.status_code == 302
    reset = anon.post(reverse("accounts:password_reset"), {"email": "ana@example.org"})
    assert reset.status_code == 302
    assert reset.headers["Location"] == reverse("accounts:password_reset_done")


@pytest.mark.django_db
def test_each_auth_view_has_its_own_counter(anon):
    confirm = reverse("accounts:password_reset_confirm", args=["MQ", "set-password"])
    for _ in range(10):
        anon.post(confirm, {"new_password1": "x", "new_password2": "x"})
    assert anon.post(confirm, {"new_password1": "x", "new_password2": "x"}).status_code == 429
    reset = anon.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert reset.status_code == 302
    assert (
        anon.post(reverse("accounts:login"), {"username": "x", "password": "y"}).status_code == 200
    )


def test_class_based_views_count_under_their_class_and_closures_need_a_key():
    login = ratelimit("20/10m")(LoginView.as_view())
    reset = ratelimit("5/h")(PasswordResetView.as_view())
    assert counter_name(login) == "django.contrib.auth.views.LoginView"
    assert counter_name(reset) == "django.contrib.auth.views.PasswordResetView"
    assert counter_name(reset, key="admin-login") == "admin-login"

    def factory():
        def view(request):
            return None

        return view

    with pytest.raises(ImproperlyConfigured, match="pass key="):
        ratelimit("5/h")(factory())
    assert ratelimit("5/h", key="shared")(factory()) is not None


@pytest.mark.django_db
def test_counters_live_in_the_default_cache(anon, settings):
    from django.core.cache import cache

    settings.AXES_ENABLED = False
    post_login(anon)
    assert any(key.startswith(":1:rl:") for key in cache._cache)  # the locmem store


@pytest.mark.django_db
def test_ipv6_visitors_are_counted_by_their_64_network(anon, settings):
    settings.AXES_ENABLED = False
    for n in range(31):
        post_login(anon, ip=f"2001:db8:1:2::{n + 1:x}")
    assert post_login(anon, ip="2001:db8:1:2:ffff::9").status_code == 429
    assert post_login(anon, ip="2001:db8:1:3::1").status_code == 200
