"""Accounts and self-service: what sign-up records, invitations to co-edit a profile, and
profile changes that wait for staff approval. (The audit trail of every change is the
profiles' history, django-simple-history; nothing here repeats it.)"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation
from eca_site.lib.languages import site_language_field

INVITATION_DAYS = 14


class AccountProfile(models.Model):
    """What self-service sign-up records about an account: consent and e-mail verification.

    Accounts created by staff (admin, shell) have no AccountProfile and count as verified.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="account_profile",
    )
    terms_accepted_at = models.DateTimeField(verbose_name=_("terms accepted at"))
    privacy_accepted_at = models.DateTimeField(verbose_name=_("privacy accepted at"))
    # The versions of /terms/ and /privacy/ (SitePage.version) shown when consent was given.
    terms_version = models.CharField(verbose_name=_("terms version"), max_length=40, blank=True)
    privacy_version = models.CharField(verbose_name=_("privacy version"), max_length=40, blank=True)
    email_verified_at = models.DateTimeField(
        verbose_name=_("email verified at"), null=True, blank=True
    )
    created = models.DateTimeField(verbose_name=_("created"), auto_now_add=True)
    # The language of the account's e-mails: the page's at sign-up, changed on /my/.
    language = site_language_field()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("account profile")
        verbose_name_plural = _("account profiles")
        indexes = [models.Index(fields=["email_verified_at"])]

    def __str__(self):
        return gettext("Account of %(user)s") % {"user": self.user}

    def get_absolute_url(self):
        return reverse("admin:accounts_accountprofile_change", args=[self.pk])

    @property
    def is_verified(self):
        return self.email_verified_at is not None


class InvitationQuerySet(models.QuerySet):
    def pending(self, now=None):
        return self.filter(status=Invitation.Status.PENDING, expires_at__gt=now or timezone.now())


def _invitation_token():
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + timedelta(days=INVITATION_DAYS)


class Invitation(models.Model):
    """An invitation to co-edit a profile: one link, usable once, until it expires or the
    inviter (or the removal of the invited manager) revokes it."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("invitation status", "Pending")
        ACCEPTED = "accepted", pgettext_lazy("invitation status", "Accepted")
        REVOKED = "revoked", pgettext_lazy("invitation status", "Revoked")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(verbose_name=_("email"))
    token = models.CharField(
        verbose_name=_("token"),
        max_length=64,
        unique=True,
        default=_invitation_token,
        editable=False,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="sent_invitations",
    )
    status = models.CharField(
        verbose_name=_("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    created = models.DateTimeField(verbose_name=_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(verbose_name=_("expires at"), default=_invitation_expiry)
    decided_at = models.DateTimeField(verbose_name=_("decided at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["organisation", "email", "status"])]

    def __str__(self):
        return gettext("Invitation of %(email)s to %(organisation)s") % {
            "email": self.email,
            "organisation": self.organisation,
        }

    def get_absolute_url(self):
        return reverse("my:accept_invitation", args=[self.token])

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()


class ProfileChangeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ProfileChange.Status.PENDING)

    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)


class ProfileChange(models.Model):
    """A change a manager made to a published profile's name, country or profile type: it
    waits here until staff approve it (then it is saved through the profile's write path,
    with its history row) or reject it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting staff approval")
        APPROVED = "approved", pgettext_lazy("profile change status", "Approved")
        REJECTED = "rejected", pgettext_lazy("profile change status", "Rejected")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="profile_changes",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="profile_changes",
    )
    created = models.DateTimeField(verbose_name=_("created"), auto_now_add=True)
    field = models.CharField(verbose_name=_("field"), max_length=64)
    label = models.CharField(verbose_name=_("label"), max_length=128)
    old_value = models.JSONField(verbose_name=_("old value"), null=True, blank=True)
    new_value = models.JSONField(verbose_name=_("new value"), null=True, blank=True)
    old_display = models.TextField(verbose_name=_("old display"), blank=True)
    new_display = models.TextField(verbose_name=_("new display"), blank=True)
    status = models.CharField(
        verbose_name=_("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decided_profile_changes",
    )
    decided_at = models.DateTimeField(verbose_name=_("decided at"), null=True, blank=True)

    objects = ProfileChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("profile change")
        verbose_name_plural = _("profile changes")
        indexes = [
            models.Index(fields=["organisation", "-created"]),
            models.Index(fields=["status", "created"]),
        ]

    def __str__(self):
        # Translators: "Name of Acme Cluster (Approved)"; field is a field's name.
        return gettext("%(field)s of %(organisation)s (%(status)s)") % {
            "field": gettext(self.label),
            "organisation": self.organisation,
            "status": self.get_status_display(),
        }

    def get_absolute_url(self):
        return reverse("admin:accounts_profilechange_change", args=[self.pk])
