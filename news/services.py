"""The best-practice review workflow: status changes, their history and the e-mail they send.

Every change goes through `_change_status`, which writes a BestPracticeStatusChange row
(nothing is overwritten: the item keeps only the latest decision, the history keeps all)
and then mails the people who need to know.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from .models import BestPractice, BestPracticeStatusChange

Status = BestPractice.Status

# to_status -> the statuses it may come from.
SUBMITTER_TRANSITIONS = {Status.SUBMITTED: {Status.DRAFT, Status.CHANGES_REQUESTED}}
REVIEW_TRANSITIONS = {
    # Staff may also publish what they wrote themselves in the admin (a draft) or change
    # their mind about an item they sent back or rejected.
    Status.PUBLISHED: {Status.SUBMITTED, Status.DRAFT, Status.CHANGES_REQUESTED, Status.REJECTED},
    Status.CHANGES_REQUESTED: {Status.SUBMITTED, Status.PUBLISHED},
    Status.REJECTED: {Status.SUBMITTED, Status.PUBLISHED},
}


class TransitionError(Exception):
    """The best practice is not in a status the requested step can start from."""


def absolute_url(path):
    return f"{settings.SITE_URL}{path}"


def record_creation(best_practice, user):
    """History starts with the draft being created."""
    return BestPracticeStatusChange.objects.create(
        best_practice=best_practice, to_status=best_practice.status, changed_by=user
    )


def _change_status(best_practice, to_status, user, comment, allowed_from):
    with transaction.atomic():
        locked = BestPractice.objects.select_for_update().get(pk=best_practice.pk)
        if locked.status not in allowed_from:
            raise TransitionError(
                f"“{locked}” is {locked.get_status_display().lower()}; it can't be "
                f"{Status(to_status).label.lower()} from there."
            )
        change = BestPracticeStatusChange.objects.create(
            best_practice=locked,
            from_status=locked.status,
            to_status=to_status,
            changed_by=user,
            comment=comment,
        )
        now = change.created
        best_practice.status = to_status
        fields = ["status", "updated"]
        if to_status == Status.SUBMITTED:
            best_practice.submitted_at = now
            fields.append("submitted_at")
        else:
            best_practice.reviewer = user
            best_practice.reviewer_comment = comment
            best_practice.reviewed_at = now
            fields += ["reviewer", "reviewer_comment", "reviewed_at"]
        if to_status == Status.PUBLISHED:
            best_practice.published_at = best_practice.published_at or now
            fields.append("published_at")
        best_practice.save(update_fields=fields)
    return change


def submit(best_practice, user):
    """The submitter sends a draft (or a sent-back item) for review; staff are told."""
    change = _change_status(
        best_practice, Status.SUBMITTED, user, "", SUBMITTER_TRANSITIONS[Status.SUBMITTED]
    )
    notify_staff_of_submission(best_practice)
    return change


def decide(best_practice, to_status, reviewer, comment=""):
    """A reviewer publishes, sends back or rejects an item; the submitter is told."""
    if to_status not in REVIEW_TRANSITIONS:
        raise TransitionError(f"{to_status!r} is not a review decision.")
    if to_status != Status.PUBLISHED and not comment.strip():
        raise TransitionError("Say what needs to change (or why it is rejected) in a comment.")
    change = _change_status(
        best_practice, to_status, reviewer, comment.strip(), REVIEW_TRANSITIONS[to_status]
    )
    notify_submitter_of_decision(best_practice, change)
    return change


def publish(best_practice, reviewer, comment=""):
    return decide(best_practice, Status.PUBLISHED, reviewer, comment)


def request_changes(best_practice, reviewer, comment):
    return decide(best_practice, Status.CHANGES_REQUESTED, reviewer, comment)


def reject(best_practice, reviewer, comment):
    return decide(best_practice, Status.REJECTED, reviewer, comment)


# ----- e-mail ------------------------------------------------------------------------------
def staff_recipients():
    users = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def notify_staff_of_submission(best_practice):
    recipients = staff_recipients()
    if not recipients:
        return 0
    ctx = {
        "best_practice": best_practice,
        "submitter": best_practice.submitted_by,
        "review_url": absolute_url(
            reverse("admin:news_bestpractice_change", args=[best_practice.pk])
        ),
        "SITE_NAME": settings.SITE_NAME,
    }
    return send_mail(
        f"Best practice to review: {best_practice.title}",
        render_to_string("news/email/submitted.txt", ctx),
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )


def notify_submitter_of_decision(best_practice, change):
    submitter = best_practice.submitted_by
    if submitter is None or not submitter.email:
        return 0
    ctx = {
        "best_practice": best_practice,
        "change": change,
        "submitter": submitter,
        "public_url": absolute_url(best_practice.get_absolute_url()),
        "dashboard_url": absolute_url(reverse("news:dashboard")),
        "SITE_NAME": settings.SITE_NAME,
    }
    subjects = {
        Status.PUBLISHED: "Your best practice is published",
        Status.CHANGES_REQUESTED: "Changes requested to your best practice",
        Status.REJECTED: "Your best practice was not accepted",
    }
    return send_mail(
        f"{subjects[change.to_status]}: {best_practice.title}",
        render_to_string("news/email/decision.txt", ctx),
        settings.DEFAULT_FROM_EMAIL,
        [submitter.email],
    )
