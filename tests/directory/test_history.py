"""Audit history: every admin edit is versioned with who and when, and can be reverted;
staff unpublish where only a superuser may delete."""

import pytest
from django import forms
from django.contrib.auth.models import Permission
from django.urls import reverse

from directory.models import Contact, Organisation
from tests.client import Client
from tests.factories import make_contact, make_membership, make_organisation, make_term

pytestmark = pytest.mark.django_db


def change_url(organisation):
    return reverse("admin:directory_organisation_change", args=[organisation.pk])


def form_data(response, **changes):
    """The POST data of the admin form a page shows (its current values), with `changes`."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or isinstance(field, forms.FileField):
            continue
        if isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = value
    for formset in response.context.get("inline_admin_formsets", []):
        management = formset.formset.management_form
        for name in management.fields:
            data[management[name].html_name] = management[name].value()
        for inline_form in formset.formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value is not None:
                    data[inline_form[name].html_name] = value
    data.update(changes)
    return data


def edit_in_admin(client, organisation, **changes):
    page = client.get(change_url(organisation))
    response = client.post(change_url(organisation), form_data(page, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_creating_and_editing_in_the_admin_records_who_and_when(staff_client, staff_user):
    organisation = make_organisation(name="Old name")
    edit_in_admin(staff_client, organisation, name="New name")

    records = list(organisation.history.order_by("history_date"))
    assert [r.history_type for r in records] == ["+", "~"]
    assert [r.name for r in records] == ["Old name", "New name"]
    assert records[1].history_user == staff_user
    assert records[1].history_date is not None


def test_the_history_page_shows_the_change_and_who_made_it(staff_client):
    organisation = make_organisation(name="Old name")
    edit_in_admin(staff_client, organisation, name="New name")
    response = staff_client.get(
        reverse("admin:directory_organisation_history", args=[organisation.pk])
    )
    assert response.status_code == 200
    assert "staff" in response.text
    assert "Old name" in response.text and "New name" in response.text


def test_reverting_to_an_earlier_version_restores_the_old_value(staff_client):
    organisation = make_organisation(name="Right name", city="Brussels")
    edit_in_admin(staff_client, organisation, name="Vandalised", city="Nowhere")
    first = organisation.history.earliest("history_date")

    url = reverse(
        "admin:directory_organisation_simple_history", args=[organisation.pk, first.history_id]
    )
    page = staff_client.get(url)
    assert page.status_code == 200
    assert "Revert" in page.text
    response = staff_client.post(url, form_data(page))
    assert response.status_code == 302

    organisation.refresh_from_db()
    assert (organisation.name, organisation.city) == ("Right name", "Brussels")
    assert organisation.history.count() == 3  # created, vandalised, reverted


def test_editing_a_contact_inline_is_versioned_with_the_user(staff_client, staff_user):
    organisation = make_organisation()
    contact = make_contact(organisation, name="Ana", role="Manager")
    page = staff_client.get(change_url(organisation))
    data = form_data(page)
    data["contacts-0-role"] = "President"
    response = staff_client.post(change_url(organisation), data)
    assert response.status_code == 302

    latest = contact.history.latest("history_date")
    assert (latest.role, latest.history_user) == ("President", staff_user)
    assert latest.prev_record.role == "Manager"


def test_a_deleted_contact_stays_in_the_history(staff_client):
    organisation = make_organisation()
    contact = make_contact(organisation, name="Gone")
    contact_id = contact.pk
    contact.delete()
    deleted = Contact.history.filter(id=contact_id).latest("history_date")
    assert (deleted.history_type, deleted.name) == ("-", "Gone")


def test_memberships_and_classification_changes_are_versioned(staff_client):
    network = make_organisation(kind=Organisation.Kind.NETWORK)
    membership = make_membership(network)
    assert membership.history.count() == 1

    term = make_term()
    edit_in_admin(staff_client, network, terms=[term.pk])
    latest = network.history.latest("history_date")
    assert latest.snapshot("terms") == [term.pk]
    assert latest.prev_record.snapshot("terms") == []


def test_bulk_withdrawal_is_versioned(staff_client, staff_user):
    organisations = [make_organisation(), make_organisation()]
    response = staff_client.post(
        reverse("admin:directory_organisation_changelist"),
        {"action": "withdraw", "_selected_action": [o.pk for o in organisations]},
    )
    assert response.status_code == 302
    for organisation in organisations:
        latest = organisation.history.latest("history_date")
        assert latest.status == Organisation.Status.WITHDRAWN
        assert latest.history_user == staff_user
        assert latest.history_change_reason == "withdrawn"


@pytest.fixture
def editor_client(django_user_model):
    """Staff who may view and change organisations, but are not superusers."""
    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="directory",
            codename__in=["view_organisation", "change_organisation", "delete_organisation"],
        )
    )
    client = Client()
    client.force_login(user)
    return client


def test_staff_who_are_not_superusers_cannot_delete_an_organisation(editor_client):
    organisation = make_organisation()
    delete_url = reverse("admin:directory_organisation_delete", args=[organisation.pk])
    assert editor_client.get(delete_url).status_code == 403
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Organisation.objects.filter(pk=organisation.pk).exists()

    changelist = editor_client.get(reverse("admin:directory_organisation_changelist"))
    actions = [choice[0] for choice in changelist.context["action_form"].fields["action"].choices]
    assert "delete_selected" not in actions
    assert "withdraw" in actions
    assert delete_url not in editor_client.get(change_url(organisation)).text


def test_a_superuser_deletes_only_after_confirming(staff_client):
    organisation = make_organisation()
    make_contact(organisation, name="Listed contact")
    delete_url = reverse("admin:directory_organisation_delete", args=[organisation.pk])
    confirmation = staff_client.get(delete_url)
    assert confirmation.status_code == 200
    assert "Listed contact" in confirmation.text  # what goes with it is shown first
    assert staff_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert Organisation.history.filter(id=organisation.pk, history_type="-").exists()


def test_an_organisation_that_is_a_member_cannot_be_deleted_silently(staff_client):
    network = make_organisation(kind=Organisation.Kind.NETWORK)
    member = make_organisation(name="Member cluster")
    make_membership(network, member)
    delete_url = reverse("admin:directory_organisation_delete", args=[member.pk])
    response = staff_client.post(delete_url, {"post": "yes"})
    assert response.status_code == 200  # the confirmation page again, refusing
    assert "would require deleting the following protected related objects" in response.text
    assert Organisation.objects.filter(pk=member.pk).exists()
