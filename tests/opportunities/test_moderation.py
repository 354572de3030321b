"""Staff moderate opportunities in the admin: the queue opens on submitted ones, each decision
goes through opportunities.services (history row, e-mail to the organisation's managers)."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from opportunities import services
from opportunities.models import Opportunity
from tests.factories import make_opportunity

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:opportunities_opportunity_changelist")


def _act(client, action, opportunities, comment=""):
    return client.post(
        CHANGELIST,
        {
            "action": action,
            helpers.ACTION_CHECKBOX_NAME: [o.pk for o in opportunities],
            "apply": "1",
            "comment": comment,
        },
    )


def test_queue_shows_submitted_opportunities_only(staff_client, organisation):
    waiting = make_opportunity(organisation, status="needs_review", title="Waiting one")
    make_opportunity(organisation, status="draft", title="Draft one")
    r = staff_client.get(CHANGELIST)
    assert waiting.title in r.text
    assert "Draft one" not in r.text


def test_staff_publish_and_managers_are_told(staff_client, organisation, manager_user, outbox):
    opportunity = make_opportunity(organisation, status="needs_review")
    r = _act(staff_client, "publish", [opportunity])
    assert r.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.PUBLISHED
    assert opportunity.published_at is not None
    assert [m.to for m in outbox] == [[manager_user.email]]
    assert outbox[0].subject == f"Your opportunity is published: {opportunity.title}"
    assert opportunity.get_absolute_url() in outbox[0].body


def test_requesting_changes_needs_a_comment(staff_client, organisation, outbox):
    opportunity = make_opportunity(organisation, status="needs_review")
    r = _act(staff_client, "request_changes", [opportunity])
    assert r.status_code == 200
    assert "This field is required." in r.text
    assert "These opportunities will be" in r.text
    assert "The managers of each organisation get an e-mail" in r.text
    assert opportunity.title in r.text
    _act(staff_client, "request_changes", [opportunity], "Name the call, please.")
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.CHANGES_REQUESTED
    assert "Name the call, please." in outbox[0].body
    assert [s.comment for s in opportunity.status_history()][-1] == "Name the call, please."


def test_a_decision_from_the_wrong_status_is_refused(staff_user, organisation):
    opportunity = make_opportunity(organisation, status="withdrawn")
    with pytest.raises(services.TransitionError):
        services.decide(opportunity, Opportunity.Status.REJECTED, staff_user, "no")


def test_subject_with_newlines_is_one_line(staff_user, organisation, outbox):
    from tests.client import committed

    opportunity = make_opportunity(
        organisation, status="needs_review", title="Robots\r\nBcc: x@evil"
    )
    with committed():
        services.publish(opportunity, staff_user)
    assert "\n" not in outbox[0].subject and "\r" not in outbox[0].subject
