"""Managers of a published profile post opportunities: a draft, a preview, then review. Bad
dates are form errors that keep the input; trusted organisations publish directly."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from opportunities.models import Opportunity, OpportunityKind, TrustedPoster, add_months
from tests.factories import make_draft, make_opportunity, make_term

pytestmark = pytest.mark.django_db


def _data(organisation, **overrides):
    today = timezone.localdate()
    data = {
        "organisation": organisation.pk,
        "kind": OpportunityKind.objects.get(slug="partner-search").pk,
        "title": "Partners for a Horizon robotics proposal",
        "summary": "We coordinate a proposal on collaborative robots and seek two SMEs.",
        "description": "<p>Details</p><script>alert(1)</script><img src=x onerror=alert(1)>",
        "sought_partner_types": ["sme", "research"],
        "sought_countries": ["DE", "FR"],
        "deadline": (today + datetime.timedelta(days=20)).isoformat(),
        "expires_on": (today + datetime.timedelta(days=60)).isoformat(),
    }
    data.update(overrides)
    return data


def test_manager_posts_a_draft_and_previews_it(manager_client, organisation):
    sector = make_term()
    r = manager_client.post(
        reverse("opportunities:create"), _data(organisation, sectors=[sector.pk])
    )
    opportunity = Opportunity.objects.get()
    assert r.status_code == 302
    assert r["Location"] == reverse("opportunities:preview", args=[opportunity.pk])
    assert opportunity.status == Opportunity.Status.DRAFT
    assert opportunity.slug == "partners-for-a-horizon-robotics-proposal"
    assert opportunity.description_html == "<p>Details</p>"
    assert list(opportunity.terms.all()) == [sector]
    assert opportunity.sought_partner_types == ["sme", "research"]
    page = manager_client.get(r["Location"])
    assert "Submit for review" in page.text
    # Not public yet.
    assert opportunity.title not in manager_client.get(reverse("opportunities:list")).text


def test_manager_of_no_published_profile_cannot_post(manager_client, manager_user):
    make_draft(manager_user)
    assert manager_client.get(reverse("opportunities:create")).status_code == 403


def test_anonymous_is_sent_to_log_in(anon):
    r = anon.get(reverse("opportunities:create"))
    assert r.status_code == 302
    assert r["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"deadline": "2020-01-01"}, "deadline", "The deadline is in the past."),
        ({"expires_on": "2020-01-01"}, "expires_on", "The expiry date is in the past."),
        ({"expires_on": "2099-01-01"}, "expires_on", "At most 6 months after it was first posted"),
        ({"deadline": "not a date"}, "deadline", "Enter a valid date."),
        ({"title": ""}, "title", "This field is required."),
    ],
)
def test_bad_dates_are_form_errors_that_keep_the_input(
    manager_client, organisation, overrides, field, message
):
    r = manager_client.post(reverse("opportunities:create"), _data(organisation, **overrides))
    assert r.status_code == 200
    assert message in " ".join(r.context["form"].errors[field])
    assert "We coordinate a proposal on collaborative robots" in r.text
    assert not Opportunity.objects.exists()


def test_expiry_is_six_months_by_default_and_at_most(manager_client, organisation):
    latest = add_months(timezone.localdate(), 6)
    r = manager_client.post(
        reverse("opportunities:create"), _data(organisation, expires_on=latest.isoformat())
    )
    assert r.status_code == 302
    assert Opportunity.objects.get().expires_on == latest
    assert Opportunity().expires_on == latest
    too_late = latest + datetime.timedelta(days=1)
    r = manager_client.post(
        reverse("opportunities:create"), _data(organisation, expires_on=too_late.isoformat())
    )
    assert r.status_code == 200


def test_submitting_sends_it_to_staff(manager_client, organisation, staff_user, outbox):
    opportunity = make_opportunity(organisation, status="draft")
    r = manager_client.post(reverse("opportunities:submit", args=[opportunity.pk]))
    assert r.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.NEEDS_REVIEW
    assert [m.to for m in outbox] == [[staff_user.email]]
    assert outbox[0].subject == f"Opportunity to review: {opportunity.title}"


def test_trusted_organisation_publishes_without_review(manager_client, organisation, outbox):
    TrustedPoster.objects.create(organisation=organisation)
    opportunity = make_opportunity(organisation, status="draft")
    manager_client.post(reverse("opportunities:submit", args=[opportunity.pk]))
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.PUBLISHED
    assert opportunity.published_at is not None
    assert "trusted organisation" in opportunity.history.first().history_change_reason
    assert opportunity.title in manager_client.get(reverse("opportunities:list")).text


def test_other_managers_cannot_edit_it(other_manager_client, organisation):
    opportunity = make_opportunity(organisation, status="draft")
    assert (
        other_manager_client.get(reverse("opportunities:edit", args=[opportunity.pk])).status_code
        == 404
    )
    published = make_opportunity(organisation)
    assert (
        other_manager_client.get(reverse("opportunities:edit", args=[published.pk])).status_code
        == 403
    )


def test_editing_a_published_opportunity_keeps_it_live_and_tells_followers(
    manager_client, organisation, other_manager_user, outbox
):
    from opportunities.models import Follow

    opportunity = make_opportunity(organisation)
    Follow.objects.create(opportunity=opportunity, user=other_manager_user)
    data = _data(organisation, title="Partners wanted, new title")
    r = manager_client.post(reverse("opportunities:edit", args=[opportunity.pk]), data)
    assert r.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.PUBLISHED
    assert opportunity.title == "Partners wanted, new title"
    assert [m.to for m in outbox] == [[other_manager_user.email]]
    assert "changed" in outbox[0].subject


def test_withdrawing_takes_it_off_the_list(manager_client, organisation, anon):
    opportunity = make_opportunity(organisation)
    manager_client.post(reverse("opportunities:withdraw", args=[opportunity.pk]))
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.WITHDRAWN
    assert anon.get(opportunity.get_absolute_url()).status_code == 404
