"""Staff review in the admin: checklist, waiver, publish / request changes, e-mails."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from directory import services
from directory.models import Organisation
from tests.accounts.self_service_helpers import admin_change_data
from tests.client import committed
from tests.factories import (
    make_draft,
    make_language,
    make_organisation,
    make_user,
    make_valid_profile,
)


@pytest.fixture
def submitted(manager_user):
    organisation = make_draft(manager_user, status=Organisation.Status.NEEDS_REVIEW, name="Queue")
    return organisation


def change_url(organisation):
    return reverse("admin:directory_organisation_change", args=[organisation.pk])


def test_criteria_are_computed_from_the_data(db):
    organisation = make_organisation(**make_valid_profile())
    organisation.languages.add(make_language())
    assert organisation.meets_criteria
    assert [met for _, met, _ in organisation.validation_criteria()] == [True] * 4


@pytest.mark.parametrize(
    ("overrides", "failing"),
    [
        ({"members_sme": 8}, "At least 15 members"),
        ({"staff_fte": Decimal("0.4")}, "At least 0.5 FTE cluster-management staff"),
        ({"members_research": 0, "members_public": 0, "members_sme": 20}, "two member types"),
        ({"website": ""}, "An English website"),
    ],
)
def test_each_criterion_can_fail_on_its_own(overrides, failing, db):
    organisation = make_organisation(**make_valid_profile(**overrides))
    organisation.languages.add(make_language())
    unmet = [label for label, met, _ in organisation.validation_criteria() if not met]
    assert len(unmet) == 1 and failing in unmet[0]


def test_english_website_needs_english_among_the_languages(db):
    organisation = make_organisation(**make_valid_profile())
    organisation.languages.add(make_language("fr", "French"))
    unmet = [label for label, met, _ in organisation.validation_criteria() if not met]
    assert unmet == ["An English website (website given and English among the languages)"]


def test_large_companies_count_as_businesses_for_member_types(db):
    organisation = make_organisation(members_large=10, members_public=6)
    types = organisation.validation_criteria()[2]
    assert types[1] is True and types[2] == "businesses, public bodies"


def test_review_screen_shows_the_checklist_and_the_review_buttons(staff_client, submitted):
    html = staff_client.get(change_url(submitted)).content.decode()
    assert "review-checklist" in html
    assert html.count("criterion-unmet") == 4
    assert 'name="_publish"' in html and 'name="_request_changes"' in html


def test_review_buttons_are_only_shown_for_submitted_profiles(staff_client, db):
    html = staff_client.get(change_url(make_organisation())).content.decode()
    assert 'name="_publish"' not in html


def test_publishing_with_unmet_criteria_is_refused(staff_client, submitted):
    page = staff_client.get(change_url(submitted))
    response = staff_client.post(change_url(submitted), admin_change_data(page, _publish="1"))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Organisation.Status.NEEDS_REVIEW
    assert not submitted.is_published
    assert mail.outbox == []


def test_waiving_needs_a_reason(staff_client, submitted):
    page = staff_client.get(change_url(submitted))
    response = staff_client.post(
        change_url(submitted), admin_change_data(page, criteria_waived="on", _publish="1")
    )
    assert response.status_code == 200
    assert "Give the reason for waiving the criteria." in response.content.decode()


def test_staff_waive_the_criteria_with_a_reason_and_publish(staff_client, submitted, manager_user):
    page = staff_client.get(change_url(submitted))
    data = admin_change_data(
        page,
        criteria_waived="on",
        criteria_waiver_reason="Officially recognised by the national cluster programme.",
        _publish="1",
    )
    staff_client.post(change_url(submitted), data)
    submitted.refresh_from_db()
    assert submitted.status == Organisation.Status.PUBLISHED
    assert submitted.is_published
    assert submitted.reviewed_by.is_staff
    assert mail.outbox[-1].to == [manager_user.email]


def test_request_changes_needs_a_comment(staff_client, submitted):
    page = staff_client.get(change_url(submitted))
    staff_client.post(change_url(submitted), admin_change_data(page, _request_changes="1"))
    submitted.refresh_from_db()
    assert submitted.status == Organisation.Status.NEEDS_REVIEW
    assert mail.outbox == []


def test_publish_action_goes_through_the_criteria_and_mails(staff_client, manager_user, db):
    good = make_draft(manager_user, status="needs_review", **make_valid_profile())
    good.languages.add(make_language())
    weak = make_draft(manager_user, status="needs_review")
    response = staff_client.post(
        reverse("admin:directory_organisation_changelist"),
        {"action": "publish", "_selected_action": [good.pk, weak.pk]},
        follow=True,
    )
    assert "1 published, 1 refused" in response.content.decode()
    good.refresh_from_db()
    weak.refresh_from_db()
    assert good.is_published and not weak.is_published
    assert len(mail.outbox) == 1


def test_changelist_filters_the_review_queue(staff_client, submitted):
    make_organisation(name="Already Public")
    html = staff_client.get(
        reverse("admin:directory_organisation_changelist"), {"status__exact": "needs_review"}
    ).content.decode()
    assert "Queue" in html and "Already Public" not in html


def test_submission_mails_every_active_staff_member(manager_user, staff_user, django_user_model):
    django_user_model.objects.create_user("s2", "s2@example.org", "x", is_staff=True)
    django_user_model.objects.create_user("s3", "", "x", is_staff=True)  # no address
    organisation = make_draft(manager_user)
    with committed():
        services.submit_for_review(organisation, manager_user)
    assert sorted(mail.outbox[-1].to) == ["s2@example.org", "staff@example.org"]
    assert f"/admin/directory/organisation/{organisation.pk}/change/" in mail.outbox[-1].body


def test_publication_is_one_field_and_published_is_derived_from_it(db):
    names = {field.name for field in Organisation._meta.get_fields()}
    assert "is_published" not in names
    draft, public = make_draft(), make_organisation()
    assert list(Organisation.objects.published()) == [public]
    assert (draft.is_published, public.is_published) == (False, True)


def test_the_admin_form_cannot_set_the_status(staff_client, submitted):
    page = staff_client.get(change_url(submitted))
    response = staff_client.post(change_url(submitted), admin_change_data(page, status="published"))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Organisation.Status.NEEDS_REVIEW


def test_the_bulk_action_publishes_through_the_criteria_check(staff_client, db, outbox):
    weak = make_draft(make_user(), status=Organisation.Status.NEEDS_REVIEW)
    good = make_draft(make_user(email="good@example.org"), **make_valid_profile())
    good.languages.add(make_language())
    response = staff_client.post(
        reverse("admin:directory_organisation_changelist"),
        {"action": "publish", "_selected_action": [weak.pk, good.pk]},
        follow=True,
    )
    assert "1 published, 1 refused (criteria unmet)" in response.content.decode()
    weak.refresh_from_db()
    good.refresh_from_db()
    assert (weak.is_published, good.is_published) == (False, True)
    assert [m.to for m in outbox] == [["good@example.org"]]


def test_publishing_twice_sends_one_e_mail(staff_user, db, outbox):
    organisation = make_draft(make_user(email="m@example.org"), criteria_waived=True)
    with committed():
        assert services.publish(organisation, staff_user)
        with pytest.raises(services.TransitionError):
            services.publish(organisation, staff_user)
    assert len(outbox) == 1


def test_withdrawing_takes_a_profile_offline_and_tells_its_managers(staff_client, outbox):
    organisation = make_organisation(name="Going Offline")
    organisation.managers.add(make_user(email="m@example.org"))
    response = staff_client.post(
        reverse("admin:directory_organisation_changelist"),
        {"action": "withdraw", "_selected_action": [organisation.pk]},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.WITHDRAWN
    assert [m.subject for m in outbox] == ["Your profile was taken offline: Going Offline"]


def test_seeded_and_staff_created_profiles_are_published(seeded):
    assert seeded.status == Organisation.Status.PUBLISHED
    assert Organisation.objects.exclude(status="published").count() == 0


def test_staff_cannot_remove_the_last_manager_in_the_admin(staff_client, submitted):
    page = staff_client.get(change_url(submitted))
    data = admin_change_data(page)
    del data["managers"]
    response = staff_client.post(change_url(submitted), data)
    assert response.status_code == 200
    assert "A profile always keeps at least one manager" in response.content.decode()
    assert submitted.managers.count() == 1
