"""django-axes: ten wrong passwords for one account from one address lock that pair out, with a
clear page; the account stays open from other addresses (issue 12, vulnerability 7)."""

import pytest
from django.urls import reverse

LOGIN = "admin:login"


def wrong_password(client, username="staff", ip="203.0.113.7"):
    return client.post(
        reverse(LOGIN),
        {"username": username, "password": "not-the-password", "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def right_password(client, ip="203.0.113.7"):
    return client.post(
        reverse(LOGIN),
        {"username": "staff", "password": "staff-password-1", "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


@pytest.mark.django_db
def test_nine_wrong_passwords_still_show_the_login_form(anon, staff_user):
    for _ in range(9):
        response = wrong_password(anon)
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.text
    assert right_password(anon).status_code == 302


@pytest.mark.django_db
def test_ten_wrong_passwords_lock_out_with_a_clear_message(anon, staff_user):
    for _ in range(9):
        wrong_password(anon)
    response = wrong_password(anon)
    assert response.status_code == 429
    assert "<h1" in response.text and "Sign-in is locked for now" in response.text
    assert "There were 10 failed sign-in attempts" in response.text
    assert "for 60 minutes" in response.text


@pytest.mark.django_db
def test_the_right_password_does_not_get_in_while_locked_out(anon, staff_user):
    for _ in range(10):
        wrong_password(anon)
    response = right_password(anon)
    assert response.status_code == 429
    assert "_auth_user_id" not in anon.session


@pytest.mark.django_db
def test_a_stranger_cannot_lock_the_account_out_from_another_address(anon, staff_user):
    for _ in range(10):
        wrong_password(anon, ip="198.51.100.1")
    assert wrong_password(anon, ip="198.51.100.1").status_code == 429
    assert right_password(anon, ip="192.0.2.99").status_code == 302
    assert "_auth_user_id" in anon.session


@pytest.mark.django_db
def test_guessing_across_accounts_from_one_address_is_rate_limited(anon, staff_user):
    """The per-address rate limit of the login forms stays (30 admin log-ins in 10 minutes)."""
    statuses = [wrong_password(anon, username=f"guess{n}").status_code for n in range(31)]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429
    assert "Too many requests" in wrong_password(anon, username="guess-more").text


@pytest.mark.django_db
def test_a_successful_login_resets_the_failure_count(anon, staff_user):
    for _ in range(9):
        wrong_password(anon)
    assert right_password(anon).status_code == 302
    anon.logout()
    assert wrong_password(anon).status_code == 200
