"""Sign-up at /accounts/signup/ and e-mail verification."""

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from accounts import services
from accounts.models import AccountProfile
from tests.accounts.self_service_helpers import link_path_in_last_mail
from tests.factories import make_user

User = get_user_model()
PASSWORD = "Correct-horse-battery-9"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def signup_data(**overrides):
    data = {
        "name": "Ada Lovelace",
        "email": "ada@cluster.example.eu",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "accept_terms": "on",
        "accept_privacy": "on",
        "homepage": "",
    }
    data.update(overrides)
    return data


def test_signup_page_has_one_h1_labelled_fields_and_a_hidden_honeypot(anon, db):
    response = anon.get(reverse("accounts:signup"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for name in ["name", "email", "password1", "password2", "accept_terms", "accept_privacy"]:
        assert f'for="id_{name}"' in html, name
    assert '<div class="hp" aria-hidden="true">' in html
    assert 'name="homepage"' in html and 'tabindex="-1"' in html


def test_signup_creates_an_unverified_account_with_timestamped_consent_and_mails_a_link(anon, db):
    response = anon.post(reverse("accounts:signup"), signup_data(email="Ada@Cluster.Example.EU"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:signup_done")
    user = User.objects.get(email="ada@cluster.example.eu")
    assert user.first_name == "Ada Lovelace"
    assert user.check_password(PASSWORD)
    account = user.account_profile
    assert account.terms_accepted_at and account.privacy_accepted_at
    assert account.email_verified_at is None
    assert mail.outbox[-1].to == ["ada@cluster.example.eu"]
    assert "/accounts/verify/" in mail.outbox[-1].body
    # logged in straight away, but not allowed to register anything yet
    blocked = anon.get(reverse("my:organisation_new"))
    assert blocked.status_code == 403
    assert b"Confirm your e-mail address first" in blocked.content


def test_verification_link_from_the_mail_verifies_the_account(anon, db):
    anon.post(reverse("accounts:signup"), signup_data())
    response = anon.get(link_path_in_last_mail("/accounts/verify/"))
    assert response.status_code == 302
    assert response.url == reverse("my:organisation_list")
    assert AccountProfile.objects.get().is_verified
    assert anon.get(reverse("my:organisation_new")).status_code == 200


def test_verification_link_works_in_another_browser_without_login(anon, db):
    user = make_user(verified=False)
    response = anon.get(reverse("accounts:verify", args=[services.verification_token(user)]))
    assert response.status_code == 200
    assert b"E-mail address confirmed" in response.content
    assert services.is_verified(User.objects.get(pk=user.pk))


def test_expired_verification_link_is_refused_with_a_way_to_get_a_new_one(anon, db):
    user = make_user(verified=False)
    with time_machine.travel("2026-01-01 10:00Z", tick=False):
        token = services.verification_token(user)
    anon.force_login(user)
    with time_machine.travel("2026-01-05 10:00Z", tick=False):
        response = anon.get(reverse("accounts:verify", args=[token]))
    assert response.status_code == 400
    assert b"This link has expired." in response.content
    assert b"Send me a new link" in response.content
    user.account_profile.refresh_from_db()
    assert not user.account_profile.is_verified


def test_tampered_verification_link_is_refused(anon, db):
    user = make_user(verified=False)
    token = services.verification_token(user)
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = anon.get(reverse("accounts:verify", args=[tampered]))
    assert response.status_code == 400
    assert b"This link is not valid." in response.content
    user.account_profile.refresh_from_db()
    assert not user.account_profile.is_verified


def test_verification_link_is_void_once_the_email_address_changed(anon, db):
    user = make_user(verified=False)
    token = services.verification_token(user)
    user.email = "new@example.org"
    user.save()
    assert anon.get(reverse("accounts:verify", args=[token])).status_code == 400


def test_resend_sends_a_fresh_link_and_is_rate_limited(anon, db):
    user = make_user(verified=False)
    anon.force_login(user)
    url = reverse("accounts:resend_verification")
    for _ in range(3):  # 3 allowed per hour
        assert anon.post(url).status_code == 302
    assert len(mail.outbox) == 3
    assert anon.post(url).status_code == 429


def test_weak_password_and_mismatch_are_form_errors_keeping_other_input(anon, db):
    response = anon.post(
        reverse("accounts:signup"), signup_data(password1="12345678", password2="12345678")
    )
    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    assert 'value="Ada Lovelace"' in response.content.decode()
    response = anon.post(reverse("accounts:signup"), signup_data(password2="Other-pass-phrase-1"))
    assert "The two passwords differ." in response.content.decode()
    assert not User.objects.exists()


def test_password_similar_to_the_email_is_refused(anon, db):
    response = anon.post(
        reverse("accounts:signup"),
        signup_data(
            email="longusername@example.org", password1="longusername1", password2="longusername1"
        ),
    )
    assert "too similar" in response.content.decode()


def test_consent_is_required(anon, db):
    data = signup_data()
    del data["accept_terms"], data["accept_privacy"]
    response = anon.post(reverse("accounts:signup"), data)
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"accept_terms", "accept_privacy"}
    assert not User.objects.exists()


def test_existing_email_is_refused_case_insensitively(anon, db):
    make_user(email="ada@cluster.example.eu")
    response = anon.post(reverse("accounts:signup"), signup_data(email="ADA@cluster.example.eu"))
    assert "An account with this e-mail address exists already" in response.content.decode()
    assert User.objects.count() == 1


def test_honeypot_submission_is_dropped_with_a_message_and_creates_nothing(anon, db):
    response = anon.post(reverse("accounts:signup"), signup_data(homepage="http://spam.example"))
    assert response.status_code == 200
    assert "looked automated" in response.content.decode()
    assert not User.objects.exists()
    assert mail.outbox == []


def test_signup_is_rate_limited_per_address(anon, db):
    url = reverse("accounts:signup")
    for i in range(5):
        anon.post(url, signup_data(email=f"bot{i}@example.org", accept_terms=""))
    response = anon.post(url, signup_data())
    assert response.status_code == 429
    assert b"Too many requests" in response.content
    assert not User.objects.exists()


def test_signup_follows_a_safe_next_and_ignores_a_foreign_one(anon, db):
    response = anon.post(reverse("accounts:signup"), signup_data(next="/my/organisations/new/"))
    assert response.url == "/my/organisations/new/"
    anon.logout()
    response = anon.post(
        reverse("accounts:signup"),
        signup_data(email="b@example.org", next="https://evil.example/"),
    )
    assert response.url == reverse("accounts:signup_done")


def test_logged_in_user_is_sent_from_signup_to_their_dashboard(manager_client):
    response = manager_client.get(reverse("accounts:signup"))
    assert response.status_code == 302
    assert response.url == reverse("my:dashboard")


def test_staff_created_accounts_count_as_verified(manager_client):
    assert manager_client.get(reverse("my:organisation_new")).status_code == 200


def test_an_address_too_long_for_a_username_is_a_form_error(anon, db):
    email = "a" * 140 + "@example.org"
    response = anon.post(reverse("accounts:signup"), signup_data(email=email))
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()
    assert not User.objects.exists()


def test_resend_needs_a_login_and_a_post(anon, db):
    response = anon.post(reverse("accounts:resend_verification"))
    assert response.status_code == 302
    assert "login" in response.url
    assert anon.get(reverse("accounts:resend_verification")).status_code == 405


def test_consent_labels_link_to_the_terms_and_the_privacy_notice(anon, db):
    html = anon.get(reverse("accounts:signup")).text
    assert '<label for="id_accept_terms">I accept the <a href="/terms/">terms of use</a>' in html
    assert 'I have read the <a href="/privacy/">privacy notice</a>' in html


def test_signup_records_the_versions_of_the_terms_and_notice_it_accepted(anon, db):
    from eca_site.models import SitePage

    SitePage.objects.filter(url="/terms/").update(version="terms-v7")
    SitePage.objects.filter(url="/privacy/").update(version="privacy-v3")
    anon.post(reverse("accounts:signup"), signup_data(email="v@example.eu"))
    account = User.objects.get(email="v@example.eu").account_profile
    assert (account.terms_version, account.privacy_version) == ("terms-v7", "privacy-v3")
