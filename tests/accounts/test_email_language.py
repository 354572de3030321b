"""E-mails in the recipient's language (issue 18 §5): an account keeps the language of the
page it signed up on (changeable on /my/); every e-mail is rendered in its recipient's
language, one message per language, with `Content-Language` and links to that language's
pages. Staff accounts made in the admin (no AccountProfile) get English."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts import services
from accounts.models import AccountProfile
from directory import services as directory
from eca_site.lib.mail import recipient_languages, send_after_commit
from tests.accounts.test_signup import signup_data
from tests.client import committed
from tests.conftest import logged_in
from tests.factories import make_organisation, make_user
from tests.i18n import url_in


def test_signup_on_a_german_page_keeps_german_for_the_accounts_e_mails(anon, db):
    anon.post(url_in("de", "accounts:signup"), signup_data(), HTTP_ACCEPT_LANGUAGE="de")
    account = AccountProfile.objects.get(user__email="ada@cluster.example.eu")
    assert account.language == "de"
    verification = mail.outbox[-1]
    assert verification.extra_headers["Content-Language"] == "de"


def test_the_dashboard_changes_the_language_of_the_e_mails(db):
    user = make_user()
    client = logged_in(user)
    r = client.get(reverse("my:dashboard"))
    assert 'name="language"' in r.content.decode()
    r = client.post(reverse("my:email_language"), {"language": "pl"})
    assert r.status_code == 302
    assert services.user_language(user) == "pl"


def test_accounts_made_by_staff_are_told_their_e_mails_are_in_english(manager_client):
    r = manager_client.get(reverse("my:dashboard"))  # manager_user has no AccountProfile
    assert 'name="language"' not in r.content.decode()


def test_staff_accounts_without_account_profile_get_english(db):
    staff = make_user(verified=None, is_staff=True)
    assert services.user_language(staff) == "en"
    assert recipient_languages([staff.email, "nobody@example.org"]) == {
        staff.email: "en",
        "nobody@example.org": "en",
    }


def test_one_message_per_language_each_marked_with_its_language(db):
    german, english = make_user(), make_user()
    services.set_language(german, "de")
    with committed():
        send_after_commit(
            "Hello", "directory/email/withdrawn.txt", {"organisation": None, "reason": ""},
            [german.email, english.email],
        )  # fmt: skip
    languages = {m.to[0]: m.extra_headers["Content-Language"] for m in mail.outbox}
    assert languages == {german.email: "de", english.email: "en"}


@pytest.mark.django_db
def test_a_german_manager_gets_staffs_request_in_german_with_german_links(staff_user):
    manager = make_user()
    services.set_language(manager, "de")
    profile = make_organisation()
    profile.managers.add(manager)
    mail.outbox.clear()
    with committed():
        directory.request_changes(profile, staff_user, "Add your members.")
    notice = [m for m in mail.outbox if manager.email in m.to][-1]
    assert notice.extra_headers["Content-Language"] == "de"
    assert url_in("de", "my:organisation_edit", profile.slug) in notice.body
