"""Inviting colleagues as co-editors: single-use links that expire and can be revoked."""

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from accounts import services
from accounts.models import AccountProfile
from tests.accounts.self_service_helpers import link_path_in_last_mail
from tests.client import Client
from tests.factories import make_draft, make_user


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def ours(manager_user):
    return make_draft(manager_user, name="Ours")


def invite(client, organisation, email):
    return client.post(
        reverse("my:organisation_managers", args=[organisation.slug]), {"email": email}
    )


def test_managers_page_lists_managers_with_roles(manager_client, ours):
    ours.managers.add(make_user(email="co@example.org", first_name="Cora"))
    html = manager_client.get(
        reverse("my:organisation_managers", args=[ours.slug])
    ).content.decode()
    assert html.count("<h1") == 1
    assert "First manager" in html and "Co-editor" in html
    assert html.count(">Remove<span") == 1  # only the co-editor can be removed


def test_invitation_mail_carries_a_single_use_link(manager_client, ours):
    response = invite(manager_client, ours, "Colleague@Example.org")
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["colleague@example.org"]
    assert "Ours" in mail.outbox[-1].subject
    assert "/my/organisations/invitations/" in link_path_in_last_mail("/invitations/")
    assert "valid until " in mail.outbox[-1].body  # the date it expires, 14 days ahead


def test_inviting_an_existing_manager_is_a_form_error(manager_client, ours, manager_user):
    response = invite(manager_client, ours, manager_user.email)
    assert "is a manager of the profile already" in response.content.decode()
    assert mail.outbox == []


def test_invalid_email_is_a_form_error(manager_client, ours):
    response = invite(manager_client, ours, "not an address")
    assert "Enter a valid email address." in response.content.decode()


def test_invitations_are_rate_limited(manager_client, ours):
    for i in range(10):
        invite(manager_client, ours, f"c{i}@example.org")
    assert invite(manager_client, ours, "late@example.org").status_code == 429


def test_logged_in_invitee_with_that_address_accepts(manager_client, ours):
    invite(manager_client, ours, "colleague@example.org")
    path = link_path_in_last_mail("/invitations/")
    colleague = make_user(email="colleague@example.org")
    client = Client()
    client.force_login(colleague)
    page = client.get(path)
    assert b"Accept the invitation" in page.content
    assert colleague not in ours.managers.all()  # GET changes nothing
    response = client.post(path)
    assert response.url == reverse("my:organisation_edit", args=[ours.slug])
    assert colleague in ours.managers.all()
    assert services.first_manager_id(ours) != colleague.pk


def test_someone_logged_in_with_another_address_cannot_accept(manager_client, ours):
    invite(manager_client, ours, "colleague@example.org")
    path = link_path_in_last_mail("/invitations/")
    intruder = make_user(email="intruder@example.org")
    client = Client()
    client.force_login(intruder)
    assert client.get(path).status_code == 403
    assert client.post(path).status_code == 403
    assert intruder not in ours.managers.all()


def test_anonymous_invitee_can_sign_up_with_the_invited_address_and_accept(manager_client, ours):
    invite(manager_client, ours, "newbie@example.org")
    path = link_path_in_last_mail("/invitations/")
    client = Client()
    page = client.get(path).content.decode()
    assert "create an account" in page.lower()
    assert reverse("accounts:signup") + "?next=/my/organisations/invitations/" in page.replace(
        "%2F", "/"
    )
    password = "Another-long-phrase-7"
    response = client.post(
        reverse("accounts:signup"),
        {"name": "New Bie", "email": "newbie@example.org", "password1": password,
         "password2": password, "accept_terms": "on", "accept_privacy": "on", "next": path},
    )  # fmt: skip
    assert response.url == path
    client.post(path)
    newbie = ours.managers.get(email="newbie@example.org")
    # the invitation reached that address: it counts as verification too
    assert AccountProfile.objects.get(user=newbie).is_verified


def _accept_as(email, token):
    user = make_user(email=email)
    client = Client()
    client.force_login(user)
    return user, client.post(reverse("my:accept_invitation", args=[token]))


def test_expired_invitation_is_refused(manager_user, ours):
    with time_machine.travel("2026-01-01 10:00Z", tick=False):
        token = services.invite(ours, manager_user, "late@example.org").token
    with time_machine.travel("2026-01-20 10:00Z", tick=False):
        late, response = _accept_as("late@example.org", token)
    assert response.status_code == 400
    assert b"This invitation has expired." in response.content
    assert late not in ours.managers.all()


def test_unknown_invitation_token_is_refused(ours):
    colleague, response = _accept_as("colleague@example.org", "made-up-token")
    assert response.status_code == 400
    assert b"not valid" in response.content
    assert colleague not in ours.managers.all()


def test_invitation_to_a_deleted_profile_is_refused(manager_user, ours):
    token = services.invite(ours, manager_user, "colleague@example.org").token
    ours.delete()
    assert Client().get(reverse("my:accept_invitation", args=[token])).status_code == 400


def test_an_invitation_link_works_once(manager_user, ours):
    token = services.invite(ours, manager_user, "colleague@example.org").token
    colleague, response = _accept_as("colleague@example.org", token)
    assert response.status_code == 302
    client = Client()
    client.force_login(colleague)
    again = client.post(reverse("my:accept_invitation", args=[token]))
    assert again.status_code == 400
    assert b"used already" in again.content


def test_a_removed_co_editor_cannot_rejoin_with_the_same_link(manager_client, manager_user, ours):
    token = services.invite(ours, manager_user, "colleague@example.org").token
    colleague, _ = _accept_as("colleague@example.org", token)
    manager_client.post(reverse("my:remove_manager", args=[ours.slug]), {"user": colleague.pk})
    assert colleague not in ours.managers.all()
    client = Client()
    client.force_login(colleague)
    response = client.post(reverse("my:accept_invitation", args=[token]))
    assert response.status_code == 400
    assert colleague not in ours.managers.all()


def test_removing_a_manager_revokes_their_pending_invitation(manager_user, ours):
    colleague = make_user(email="colleague@example.org")
    ours.managers.add(colleague)
    invitation = services.invite(ours, manager_user, "Colleague@example.org")
    assert services.remove_manager(ours, colleague.pk)
    invitation.refresh_from_db()
    assert invitation.status == invitation.Status.REVOKED
    _, response = _accept_as("colleague2@example.org", invitation.token)
    assert response.status_code == 400


def test_inviting_again_revokes_the_earlier_link(manager_user, ours):
    first = services.invite(ours, manager_user, "colleague@example.org")
    services.invite(ours, manager_user, "colleague@example.org")
    first.refresh_from_db()
    assert first.status == first.Status.REVOKED
