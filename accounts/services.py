"""Accounts and self-service workflows with side effects.

Each function does one step, writes what it has to through the owning app's write path
(profiles: `directory.services`) and sends the e-mail that goes with it once the change is
committed (`eca_site.lib.mail.send_after_commit`).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from directory import services as directory
from directory.models import Organisation
from eca_site.lib.mail import absolute_url, send_after_commit, staff_recipients
from eca_site.lib.models import PRIVACY_URL, TERMS_URL, SitePage
from eca_site.lib.slugs import save_with_unique_slug

from .models import AccountProfile, Invitation, ProfileChange

VERIFY_SALT = "directory.verify-email"  # kept from before accounts/ existed: links stay valid
VERIFICATION_MAX_AGE = timedelta(days=3)
REMINDER_AFTER = timedelta(days=365)
REMINDER_INTERVAL = timedelta(days=30)

# Changes to these fields of a published profile wait for staff approval.
PENDING_FIELDS = ("name", "country", "kind")


class InvalidToken(Exception):
    """A link that is tampered with, expired or no longer applies."""

    def __init__(self, message, expired=False):
        super().__init__(message)
        self.expired = expired


class StaleForm(Exception):
    """The profile changed since the form was opened; `changes` says what changed."""

    def __init__(self, changes):
        super().__init__(gettext("The profile changed since you opened it."))
        self.changes = changes


# ----- accounts ----------------------------------------------------------------------------
def is_verified(user):
    """Staff-created accounts (no AccountProfile) count as verified."""
    if not user.is_authenticated:
        return False
    try:
        return user.account_profile.is_verified
    except AccountProfile.DoesNotExist:
        return True


def sign_up(name, email, password):
    """Create a verified-pending account with its consent record; None when the address was
    taken meanwhile (two sign-ups at once: the second is answered like any repeat)."""
    try:
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                username=email, email=email, password=password, first_name=name
            )
            now = timezone.now()
            pages = SitePage.objects
            AccountProfile.objects.create(
                user=user,
                terms_accepted_at=now,
                privacy_accepted_at=now,
                terms_version=pages.current_version(TERMS_URL),
                privacy_version=pages.current_version(PRIVACY_URL),
            )
    except IntegrityError:
        return None
    return user


def verification_token(user):
    data = {"u": user.pk, "e": user.email}
    return signing.TimestampSigner(salt=VERIFY_SALT).sign_object(data)


def send_verification_email(user, request=None):
    link = absolute_url(reverse("accounts:verify", args=[verification_token(user)]), request)
    send_after_commit(
        gettext("Confirm your e-mail address"),
        "accounts/email/verify_email.txt",
        {"user": user, "link": link, "days": VERIFICATION_MAX_AGE.days},
        [user.email],
    )


def verify_email(token):
    """Mark the account of `token` verified and return its user; raises InvalidToken."""
    try:
        data = signing.TimestampSigner(salt=VERIFY_SALT).unsign_object(
            token, max_age=VERIFICATION_MAX_AGE
        )
    except signing.SignatureExpired:
        raise InvalidToken(gettext("This link has expired."), expired=True) from None
    except signing.BadSignature:
        raise InvalidToken(gettext("This link is not valid.")) from None
    user = get_user_model().objects.filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None:
        raise InvalidToken(gettext("This link is not valid."))
    mark_verified(user)
    return user


def mark_verified(user):
    """The address is confirmed (accounts made by staff have no AccountProfile: a no-op)."""
    AccountProfile.objects.filter(user=user, email_verified_at=None).update(
        email_verified_at=timezone.now()
    )


# ----- registering and editing a profile ---------------------------------------------------
def register_organisation(form, user):
    """A new draft profile from the first registration form, managed by `user`."""
    with transaction.atomic():
        organisation = form.save(commit=False)
        organisation.status = Organisation.Status.DRAFT
        organisation._history_user = user
        organisation._change_reason = "registered in self-service"
        save_with_unique_slug(organisation, organisation.name, fallback="organisation")
        organisation.managers.add(user)
        directory.refresh_profiles([organisation.pk])
    return organisation


def version_of(organisation):
    """What a step form carries to notice that someone else saved the profile meanwhile."""
    return organisation.updated.isoformat()


def _display(organisation, name):
    """(json value, display text) of one plain field, for a pending change."""
    value = getattr(organisation, name)
    if name == "country":
        return (value.code or ""), (value.name if value else "")
    if name == "kind":
        return value, organisation.get_kind_display()
    return value, str(value)


def changes_since(organisation, version):
    """[(field label, value then, value now)] of what was saved after `version`, from the
    profile's history (shown to a manager whose form went stale)."""
    records = list(organisation.history.order_by("-history_date", "-history_id")[:50])
    newest = records[0] if records else None
    before = next((r for r in records if r.updated.isoformat() <= version), None)
    if newest is None or before is None or newest.pk == before.pk:
        return []
    delta = newest.diff_against(before, excluded_fields=["updated", "about_html"])
    return [
        (Organisation._meta.get_field(change.field).verbose_name, change.old, change.new)
        for change in delta.changes
    ]


def save_profile_step(organisation, user, form, formsets=(), version=None, step=""):
    """Save one step of the profile form; returns the ProfileChanges held for staff.

    Only the step's own fields are written, under a row lock. A form opened before someone
    else saved the profile raises StaleForm (nothing is written: the manager sees the other
    change and keeps what they typed). For a published profile a change of name, country or
    profile type is held back for staff approval; staff get one notice per profile until
    they decide.
    """
    with transaction.atomic():
        current = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if version is not None and version_of(current) != version:
            raise StaleForm(changes_since(current, version))
        held = []
        if current.is_published:
            held = [name for name in PENDING_FIELDS if name in form.changed_data]
        obj = form.save(commit=False)
        for name in held:
            setattr(obj, name, getattr(current, name))
        concrete = {field.name for field in Organisation._meta.concrete_fields}
        fields = [name for name in form.cleaned_data if name in concrete and name not in held]
        obj._history_user = user
        obj._change_reason = f"self-service: {step}" if step else "self-service"
        obj.save(update_fields=[*fields, "updated"])
        form.save_m2m()
        for formset in formsets:
            formset.instance = obj
            formset.save()
        directory.refresh_profiles([obj.pk])
        pending = _hold_changes(obj, current, user, form, held)
    return pending


def _hold_changes(organisation, current, user, form, held):
    if not held:
        return []
    already_waiting = ProfileChange.objects.for_organisation(organisation).pending().exists()
    ProfileChange.objects.for_organisation(organisation).pending().filter(field__in=held).delete()
    proposed = Organisation(**{name: form.cleaned_data[name] for name in held})
    # Stored in the source language (English), whatever the manager's language: the e-mails
    # and the admin translate the label when they show it.
    with translation.override(settings.LANGUAGE_CODE):
        pending = _pending_changes(organisation, current, proposed, user, held)
    if not already_waiting:
        link = absolute_url(reverse("admin:accounts_profilechange_changelist"))
        send_after_commit(
            gettext("Profile change to approve: %(name)s") % {"name": organisation.name},
            "accounts/email/pending_change.txt",
            {"organisation": organisation, "changes": pending, "user": user, "link": link},
            staff_recipients(),
        )
    return pending


def _pending_changes(organisation, current, proposed, user, held):
    return ProfileChange.objects.bulk_create(
        ProfileChange(
            organisation=organisation,
            user=user,
            field=name,
            label=str(Organisation._meta.get_field(name).verbose_name),
            old_value=_display(current, name)[0],
            new_value=_display(proposed, name)[0],
            old_display=_display(current, name)[1],
            new_display=_display(proposed, name)[1],
        )
        for name in held
    )


def _decide(change, staff_user, status):
    """Lock the change; False when it was decided already (a double click)."""
    locked = ProfileChange.objects.select_for_update().get(pk=change.pk)
    if locked.status != ProfileChange.Status.PENDING:
        return False
    change.status = status
    change.decided_by = staff_user
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    return True


def approve_change(change, staff_user):
    """Apply a pending change through the profile's write path and tell the manager."""
    with transaction.atomic():
        if not _decide(change, staff_user, ProfileChange.Status.APPROVED):
            return False
        organisation = change.organisation
        field = Organisation._meta.get_field(change.field)
        setattr(organisation, change.field, field.to_python(change.new_value))
        directory.save_profile(
            organisation,
            fields=[change.field],
            by=staff_user,
            reason=f"approved change of {change.label} by {change.user or 'a manager'}",
        )
        _mail_decision(change, approved=True)
    return True


def reject_change(change, staff_user):
    with transaction.atomic():
        if not _decide(change, staff_user, ProfileChange.Status.REJECTED):
            return False
        _mail_decision(change, approved=False)
    return True


def _mail_decision(change, *, approved):
    recipients = [change.user.email] if change.user else []
    if approved:
        subject = gettext("Profile change approved: %(name)s")
    else:
        subject = gettext("Profile change rejected: %(name)s")
    send_after_commit(
        subject % {"name": change.organisation},
        "accounts/email/change_decision.txt",
        {"change": change, "approved": approved},
        recipients,
    )


# ----- managers and co-editors -------------------------------------------------------------
def first_manager_id(organisation):
    """The manager added first (the registrant); only they may remove co-editors."""
    through = Organisation.managers.through
    row = through.objects.filter(organisation=organisation).order_by("pk").first()
    return row.user_id if row else None


def invite(organisation, inviter, email, request=None):
    """A new single-use invitation for `email` (an older pending one is revoked)."""
    with transaction.atomic():
        Invitation.objects.filter(
            organisation=organisation, email__iexact=email, status=Invitation.Status.PENDING
        ).update(status=Invitation.Status.REVOKED, decided_at=timezone.now())
        invitation = Invitation.objects.create(
            organisation=organisation, email=email, invited_by=inviter
        )
        send_after_commit(
            gettext("Invitation to co-edit %(name)s") % {"name": organisation.name},
            "accounts/email/invitation.txt",
            {
                "organisation": organisation,
                "inviter": inviter,
                "link": absolute_url(invitation.get_absolute_url(), request),
                "expires_at": invitation.expires_at,
            },
            [email],
        )
    return invitation


def read_invitation(token):
    """The pending, unexpired invitation of `token`; raises InvalidToken."""
    invitation = (
        Invitation.objects.select_related("organisation").filter(token=token).first()
        if token
        else None
    )
    if invitation is None or invitation.status == Invitation.Status.REVOKED:
        raise InvalidToken(gettext("This invitation is not valid any more."))
    if invitation.status == Invitation.Status.ACCEPTED:
        raise InvalidToken(gettext("This invitation was used already."))
    if invitation.is_expired:
        raise InvalidToken(gettext("This invitation has expired."), expired=True)
    return invitation


def accept_invitation(invitation, user):
    """`user` (whose address the invitation names) becomes a manager: once only."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.status != Invitation.Status.PENDING or locked.is_expired:
            raise InvalidToken(gettext("This invitation is not valid any more."))
        locked.status = Invitation.Status.ACCEPTED
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_at"])
        # The link reached this address: that confirms it as well as a verification link.
        mark_verified(user)
        invitation.organisation.managers.add(user)


def remove_manager(organisation, user_id):
    """Remove a co-editor (never the first manager, never the last one) and revoke whatever
    invitation to this profile is still pending for their address."""
    if user_id == first_manager_id(organisation) or organisation.managers.count() <= 1:
        return False
    with transaction.atomic():
        user = organisation.managers.filter(pk=user_id).first()
        if user is None:
            return False
        organisation.managers.remove(user)
        Invitation.objects.filter(
            organisation=organisation, email__iexact=user.email, status=Invitation.Status.PENDING
        ).update(status=Invitation.Status.REVOKED, decided_at=timezone.now())
    return True


# ----- a network's members -----------------------------------------------------------------
def invite_member(network, inviter, name, email, request=None):
    """E-mail `email` an invitation to register the organisation `name`, a member of the
    network `network` that has no profile yet. Once its profile is published, the network's
    manager lists it among the members (`directory.services.set_member`)."""
    link = absolute_url(
        f"{reverse('accounts:signup')}?next={reverse('my:organisation_new')}", request
    )
    with transaction.atomic():
        send_after_commit(
            gettext("%(network)s invites %(name)s to the European Cluster Directory")
            % {"network": network.name, "name": name},
            "accounts/email/member_invitation.txt",
            {"network": network, "inviter": inviter, "name": name, "link": link},
            [email],
        )


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
        with transaction.atomic():
            send_after_commit(
                gettext("Is your profile still current? %(name)s") % {"name": organisation.name},
                "accounts/email/reminder.txt",
                {"organisation": organisation, "link": link},
                emails,
            )
            # update() keeps `updated` (auto_now) unchanged: a reminder is not an edit.
            Organisation.objects.filter(pk=organisation.pk).update(last_reminded_at=now)
        reminded += 1
    return reminded, skipped
