"""django-axes: ten wrong passwords lock the account and the address out, with a clear page."""

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
def test_the_account_is_locked_from_another_address_too(anon, staff_user):
    for n in range(10):
        wrong_password(anon, ip=f"198.51.100.{n}")
    assert right_password(anon, ip="192.0.2.99").status_code == 429


@pytest.mark.django_db
def test_the_address_is_locked_for_other_accounts_too(anon, staff_user):
    for n in range(10):
        wrong_password(anon, username=f"guess{n}")
    assert right_password(anon).status_code == 429


@pytest.mark.django_db
def test_a_successful_login_resets_the_failure_count(anon, staff_user):
    for _ in range(9):
        wrong_password(anon)
    assert right_password(anon).status_code == 302
    anon.logout()
    assert wrong_password(anon).status_code == 200
