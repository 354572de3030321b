"""Review workflow (news/services.py) and its admin actions: status, history, e-mail."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from news import services
from news.models import BestPractice
from tests.client import committed
from tests.factories import make_best_practice

Status = BestPractice.Status


@pytest.fixture
def submitted(organisation, manager_user, staff_user):
    best_practice = make_best_practice(
        organisation, status=Status.DRAFT, submitted_by=manager_user, title="Shared services"
    )
    with committed():
        services.submit(best_practice, manager_user)
    return best_practice


def test_submitting_records_history_and_mails_staff(organisation, manager_user, staff_user, outbox):
    best_practice = make_best_practice(organisation, status=Status.DRAFT, submitted_by=manager_user)
    with committed():
        services.submit(best_practice, manager_user)
    best_practice.refresh_from_db()
    assert best_practice.status == Status.NEEDS_REVIEW
    assert best_practice.submitted_at is not None
    step = best_practice.status_history()[-1]
    assert (step.from_status, step.to_status, step.by) == (
        Status.DRAFT,
        Status.NEEDS_REVIEW,
        manager_user,
    )
    assert len(outbox) == 1
    assert outbox[0].to == ["staff@example.org"]
    assert best_practice.title in outbox[0].subject
    assert f"/admin/news/bestpractice/{best_practice.pk}/change/" in outbox[0].body


@pytest.mark.parametrize(
    ("decision", "subject"),
    [
        (Status.PUBLISHED, "Your best practice is published"),
        (Status.CHANGES_REQUESTED, "Changes requested to your best practice"),
        (Status.REJECTED, "Your best practice was not accepted"),
    ],
)
def test_each_decision_mails_the_submitter_with_the_comment(
    decision, subject, submitted, staff_user, outbox
):
    outbox.clear()
    with committed():
        services.decide(submitted, decision, staff_user, "Please add numbers.")
    submitted.refresh_from_db()
    assert submitted.status == decision
    assert submitted.reviewer == staff_user
    assert submitted.reviewer_comment == "Please add numbers."
    assert [m.to for m in outbox] == [["manager@example.org"]]
    assert outbox[0].subject.startswith(subject)
    assert "Please add numbers." in outbox[0].body


def test_history_keeps_every_step_and_comment(submitted, manager_user, staff_user):
    with committed():
        services.request_changes(submitted, staff_user, "First: add results.")
    with committed():
        services.submit(submitted, manager_user)
    with committed():
        services.request_changes(submitted, staff_user, "Second: add a picture.")
    with committed():
        services.submit(submitted, manager_user)
    with committed():
        services.publish(submitted, staff_user)
    steps = [(step.to_status, step.comment) for step in submitted.status_history()]
    assert steps == [
        (Status.DRAFT, ""),
        (Status.NEEDS_REVIEW, ""),
        (Status.CHANGES_REQUESTED, "First: add results."),
        (Status.NEEDS_REVIEW, ""),
        (Status.CHANGES_REQUESTED, "Second: add a picture."),
        (Status.NEEDS_REVIEW, ""),
        (Status.PUBLISHED, ""),
    ]
    submitted.refresh_from_db()
    assert submitted.published_at is not None


def test_requesting_changes_or_rejecting_needs_a_comment(submitted, staff_user):
    with pytest.raises(services.TransitionError, match="comment"):
        services.reject(submitted, staff_user, "  ")
    submitted.refresh_from_db()
    assert submitted.status == Status.NEEDS_REVIEW


@pytest.mark.parametrize(
    ("start", "step"),
    [
        (Status.PUBLISHED, Status.PUBLISHED),
        (Status.DRAFT, Status.REJECTED),
        (Status.DRAFT, Status.CHANGES_REQUESTED),
        (Status.REJECTED, Status.CHANGES_REQUESTED),
        (Status.PUBLISHED, Status.NEEDS_REVIEW),
        (Status.REJECTED, Status.NEEDS_REVIEW),
        (Status.NEEDS_REVIEW, Status.NEEDS_REVIEW),
    ],
)
def test_impossible_steps_are_refused_and_leave_no_trace(
    start, step, organisation, staff_user, manager_user, outbox
):
    best_practice = make_best_practice(organisation, status=start, submitted_by=manager_user)
    with pytest.raises(services.TransitionError):
        if step == Status.NEEDS_REVIEW:
            services.submit(best_practice, manager_user)
        else:
            services.decide(best_practice, step, staff_user, "comment")
    best_practice.refresh_from_db()
    assert best_practice.status == start
    assert [step.to_status for step in best_practice.status_history()] == [start]
    assert outbox == []


# ----- in the admin ------------------------------------------------------------------------
def test_admin_list_opens_on_the_queue_of_submitted_items(staff_client, submitted, organisation):
    make_best_practice(organisation, title="Already public")
    url = reverse("admin:news_bestpractice_changelist")
    html = staff_client.get(url).content.decode()
    assert "Shared services" in html
    assert "Already public" not in html
    html = staff_client.get(url, {"queue": "all"}).content.decode()
    assert "Already public" in html


@pytest.mark.parametrize(
    ("action", "comment", "status"),
    [
        ("publish", "", Status.PUBLISHED),
        ("request_changes", "Add results, please.", Status.CHANGES_REQUESTED),
        ("reject", "Out of scope.", Status.REJECTED),
    ],
)
def test_admin_actions_ask_for_a_comment_then_decide_and_mail(
    action, comment, status, staff_client, submitted, outbox
):
    url = reverse("admin:news_bestpractice_changelist")
    selection = {"action": action, helpers.ACTION_CHECKBOX_NAME: [submitted.pk]}
    confirm = staff_client.post(url, selection)
    assert confirm.status_code == 200
    assert "Comment" in confirm.content.decode()
    assert "These best practices will be" in confirm.text
    assert "Each submitter gets an e-mail" in confirm.text
    assert submitted.title in confirm.text
    submitted.refresh_from_db()
    assert submitted.status == Status.NEEDS_REVIEW  # nothing happens before confirming
    outbox.clear()
    response = staff_client.post(url, {**selection, "apply": "1", "comment": comment})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == status
    assert submitted.status_history()[-1].comment == comment
    assert [m.to for m in outbox] == [["manager@example.org"]]


def test_admin_reject_without_a_comment_shows_the_error(staff_client, submitted):
    url = reverse("admin:news_bestpractice_changelist")
    response = staff_client.post(
        url,
        {
            "action": "reject",
            helpers.ACTION_CHECKBOX_NAME: [submitted.pk],
            "apply": "1",
            "comment": "",
        },
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.NEEDS_REVIEW


def test_admin_action_skips_items_in_the_wrong_status_with_a_warning(
    staff_client, organisation, submitted
):
    draft = make_best_practice(organisation, status=Status.DRAFT)
    url = reverse("admin:news_bestpractice_changelist") + "?queue=all"
    response = staff_client.post(
        url,
        {
            "action": "reject",
            helpers.ACTION_CHECKBOX_NAME: [submitted.pk, draft.pk],
            "apply": "1",
            "comment": "Out of scope.",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "1 best practice rejected" in html
    assert "is draft; it can&#x27;t be rejected from there" in html
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_admin_change_form_shows_history_and_status_is_read_only(staff_client, submitted):
    response = staff_client.get(reverse("admin:news_bestpractice_change", args=[submitted.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "moderation log (from the history)" in html.lower()
    assert 'name="status"' not in html


def test_staff_can_write_a_best_practice_in_the_admin_and_publish_it(staff_client, organisation):
    response = staff_client.post(
        reverse("admin:news_bestpractice_add"),
        {
            "title": "Written by staff",
            "slug": "written-by-staff",
            "organisation": organisation.pk,
            "summary": "From the back office.",
            "summary_language": "en",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    best_practice = BestPractice.objects.get(slug="written-by-staff")
    assert best_practice.status == Status.DRAFT
    with committed():
        services.publish(best_practice, best_practice.history.earliest().history_user)
    best_practice.refresh_from_db()
    assert best_practice.is_published
