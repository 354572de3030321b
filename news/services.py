"""The best-practice workflow: creating a draft, submitting it, and the reviewers' decisions.

Every status change goes through `_change_status`: under a row lock it checks where the item
stands, saves the new status (django-simple-history writes the history row, with the
reviewer's comment as its reason: the moderation log) and, once committed, mails the people
who need to know. It is the same shape as a profile's publication (directory.services).
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from eca_site.lib.languages import in_sentence
from eca_site.lib.mail import absolute_url, send_after_commit, staff_recipients
from eca_site.lib.slugs import save_with_unique_slug

from .models import BestPractice

Status = BestPractice.Status

# to_status -> the statuses it may come from.
SUBMITTER_TRANSITIONS = {Status.NEEDS_REVIEW: {Status.DRAFT, Status.CHANGES_REQUESTED}}
REVIEW_TRANSITIONS = {
    # Staff may also publish what they wrote themselves in the admin (a draft) or change
    # their mind about an item they sent back or rejected.
    Status.PUBLISHED: {
        Status.NEEDS_REVIEW, Status.DRAFT, Status.CHANGES_REQUESTED, Status.REJECTED,
    },
    Status.CHANGES_REQUESTED: {Status.NEEDS_REVIEW, Status.PUBLISHED},
    Status.REJECTED: {Status.NEEDS_REVIEW, Status.PUBLISHED},
}  # fmt: skip
# E-mail subjects of the decisions; %(title)s is the best practice's title.
DECISION_SUBJECTS = {
    Status.PUBLISHED: _("Your best practice is published: %(title)s"),
    Status.CHANGES_REQUESTED: _("Changes requested to your best practice: %(title)s"),
    Status.REJECTED: _("Your best practice was not accepted: %(title)s"),
}


class TransitionError(Exception):
    """The best practice is not in a status the requested step can start from."""


def save_draft(best_practice, form, formset, user):
    """Save a manager's new or edited draft with its attachments (a new one gets a slug that
    is free even when two are created with one title at the same moment)."""
    with transaction.atomic():
        best_practice = form.save(commit=False)
        best_practice._history_user = user
        if best_practice.pk is None:
            best_practice.submitted_by = user
            best_practice._change_reason = "draft created"
            save_with_unique_slug(best_practice, best_practice.title)
        else:
            best_practice._change_reason = "draft edited"
            best_practice.save()
        form.save_m2m()
        formset.instance = best_practice
        formset.save()
    return best_practice


def _change_status(best_practice, to_status, user, comment, allowed_from):
    with transaction.atomic():
        locked = BestPractice.objects.select_for_update().get(pk=best_practice.pk)
        if locked.status not in allowed_from:
            raise TransitionError(
                # Translators: the statuses are lower-cased labels, e.g. "“Title” is
                # published; it can't be submitted for review from there."
                gettext("“%(title)s” is %(status)s; it can't be %(new_status)s from there.")
                % {
                    "title": locked,
                    "status": in_sentence(locked.get_status_display()),
                    "new_status": in_sentence(Status(to_status).label),
                }
            )
        now = timezone.now()
        fields = {"status": to_status}
        if to_status == Status.NEEDS_REVIEW:
            fields["submitted_at"] = now
        else:
            fields.update(reviewer=user, reviewer_comment=comment, reviewed_at=now)
        if to_status == Status.PUBLISHED:
            fields["published_at"] = locked.published_at or now
        for obj in (locked, best_practice):
            for name, value in fields.items():
                setattr(obj, name, value)
        locked._history_user = user
        locked._change_reason = comment
        locked.save(update_fields=[*fields, "updated"])
    return locked


def submit(best_practice, user):
    """The submitter sends a draft (or a sent-back item) for review; staff are told."""
    with transaction.atomic():
        _change_status(
            best_practice, Status.NEEDS_REVIEW, user, "", SUBMITTER_TRANSITIONS[Status.NEEDS_REVIEW]
        )
        send_after_commit(
            lambda: gettext("Best practice to review: %(title)s") % {"title": best_practice.title},
            "news/email/submitted.txt",
            {
                "best_practice": best_practice,
                "submitter": best_practice.submitted_by,
                "review_url": absolute_url(
                    reverse("admin:news_bestpractice_change", args=[best_practice.pk])
                ),
            },
            staff_recipients(),
        )


def decide(best_practice, to_status, reviewer, comment=""):
    """A reviewer publishes, sends back or rejects an item; the submitter is told.

    The one way to publish a best practice: the admin's actions and change form use it.
    """
    if to_status not in REVIEW_TRANSITIONS:
        raise TransitionError(f"{to_status!r} is not a review decision.")
    comment = comment.strip()
    if to_status != Status.PUBLISHED and not comment:
        raise TransitionError(
            gettext("Say what needs to change (or why it is rejected) in a comment.")
        )
    with transaction.atomic():
        _change_status(best_practice, to_status, reviewer, comment, REVIEW_TRANSITIONS[to_status])
        submitter = best_practice.submitted_by
        send_after_commit(
            lambda: DECISION_SUBJECTS[to_status] % {"title": best_practice.title},
            "news/email/decision.txt",
            {
                "best_practice": best_practice,
                "to_status": to_status,
                "comment": comment,
                "submitter": submitter,
                "public_url": absolute_url(best_practice.get_absolute_url()),
                "dashboard_url": absolute_url(reverse("my:dashboard")),
            },
            [submitter.email] if submitter else [],
        )


def publish(best_practice, reviewer, comment=""):
    return decide(best_practice, Status.PUBLISHED, reviewer, comment)


def request_changes(best_practice, reviewer, comment):
    return decide(best_practice, Status.CHANGES_REQUESTED, reviewer, comment)


def reject(best_practice, reviewer, comment):
    return decide(best_practice, Status.REJECTED, reviewer, comment)
