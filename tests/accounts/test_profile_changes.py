"""Managers edit a published profile: live and in its history (who, when, why, what);
a new name, country or type waits for staff approval; staff revert from the history."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import ProfileChange
from directory.models import Organisation
from tests.accounts.self_service_helpers import (
    admin_change_data,
    figures_data,
    formset_data,
    identity_data,
)
from tests.client import Client
from tests.factories import make_contact, make_language, make_organisation, make_term, make_user


@pytest.fixture
def live(manager_user):
    organisation = make_organisation(name="Live Cluster", country="BE", region="Flanders")
    organisation.managers.add(manager_user)
    return organisation


def step_url(organisation, step):
    return reverse("my:organisation_step", args=[organisation.slug, step])


def latest(organisation):
    return organisation.history.order_by("-history_date", "-history_id").first()


def test_editing_a_published_profile_is_live_and_in_its_history_with_who_and_why(
    manager_client, manager_user, live, anon
):
    response = manager_client.post(
        step_url(live, "identity"), identity_data(live, region="Wallonia", city="Liège")
    )
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.region == "Wallonia"
    assert live.is_published
    record = latest(live)
    delta = record.diff_against(record.prev_record)
    assert {"region", "city"} <= set(delta.changed_fields)
    assert record.history_user == manager_user
    assert record.history_change_reason == "self-service: Identity and location"
    assert not live.profile_changes.exists()  # nothing waits: it is live
    assert "Wallonia" in anon.get(live.get_absolute_url()).content.decode()


def test_a_step_saves_only_its_own_fields(manager_client, live):
    """A step never writes what another step (or another tab) holds."""
    Organisation.objects.filter(pk=live.pk).update(about="<p>Written elsewhere</p>")
    manager_client.post(step_url(live, "figures"), figures_data(members_sme="40"))
    live.refresh_from_db()
    assert live.members_sme == 40
    assert live.about == "<p>Written elsewhere</p>"


def test_a_new_name_country_or_type_waits_for_staff_approval(
    manager_client, live, staff_user, anon
):
    mail.outbox.clear()
    response = manager_client.post(
        step_url(live, "identity"),
        identity_data(live, name="Renamed Cluster", country="FR", kind="network"),
        follow=True,
    )
    assert "awaits staff approval" in response.content.decode()
    live.refresh_from_db()
    assert (live.name, live.country.code, live.kind) == ("Live Cluster", "BE", "cluster")
    pending = {c.field: c for c in live.profile_changes.pending()}
    assert pending.keys() == {"name", "country", "kind"}
    assert pending["country"].new_display == "France"
    assert mail.outbox[-1].to == [staff_user.email]
    assert "Renamed Cluster" in mail.outbox[-1].body
    html = anon.get(live.get_absolute_url()).content.decode()
    assert "<h1>Live Cluster</h1>" in html
    page = manager_client.get(step_url(live, "identity")).content.decode()
    assert "Waiting for staff approval" in page


def test_a_second_proposal_replaces_the_first_and_staff_are_told_once(
    manager_client, live, staff_user
):
    mail.outbox.clear()
    manager_client.post(step_url(live, "identity"), identity_data(live, name="First"))
    manager_client.post(step_url(live, "identity"), identity_data(live, name="Second"))
    assert [c.new_value for c in live.profile_changes.pending()] == ["Second"]
    assert len(mail.outbox) == 1  # one notice until staff decide


def test_staff_approve_a_pending_name_change_in_the_admin(
    manager_client, live, staff_client, staff_user
):
    manager_client.post(step_url(live, "identity"), identity_data(live, name="Renamed Cluster"))
    change = live.profile_changes.pending().get()
    response = staff_client.post(
        reverse("admin:accounts_profilechange_changelist"),
        {"action": "approve", "_selected_action": [change.pk]},
    )
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.name == "Renamed Cluster"
    assert live.slug != "renamed-cluster"  # URLs stay stable
    assert "renamed cluster" in live.search_document  # through the write path
    change.refresh_from_db()
    assert change.status == ProfileChange.Status.APPROVED
    assert latest(live).history_user == staff_user
    assert "approved" in mail.outbox[-1].subject


def test_approving_twice_applies_once(manager_client, live, staff_user):
    from accounts import services

    manager_client.post(step_url(live, "identity"), identity_data(live, name="Renamed Cluster"))
    change = live.profile_changes.pending().get()
    assert services.approve_change(change, staff_user) is True
    assert services.approve_change(change, staff_user) is False


def test_staff_reject_a_pending_change(manager_client, live, staff_client):
    manager_client.post(step_url(live, "identity"), identity_data(live, country="FR"))
    change = live.profile_changes.pending().get()
    staff_client.post(
        reverse("admin:accounts_profilechange_changelist"),
        {"action": "reject", "_selected_action": [change.pk]},
    )
    live.refresh_from_db()
    assert live.country.code == "BE"
    change.refresh_from_db()
    assert change.status == ProfileChange.Status.REJECTED


def revert_url(organisation, record):
    return reverse(
        "admin:directory_organisation_simple_history", args=[organisation.pk, record.history_id]
    )


def test_staff_revert_a_live_change_from_the_history(manager_client, live, staff_client):
    before = latest(live)
    manager_client.post(step_url(live, "figures"), figures_data(members_sme="99"))
    live.refresh_from_db()
    assert live.members_sme == 99
    page = staff_client.get(revert_url(live, before))
    assert page.status_code == 200
    staff_client.post(revert_url(live, before), admin_change_data(page))
    live.refresh_from_db()
    assert live.members_sme is None


def test_revert_restores_terms_and_languages_too(manager_client, live, staff_client):
    english, sector = make_language(), make_term()
    live.languages.add(english)
    live.terms.add(sector)
    before = latest(live)
    manager_client.post(step_url(live, "identity"), identity_data(live, languages=[]))
    live.terms.clear()
    page = staff_client.get(revert_url(live, before))
    staff_client.post(revert_url(live, before), admin_change_data(page))
    live.refresh_from_db()
    assert list(live.languages.all()) == [english]
    assert list(live.terms.all()) == [sector]
    assert live.completeness > 0 and sector.name in live.search_keywords  # derived again


def test_contacts_have_their_own_history(manager_client, live):
    contact = make_contact(live, name="Original Person", role="President")
    manager_client.post(
        step_url(live, "contacts"),
        {
            **formset_data(
                "contacts",
                [{"id": str(contact.pk), "name": "Original Person", "role": "Treasurer",
                  "position": "0"}],
            ),
            "contacts-INITIAL_FORMS": "1",
            "action": "save",
        },
    )  # fmt: skip
    record = contact.history.order_by("-history_date").first()
    assert (record.role, record.prev_record.role) == ("Treasurer", "President")


def test_the_admin_lists_the_latest_changes_with_who_and_why(manager_client, live, staff_client):
    manager_client.post(step_url(live, "identity"), identity_data(live, region="Wallonia"))
    html = staff_client.get(
        reverse("admin:directory_organisation_change", args=[live.pk])
    ).content.decode()
    assert "self-service: Identity and location" in html
    assert "region" in html


def test_pending_changes_show_old_and_new_in_the_admin(manager_client, live, staff_client):
    manager_client.post(step_url(live, "identity"), identity_data(live, name="New Name"))
    html = staff_client.get(reverse("admin:accounts_profilechange_changelist")).content.decode()
    assert '<del class="diff-old">Live Cluster</del>' in html
    assert '<ins class="diff-new">New Name</ins>' in html


def test_a_draft_can_change_its_name_freely(manager_client, manager_user):
    draft = make_organisation(status=Organisation.Status.DRAFT, name="Old")
    draft.managers.add(manager_user)
    manager_client.post(step_url(draft, "identity"), identity_data(draft, name="New"))
    draft.refresh_from_db()
    assert draft.name == "New"
    assert not draft.profile_changes.exists()


def test_co_editor_edits_are_attributed_to_the_co_editor(live):
    co_editor = make_user(email="co@example.org")
    live.managers.add(co_editor)
    client = Client()
    client.force_login(co_editor)
    client.post(step_url(live, "identity"), identity_data(live, region="Brussels"))
    assert latest(live).history_user == co_editor


def test_a_profile_staff_classified_as_other_keeps_its_type(manager_client, manager_user):
    other_kind = make_organisation(kind=Organisation.Kind.OTHER, name="Agency")
    other_kind.managers.add(manager_user)
    html = manager_client.get(step_url(other_kind, "identity")).content.decode()
    assert "Other organisation" in html
    manager_client.post(step_url(other_kind, "identity"), identity_data(other_kind, kind="other"))
    assert not other_kind.profile_changes.filter(field="kind").exists()


def test_fifteen_name_proposals_send_staff_one_notice(manager_client, live, staff_user):
    """Issue 12, vulnerability 8: 15 submissions sent every staff user 15 e-mails."""
    mail.outbox.clear()
    for n in range(15):
        manager_client.post(step_url(live, "identity"), identity_data(live, name=f"Name {n}"))
    assert [m.to for m in mail.outbox] == [[staff_user.email]]


def test_profile_edits_are_rate_limited_per_address(manager_client, live):
    """Issue 12, vulnerability 8: 60 saves an hour, then the 429 page."""
    for n in range(60):
        response = manager_client.post(step_url(live, "figures"), figures_data(members_sme=n))
        assert response.status_code == 302
    response = manager_client.post(step_url(live, "figures"), figures_data())
    assert response.status_code == 429
    assert int(response["Retry-After"]) <= 3600


def test_registering_and_submitting_profiles_are_rate_limited(manager_client):
    new = {"kind": "cluster", "country": "LV", "website": "", "confirm_not_duplicate": "on"}
    statuses = [
        manager_client.post(reverse("my:organisation_new"), {**new, "name": f"C{n}"}).status_code
        for n in range(21)
    ]
    assert statuses[:20] == [302] * 20
    assert statuses[20] == 429
    draft = Organisation.objects.filter(status="draft").first()
    submit = reverse("my:organisation_submit", args=[draft.slug])
    assert [manager_client.post(submit).status_code for _ in range(11)][-1] == 429
