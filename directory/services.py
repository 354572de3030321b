"""Self-service workflows with side effects: sign-up tokens, review, change log, co-editors.

Views and the admin call these; each function does one workflow step, writes what it has to and
sends the e-mails that go with it (through `django.core.mail`, so tests read `mail.outbox`).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import AccountProfile, Organisation, ProfileChange

VERIFY_SALT = "directory.verify-email"
INVITE_SALT = "directory.co-editor-invitation"
VERIFICATION_MAX_AGE = timedelta(days=3)
INVITATION_MAX_AGE = timedelta(days=14)
REMINDER_AFTER = timedelta(days=365)
REMINDER_INTERVAL = timedelta(days=30)

# Changes to these fields of a published profile wait for staff approval.
PENDING_FIELDS = ("name", "country", "kind")


class InvalidToken(Exception):
    """A signed link that is tampered with, expired or no longer applies."""

    def __init__(self, message, expired=False):
        super().__init__(message)
        self.expired = expired


def absolute_url(path):
    return settings.SITE_URL.rstrip("/") + path


def _mail(subject, template, ctx, recipients):
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return 0
    body = render_to_string(f"directory/email/{template}.txt", ctx)
    return send_mail(subject, body, None, recipients)


def staff_emails():
    users = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    return list(users.values_list("email", flat=True))


def manager_emails(organisation):
    return list(organisation.managers.exclude(email="").values_list("email", flat=True))


def _unsign(token, salt, max_age):
    try:
        return signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired:
        raise InvalidToken("This link has expired.", expired=True) from None
    except signing.BadSignature:
        raise InvalidToken("This link is not valid.") from None


# ----- accounts ----------------------------------------------------------------------------
def is_verified(user):
    """Staff-created accounts (no AccountProfile) count as verified."""
    if not user.is_authenticated:
        return False
    try:
        return user.account_profile.is_verified
    except AccountProfile.DoesNotExist:
        return True


def verification_token(user):
    data = {"u": user.pk, "e": user.email}
    return signing.TimestampSigner(salt=VERIFY_SALT).sign_object(data)


def send_verification_email(user):
    link = absolute_url(reverse("accounts:verify", args=[verification_token(user)]))
    ctx = {"user": user, "link": link, "days": VERIFICATION_MAX_AGE.days}
    _mail("Confirm your e-mail address", "verify_email", ctx, [user.email])


def verify_email(token):
    """Mark the account of `token` verified and return its user; raises InvalidToken."""
    data = _unsign(token, VERIFY_SALT, VERIFICATION_MAX_AGE)
    user = get_user_model().objects.filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None:
        raise InvalidToken("This link is not valid.")
    # Accounts without an AccountProfile were made by staff and count as verified already.
    AccountProfile.objects.filter(user=user, email_verified_at=None).update(
        email_verified_at=timezone.now()
    )
    return user


# ----- validation workflow -----------------------------------------------------------------
def submit_for_review(organisation, user):
    organisation.status = Organisation.Status.NEEDS_REVIEW
    organisation.submitted_at = timezone.now()
    organisation.save(update_fields=["status", "submitted_at", "updated"])
    admin_link = absolute_url(
        reverse("admin:directory_organisation_change", args=[organisation.pk])
    )
    ctx = {"organisation": organisation, "user": user, "link": admin_link}
    _mail(f"New profile to review: {organisation.name}", "submitted", ctx, staff_emails())


def publish(organisation, reviewer):
    """Publish a reviewed profile; False (nothing changed) when criteria are unmet, unwaived."""
    if not organisation.can_be_published:
        return False
    organisation.status = Organisation.Status.PUBLISHED
    organisation.is_published = True
    organisation.reviewed_by = reviewer
    organisation.reviewed_at = timezone.now()
    organisation.save()
    ctx = {"organisation": organisation, "link": absolute_url(organisation.get_absolute_url())}
    _mail(
        f"Your profile is published: {organisation.name}",
        "published",
        ctx,
        manager_emails(organisation),
    )
    return True


def request_changes(organisation, reviewer, comment):
    organisation.status = Organisation.Status.CHANGES_REQUESTED
    organisation.is_published = False
    organisation.reviewer_comment = comment
    organisation.reviewed_by = reviewer
    organisation.reviewed_at = timezone.now()
    organisation.save()
    link = absolute_url(reverse("my:organisation_edit", args=[organisation.slug]))
    ctx = {"organisation": organisation, "comment": comment, "link": link}
    _mail(
        f"Changes requested for your profile: {organisation.name}",
        "changes_requested",
        ctx,
        manager_emails(organisation),
    )


# ----- change log --------------------------------------------------------------------------
SCALAR_FIELDS = (
    "kind",
    "name",
    "short_name",
    "country",
    "region",
    "city",
    "website",
    "legal_form",
    "type_of_network",
    "date_of_establishment",
    "members_sme",
    "members_large",
    "members_research",
    "members_public",
    "members_other",
    "staff_fte",
    "support_programme",
    "about",
    "membership_info",
    "logo",
)
CONTACT_FIELDS = ("name", "role", "area_of_work", "email", "phone", "position")
SOCIAL_FIELDS = ("network", "handle", "url")


def _label(field):
    if field in {"terms", "languages", "contacts", "social_links"}:
        return Organisation._meta.get_field(field).related_model._meta.verbose_name_plural
    return Organisation._meta.get_field(field).verbose_name


def _scalar(organisation, name):
    """(json value, display text) of one plain field."""
    value = Organisation._meta.get_field(name).value_from_object(organisation)
    if name == "logo":
        value = value.name or ""
    elif name == "country":
        value = str(value or "")
    raw = None if value is None else (value if isinstance(value, int) else str(value))
    if name == "kind":
        display = organisation.get_kind_display()
    elif name == "country":
        display = organisation.country.name if organisation.country else ""
    else:
        display = "" if value is None else str(value)
    return raw, display


def snapshot(organisation):
    """{field: (json value, display text)} of everything a manager can edit (4 queries)."""
    data = {name: _scalar(organisation, name) for name in SCALAR_FIELDS}
    terms = list(organisation.terms.order_by("pk").values_list("pk", "name"))
    data["terms"] = ([pk for pk, _ in terms], ", ".join(name for _, name in terms))
    languages = list(organisation.languages.order_by("pk").values_list("pk", "name"))
    data["languages"] = ([pk for pk, _ in languages], ", ".join(n for _, n in languages))
    contacts = list(organisation.contacts.order_by("position", "pk").values(*CONTACT_FIELDS))
    data["contacts"] = (
        contacts,
        "\n".join(" · ".join(str(c[f]) for f in CONTACT_FIELDS[:5] if c[f]) for c in contacts),
    )
    links = list(organisation.social_links.order_by("network", "handle").values(*SOCIAL_FIELDS))
    data["social_links"] = (
        links,
        "\n".join(" · ".join(link[f] for f in SOCIAL_FIELDS if link[f]) for link in links),
    )
    return data


def save_profile_step(organisation, user, form, formsets=()):
    """Save one step of the profile form; returns the pending ProfileChanges it created.

    Drafts save as they are. For a published profile every changed field is logged, and a
    change of name, country or profile type is held back for staff approval.
    """
    with transaction.atomic():
        original = Organisation.objects.select_for_update().get(pk=organisation.pk)
        record = original.status == Organisation.Status.PUBLISHED
        before = snapshot(original) if record else None
        obj = form.save(commit=False)
        held = []
        if record:
            for name in PENDING_FIELDS:
                if name in form.changed_data:
                    held.append(name)
                    setattr(obj, name, getattr(original, name))
        obj.save()
        form.save_m2m()
        for formset in formsets:
            formset.instance = obj
            formset.save()
        obj.refresh_completeness()
        pending = []
        if record:
            after = snapshot(obj)
            proposed = Organisation(**{name: form.cleaned_data[name] for name in held})
            changes = [
                ProfileChange(
                    organisation=obj,
                    user=user,
                    field=name,
                    label=_label(name),
                    old_value=before[name][0],
                    new_value=after[name][0],
                    old_display=before[name][1],
                    new_display=after[name][1],
                )
                for name in after
                if after[name][0] != before[name][0]
            ]
            ProfileChange.objects.filter(organisation=obj, field__in=held).pending().delete()
            pending = [
                ProfileChange(
                    organisation=obj,
                    user=user,
                    field=name,
                    label=_label(name),
                    old_value=before[name][0],
                    new_value=_scalar(proposed, name)[0],
                    old_display=before[name][1],
                    new_display=_scalar(proposed, name)[1],
                    status=ProfileChange.Status.PENDING,
                )
                for name in held
            ]
            ProfileChange.objects.bulk_create(changes + pending)
        if pending:
            link = absolute_url(reverse("admin:directory_profilechange_changelist"))
            ctx = {"organisation": obj, "changes": pending, "user": user, "link": link}
            _mail(f"Profile change to approve: {obj.name}", "pending_change", ctx, staff_emails())
        return pending


def _restore(organisation, field, value):
    if field in {"terms", "languages"}:
        getattr(organisation, field).set(value or [])
    elif field == "contacts":
        organisation.contacts.all().delete()
        for row in value or []:
            organisation.contacts.create(**row)
    elif field == "social_links":
        organisation.social_links.all().delete()
        for row in value or []:
            organisation.social_links.create(**row)
    else:
        model_field = Organisation._meta.get_field(field)
        python_value = value if field == "logo" else model_field.to_python(value)
        setattr(
            organisation, field, "" if python_value is None and field == "logo" else python_value
        )
        organisation.save()
    organisation.refresh_completeness()


def _decide(change, staff_user, status):
    change.status = status
    change.decided_by = staff_user
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])


def revert_change(change, staff_user):
    """Restore the old value of a live change; False if the change is not live."""
    if change.status != ProfileChange.Status.APPLIED:
        return False
    with transaction.atomic():
        _restore(change.organisation, change.field, change.old_value)
        _decide(change, staff_user, ProfileChange.Status.REVERTED)
    return True


def approve_change(change, staff_user):
    if change.status != ProfileChange.Status.PENDING:
        return False
    with transaction.atomic():
        _restore(change.organisation, change.field, change.new_value)
        _decide(change, staff_user, ProfileChange.Status.APPLIED)
    _mail_decision(change, "approved")
    return True


def reject_change(change, staff_user):
    if change.status != ProfileChange.Status.PENDING:
        return False
    _decide(change, staff_user, ProfileChange.Status.REJECTED)
    _mail_decision(change, "rejected")
    return True


def _mail_decision(change, decision):
    ctx = {"change": change, "decision": decision}
    recipients = [change.user.email] if change.user else []
    _mail(f"Profile change {decision}: {change.organisation}", "change_decision", ctx, recipients)


# ----- managers and co-editors -------------------------------------------------------------
def first_manager_id(organisation):
    """The manager added first (the registrant); only they may remove co-editors."""
    through = Organisation.managers.through
    row = through.objects.filter(organisation=organisation).order_by("pk").first()
    return row.user_id if row else None


def invitation_token(organisation, email):
    data = {"o": organisation.pk, "e": email.lower()}
    return signing.TimestampSigner(salt=INVITE_SALT).sign_object(data)


def send_invitation(organisation, inviter, email):
    link = absolute_url(
        reverse("my:accept_invitation", args=[invitation_token(organisation, email)])
    )
    ctx = {
        "organisation": organisation,
        "inviter": inviter,
        "link": link,
        "days": INVITATION_MAX_AGE.days,
    }
    _mail(f"Invitation to co-edit {organisation.name}", "invitation", ctx, [email])


def read_invitation(token):
    """(organisation, invited e-mail) of a valid invitation; raises InvalidToken."""
    data = _unsign(token, INVITE_SALT, INVITATION_MAX_AGE)
    organisation = Organisation.objects.filter(pk=data.get("o")).first()
    if organisation is None or not data.get("e"):
        raise InvalidToken("This invitation is not valid any more.")
    return organisation, data["e"]


def remove_manager(organisation, user_id):
    """Remove a co-editor; never the first manager, never the last one."""
    if user_id == first_manager_id(organisation) or organisation.managers.count() <= 1:
        return False
    organisation.managers.remove(user_id)
    return True


# ----- freshness ---------------------------------------------------------------------------
def send_profile_reminders(now=None):
    """Remind managers of profiles not updated for a year; at most once per 30 days each.

    Returns (reminded, skipped_without_manager). Records `last_reminded_at`, so running it
    twice in a row sends nothing the second time.
    """
    now = now or timezone.now()
    due = (
        Organisation.objects.stale(now - REMINDER_AFTER)
        .exclude(last_reminded_at__gt=now - REMINDER_INTERVAL)
        .prefetch_related("managers")
    )
    reminded = skipped = 0
    for organisation in due:
        emails = [m.email for m in organisation.managers.all() if m.email]
        if not emails:
            skipped += 1
            continue
        link = absolute_url(reverse("my:organisation_edit", args=[organisation.slug]))
        ctx = {"organisation": organisation, "link": link}
        _mail(f"Is your profile still current? {organisation.name}", "reminder", ctx, emails)
        # update() keeps `updated` (auto_now) unchanged: a reminder is not an edit.
        Organisation.objects.filter(pk=organisation.pk).update(last_reminded_at=now)
        reminded += 1
    return reminded, skipped
