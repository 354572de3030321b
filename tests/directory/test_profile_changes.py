"""Managers edit a published profile: live but recorded; name/country/type need approval."""

import pytest
from django.core import mail
from django.urls import reverse

from directory import services
from directory.models import Organisation, ProfileChange
from tests.directory.self_service_helpers import figures_data, formset_data, identity_data
from tests.factories import make_contact, make_language, make_organisation, make_user


@pytest.fixture
def live(manager_user):
    organisation = make_organisation(name="Live Cluster", country="BE", region="Flanders")
    organisation.managers.add(manager_user)
    return organisation


def step_url(organisation, step):
    return reverse("my:organisation_step", args=[organisation.slug, step])


def test_editing_a_published_profile_is_live_and_logged_with_who_and_what(
    manager_client, manager_user, live, anon
):
    response = manager_client.post(
        step_url(live, "identity"), identity_data(live, region="Wallonia", city="Liège")
    )
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.region == "Wallonia"
    assert live.is_published
    changes = {c.field: c for c in live.profile_changes.all()}
    assert changes.keys() == {"region", "city", "legal_form"}
    region = changes["region"]
    assert (region.old_display, region.new_display) == ("Flanders", "Wallonia")
    assert region.user == manager_user
    assert region.status == ProfileChange.Status.APPLIED
    assert "Wallonia" in anon.get(live.get_absolute_url()).content.decode()


def test_saving_without_changes_logs_nothing(manager_client, live):
    manager_client.post(step_url(live, "figures"), figures_data())
    count = live.profile_changes.count()
    manager_client.post(step_url(live, "figures"), figures_data())
    assert live.profile_changes.count() == count


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


def test_a_second_proposal_replaces_the_first(manager_client, live):
    manager_client.post(step_url(live, "identity"), identity_data(live, name="First"))
    manager_client.post(step_url(live, "identity"), identity_data(live, name="Second"))
    assert [c.new_value for c in live.profile_changes.pending()] == ["Second"]


def test_staff_approve_a_pending_name_change_in_the_admin(manager_client, live, staff_client):
    manager_client.post(step_url(live, "identity"), identity_data(live, name="Renamed Cluster"))
    change = live.profile_changes.pending().get()
    response = staff_client.post(
        reverse("admin:directory_profilechange_changelist"),
        {"action": "approve", "_selected_action": [change.pk]},
    )
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.name == "Renamed Cluster"
    assert live.slug != "renamed-cluster"  # URLs stay stable
    change.refresh_from_db()
    assert change.status == ProfileChange.Status.APPLIED
    assert "approved" in mail.outbox[-1].subject


def test_staff_reject_a_pending_change(manager_client, live, staff_client):
    manager_client.post(step_url(live, "identity"), identity_data(live, country="FR"))
    change = live.profile_changes.pending().get()
    staff_client.post(
        reverse("admin:directory_profilechange_changelist"),
        {"action": "reject", "_selected_action": [change.pk]},
    )
    live.refresh_from_db()
    assert live.country.code == "BE"
    change.refresh_from_db()
    assert change.status == ProfileChange.Status.REJECTED


def test_staff_revert_a_live_change_in_the_admin(manager_client, live, staff_client):
    manager_client.post(step_url(live, "figures"), figures_data(members_sme="99"))
    change = live.profile_changes.get(field="members_sme")
    staff_client.post(
        reverse("admin:directory_profilechange_changelist"),
        {"action": "revert", "_selected_action": [change.pk]},
    )
    live.refresh_from_db()
    assert live.members_sme is None
    change.refresh_from_db()
    assert change.status == ProfileChange.Status.REVERTED
    assert services.revert_change(change, None) is False  # only once


def test_revert_restores_contacts_languages_and_decimal_values(manager_client, live, staff_user):
    make_contact(live, name="Original Person", role="President")
    english = make_language()
    live.languages.add(english)
    live.staff_fte = "2.5"
    live.save()
    manager_client.post(
        step_url(live, "contacts"),
        {
            **formset_data("contacts", [{"name": "Replacement", "position": "0"}]),
            "contacts-INITIAL_FORMS": "0",
            "action": "save",
        },
    )
    manager_client.post(step_url(live, "identity"), identity_data(live, languages=[]))
    manager_client.post(step_url(live, "figures"), figures_data(staff_fte="0.5"))
    for change in live.profile_changes.filter(field__in=["contacts", "languages", "staff_fte"]):
        assert services.revert_change(change, staff_user)
    live.refresh_from_db()
    assert [c.name for c in live.contacts.all()] == ["Original Person"]
    assert list(live.languages.all()) == [english]
    assert str(live.staff_fte) == "2.5"


def test_admin_shows_the_diff_on_the_change_list_and_the_organisation(
    manager_client, live, staff_client
):
    manager_client.post(step_url(live, "identity"), identity_data(live, region="Wallonia"))
    html = staff_client.get(reverse("admin:directory_profilechange_changelist")).content.decode()
    assert '<del class="diff-old">Flanders</del>' in html
    assert '<ins class="diff-new">Wallonia</ins>' in html
    html = staff_client.get(
        reverse("admin:directory_organisation_change", args=[live.pk])
    ).content.decode()
    assert "Wallonia" in html and "approve, reject or revert" in html


def test_long_texts_are_shown_as_a_line_diff(manager_client, live, staff_client):
    live.about = "<p>Line one</p>\n<p>Line two</p>"
    live.save()
    manager_client.post(
        step_url(live, "about"),
        {"about": "<p>Line one</p>\n<p>Line 2</p>", "membership_info": "", "action": "save",
         **formset_data("social_links", [])},
    )  # fmt: skip
    html = staff_client.get(reverse("admin:directory_profilechange_changelist")).content.decode()
    assert "-&lt;p&gt;Line two&lt;/p&gt;" in html
    assert "+&lt;p&gt;Line 2&lt;/p&gt;" in html


def test_a_draft_can_change_its_name_freely(manager_client, manager_user):
    draft = make_organisation(is_published=False, status=Organisation.Status.DRAFT, name="Old")
    draft.managers.add(manager_user)
    manager_client.post(step_url(draft, "identity"), identity_data(draft, name="New"))
    draft.refresh_from_db()
    assert draft.name == "New"
    assert not draft.profile_changes.exists()


def test_co_editor_edits_are_attributed_to_the_co_editor(live):
    from django.test import Client

    co_editor = make_user(email="co@example.org")
    live.managers.add(co_editor)
    client = Client()
    client.force_login(co_editor)
    client.post(step_url(live, "identity"), identity_data(live, region="Brussels"))
    assert live.profile_changes.get(field="region").user == co_editor


def test_the_organisation_link_lists_only_its_changes(manager_client, live, staff_client):
    other = make_organisation(name="Other Live")
    other.managers.add(live.managers.get())
    manager_client.post(step_url(live, "identity"), identity_data(live, region="Wallonia"))
    manager_client.post(step_url(other, "identity"), identity_data(other, region="Lapland"))
    response = staff_client.get(
        reverse("admin:directory_profilechange_changelist"), {"organisation__id__exact": live.pk}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wallonia" in html and "Lapland" not in html


def test_a_profile_staff_classified_as_other_keeps_its_type(manager_client, manager_user):
    other_kind = make_organisation(kind=Organisation.Kind.OTHER, name="Agency")
    other_kind.managers.add(manager_user)
    html = manager_client.get(step_url(other_kind, "identity")).content.decode()
    assert "Other organisation" in html
    manager_client.post(step_url(other_kind, "identity"), identity_data(other_kind, kind="other"))
    assert not other_kind.profile_changes.filter(field="kind").exists()
