"""The opportunity workflow: drafts, review, publication, withdrawal; interests and their
replies; followers' notices. Every status change goes through `_change_status` (row lock, a
history row whose reason is the comment, e-mail on commit), the shape of news.services.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation
from eca_site.lib.languages import in_sentence
from eca_site.lib.mail import absolute_url, send_after_commit, staff_recipients
from eca_site.lib.slugs import save_with_unique_slug

from .models import RESERVED_SLUGS, Follow, Interest, Opportunity, TrustedPoster

Status = Opportunity.Status

SUBMITTABLE = {Status.DRAFT, Status.CHANGES_REQUESTED}
REVIEW_TRANSITIONS = {
    Status.PUBLISHED: {
        Status.NEEDS_REVIEW, Status.DRAFT, Status.CHANGES_REQUESTED, Status.REJECTED,
        Status.WITHDRAWN,
    },
    Status.CHANGES_REQUESTED: {Status.NEEDS_REVIEW, Status.PUBLISHED},
    Status.REJECTED: {Status.NEEDS_REVIEW, Status.PUBLISHED},
}  # fmt: skip
WITHDRAWABLE = {Status.DRAFT, Status.NEEDS_REVIEW, Status.CHANGES_REQUESTED, Status.PUBLISHED}
# E-mail subjects; %(title)s is the opportunity's title.
DECISION_SUBJECTS = {
    Status.PUBLISHED: _("Your opportunity is published: %(title)s"),
    Status.CHANGES_REQUESTED: _("Changes requested to your opportunity: %(title)s"),
    Status.REJECTED: _("Your opportunity was not accepted: %(title)s"),
}
EXPIRY_NOTICE_DAYS = 7


class TransitionError(Exception):
    """The opportunity is not in a status the requested step can start from."""


class InterestRefused(Exception):
    """An interest that may not be sent (the message says why, for the person)."""


def _reason(status):
    """A status as the reason of a history row: stored in English, the source language (the
    preview shows it translated: models.HISTORY_REASONS)."""
    with translation.override("en"):
        return in_sentence(Status(status).label)


def manager_emails(organisation):
    return list(organisation.managers.filter(is_active=True).values_list("email", flat=True))


# ----- drafts and publication ----------------------------------------------------------------
def save(opportunity, form, user):
    """Save a manager's new or edited opportunity. Editing a published one keeps it published
    (like a profile, the change is in its history) and tells its followers."""
    with transaction.atomic():
        opportunity = form.save(commit=False)
        opportunity._history_user = user
        if opportunity.pk is None:
            opportunity.submitted_by = user
            opportunity._change_reason = "draft created"
            save_with_unique_slug(opportunity, opportunity.title, reserved=RESERVED_SLUGS)
        else:
            opportunity._change_reason = "edited by its organisation"
            opportunity.save()
        form.save_m2m()
        if opportunity.is_published:
            notify_followers(opportunity, "changed")
    return opportunity


def _change_status(opportunity, to_status, user, comment, allowed_from):
    with transaction.atomic():
        locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        if locked.status not in allowed_from:
            raise TransitionError(
                # Translators: both statuses are lower-case status names, e.g. "“Robots
                # wanted” is draft; it can't be published from there."
                gettext("“%(title)s” is %(status)s; it can't be %(to_status)s from there.")
                % {
                    "title": locked,
                    "status": in_sentence(locked.get_status_display()),
                    "to_status": in_sentence(Status(to_status).label),
                }
            )
        now = timezone.now()
        fields = {"status": to_status}
        if to_status == Status.NEEDS_REVIEW:
            fields["submitted_at"] = now
        elif to_status != Status.WITHDRAWN:
            fields.update(reviewer=user, reviewer_comment=comment, reviewed_at=now)
        if to_status == Status.PUBLISHED:
            fields["published_at"] = locked.published_at or now
        for obj in (locked, opportunity):
            for name, value in fields.items():
                setattr(obj, name, value)
        locked._history_user = user
        locked._change_reason = comment or _reason(to_status)
        locked.save(update_fields=[*fields, "updated"])
    return locked


def is_trusted(organisation):
    return TrustedPoster.objects.filter(organisation=organisation).exists()


def submit(opportunity, user):
    """The organisation sends its draft for review; staff are told. An organisation staff
    trust is published at once instead (the history says so)."""
    with transaction.atomic():
        if is_trusted(opportunity.organisation):
            _change_status(opportunity, Status.NEEDS_REVIEW, user, "", SUBMITTABLE)
            _change_status(
                opportunity,
                Status.PUBLISHED,
                user,
                "published without review: trusted organisation",
                REVIEW_TRANSITIONS[Status.PUBLISHED],
            )
            return opportunity
        _change_status(opportunity, Status.NEEDS_REVIEW, user, "", SUBMITTABLE)
        send_after_commit(
            lambda: gettext("Opportunity to review: %(title)s") % {"title": opportunity.title},
            "opportunities/email/submitted.txt",
            {
                "opportunity": opportunity,
                "submitter": user,
                "review_url": absolute_url(
                    reverse("admin:opportunities_opportunity_change", args=[opportunity.pk])
                ),
            },
            staff_recipients(),
        )
    return opportunity


def decide(opportunity, to_status, reviewer, comment=""):
    """Staff publish, send back or reject an opportunity; its managers are told. The one way
    to publish an opportunity (the admin's actions use it)."""
    if to_status not in REVIEW_TRANSITIONS:
        raise TransitionError(f"{to_status!r} is not a review decision.")  # a programming error
    comment = comment.strip()
    if to_status != Status.PUBLISHED and not comment:
        raise TransitionError(
            gettext("Say what needs to change (or why it is rejected) in a comment.")
        )
    with transaction.atomic():
        _change_status(opportunity, to_status, reviewer, comment, REVIEW_TRANSITIONS[to_status])
        send_after_commit(
            lambda: DECISION_SUBJECTS[to_status] % {"title": opportunity.title},
            "opportunities/email/decision.txt",
            {
                "opportunity": opportunity,
                "to_status": to_status,
                "comment": comment,
                "public_url": absolute_url(opportunity.get_absolute_url()),
                "dashboard_url": absolute_url(reverse("my:dashboard")),
            },
            manager_emails(opportunity.organisation),
        )
    return opportunity


def publish(opportunity, reviewer, comment=""):
    return decide(opportunity, Status.PUBLISHED, reviewer, comment)


def withdraw(opportunity, user, comment=""):
    """Its organisation (or staff) takes it down; followers are told."""
    with transaction.atomic():
        was_published = opportunity.is_published
        _change_status(opportunity, Status.WITHDRAWN, user, comment or "withdrawn", WITHDRAWABLE)
        if was_published:
            notify_followers(opportunity, "withdrawn")
    return opportunity


# ----- interests -----------------------------------------------------------------------------
def check_interest(opportunity, organisation, user):
    """Raise InterestRefused when `user` may not answer `opportunity` for `organisation`."""
    if not opportunity.is_live:
        raise InterestRefused(gettext("This opportunity is no longer open to answers."))
    if not Organisation.objects.editable_by(user).filter(pk=organisation.pk).exists():
        raise InterestRefused(
            gettext("You can only answer on behalf of an organisation you manage.")
        )
    if not organisation.is_published:
        raise InterestRefused(
            gettext(
                "Only organisations with a published profile can answer: "
                "“%(organisation)s” is not published yet."
            )
            % {"organisation": organisation.name}
        )
    if (
        organisation.pk == opportunity.organisation_id
        or opportunity.organisation.managers.filter(pk=user.pk).exists()
    ):
        raise InterestRefused(gettext("This is your own organisation's opportunity."))
    if Interest.objects.filter(opportunity=opportunity, organisation=organisation).exists():
        raise InterestRefused(
            gettext("“%(organisation)s” has already answered this opportunity.")
            % {"organisation": organisation.name}
        )


def express_interest(opportunity, organisation, user, message):
    """Record the answer and e-mail the poster's managers: who, which organisation, the
    message and a link to its profile (never the sender's address)."""
    with transaction.atomic():
        check_interest(opportunity, organisation, user)
        interest = Interest.objects.create(
            opportunity=opportunity, organisation=organisation, sender=user, message=message
        )
        send_after_commit(
            lambda: (
                gettext("%(organisation)s is interested in “%(title)s”")
                % {"organisation": organisation.name, "title": opportunity.title}
            ),
            "opportunities/email/interest.txt",
            {
                "interest": interest,
                "opportunity": opportunity,
                "organisation": organisation,
                "sender_name": user.get_full_name() or organisation.name,
                "profile_url": absolute_url(organisation.get_absolute_url()),
                "dashboard_url": absolute_url(reverse("my:dashboard")),
            },
            manager_emails(opportunity.organisation),
        )
    Follow.objects.get_or_create(opportunity=opportunity, user=user)
    return interest


def reply(interest, user, status, text=""):
    """The poster answers (their message and both addresses go to the sender) or declines."""
    if status not in {Interest.Status.ANSWERED, Interest.Status.DECLINED}:
        raise InterestRefused(gettext("Choose to answer or to decline."))
    text = text.strip()
    if status == Interest.Status.ANSWERED and not text:
        raise InterestRefused(
            gettext("Write your answer: it is e-mailed to them with your address.")
        )
    with transaction.atomic():
        locked = Interest.objects.select_for_update().get(pk=interest.pk)
        if locked.status != Interest.Status.NEW:
            raise InterestRefused(gettext("This interest has already been answered or declined."))
        locked.status, locked.reply = status, text
        locked.replied_by, locked.replied_at = user, timezone.now()
        locked.save(update_fields=["status", "reply", "replied_by", "replied_at", "updated"])
        opportunity = locked.opportunity
        answered = status == Interest.Status.ANSWERED
        subject = (  # lazy: translated in the recipient's language
            _("%(organisation)s replied to your interest in “%(title)s”")
            if answered
            else _("%(organisation)s declined your interest in “%(title)s”")
        )
        send_after_commit(
            lambda: (
                subject
                % {"organisation": opportunity.organisation.name, "title": opportunity.title}
            ),
            "opportunities/email/reply.txt",
            {
                "interest": locked,
                "opportunity": opportunity,
                "answered": answered,
                "replier": user,
                "opportunity_url": absolute_url(opportunity.get_absolute_url()),
            },
            [locked.sender.email],
        )
    return locked


# ----- followers -----------------------------------------------------------------------------
def follow(opportunity, user):
    Follow.objects.get_or_create(opportunity=opportunity, user=user)


def unfollow(opportunity, user):
    Follow.objects.filter(opportunity=opportunity, user=user).delete()


# E-mail subjects; %(title)s is the opportunity's title.
NOTICE_SUBJECTS = {
    "changed": _("An opportunity you follow changed: %(title)s"),
    "withdrawn": _("An opportunity you follow was withdrawn: %(title)s"),
    "expiring": _("An opportunity you follow expires soon: %(title)s"),
}


def notify_followers(opportunity, what):
    """One e-mail to the followers of `opportunity` (on commit)."""
    emails = Follow.objects.filter(opportunity=opportunity, user__is_active=True).values_list(
        "user__email", flat=True
    )
    return send_after_commit(
        lambda: NOTICE_SUBJECTS[what] % {"title": opportunity.title},
        "opportunities/email/follow_notice.txt",
        {
            "opportunity": opportunity,
            "what": what,
            "opportunity_url": absolute_url(opportunity.get_absolute_url()),
        },
        list(emails),
    )


def send_expiry_notices(today=None):
    """Tell managers and followers of live opportunities expiring within 7 days, once each."""
    today = today or timezone.localdate()
    soon = today + timezone.timedelta(days=EXPIRY_NOTICE_DAYS)
    due = Opportunity.objects.live(today).filter(
        expires_on__lte=soon, expiry_reminded_on__isnull=True
    )
    sent = 0
    for opportunity in due.select_related("organisation"):
        with transaction.atomic():
            notify_followers(opportunity, "expiring")
            send_after_commit(
                lambda opportunity=opportunity: (
                    gettext("Your opportunity expires on %(date)s: %(title)s")
                    % {
                        "date": date_format(opportunity.expires_on, "d F Y"),
                        "title": opportunity.title,
                    }
                ),
                "opportunities/email/expiring.txt",
                {
                    "opportunity": opportunity,
                    "edit_url": absolute_url(reverse("opportunities:edit", args=[opportunity.pk])),
                },
                manager_emails(opportunity.organisation),
            )
            Opportunity.objects.filter(pk=opportunity.pk).update(expiry_reminded_on=today)
            sent += 1
    return sent
