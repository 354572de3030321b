"""E-mail subscriptions to the digest (issue 17): one row per address, double opt-in.

An address is *pending* until its owner follows the confirmation link, *active* once
confirmed, and stops receiving mail when unsubscribed or suspended (bounces, complaints, staff).
Every link in a message carries a signed token of the subscription (`token()`), so managing and
unsubscribing need no account.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from directory.models import Term, Vocabulary
from eca_site.lib.languages import site_language_field
from eca_site.lib.models import TimeStampedModel

CONFIRMATION_DAYS = 7
CONFIRMATION_INTERVAL = timedelta(hours=1)
# The taxonomies a subscriber can narrow the digest by.
VOCABULARIES = [
    Vocabulary.SECTORAL_INDUSTRY,
    Vocabulary.INDUSTRIAL_ECOSYSTEM,
    Vocabulary.TECHNOLOGY_FIELD,
]
TOKEN_SALTS = {
    "confirm": "subscriptions.confirm",
    "manage": "subscriptions.manage",
    "unsubscribe": "subscriptions.unsubscribe",
}


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        """Confirmed, not unsubscribed, not suspended: who gets digests."""
        return self.filter(
            confirmed_at__isnull=False, unsubscribed_at__isnull=True, suspended_at__isnull=True
        )

    def expired_unconfirmed(self, now=None):
        """Requests never confirmed within CONFIRMATION_DAYS: deleted by `send_digests`."""
        cutoff = (now or timezone.now()) - timedelta(days=CONFIRMATION_DAYS)
        return self.filter(confirmed_at__isnull=True, requested_at__lt=cutoff)

    def for_address(self, email):
        return self.filter(email=normalise_email(email))

    def from_token(self, token, purpose):
        """The subscription a signed `token` of `purpose` names, or None (bad, expired, gone)."""
        max_age = timedelta(days=CONFIRMATION_DAYS) if purpose == "confirm" else None
        try:
            value = signing.loads(token, salt=TOKEN_SALTS[purpose], max_age=max_age)
        except (signing.BadSignature, KeyError, TypeError):
            return None
        if not isinstance(value, dict):
            return None
        return self.filter(pk=value.get("id"), email=value.get("email")).first()


def normalise_email(email):
    return (email or "").strip().lower()


class Subscription(TimeStampedModel):
    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        DAILY = "daily", _("Daily (opportunities and calls only)")

    class Source(models.TextChoices):
        FORM = "form", _("Subscription form")
        ACCOUNT = "account", _("Signed-in user on /my/")
        STAFF = "staff", _("Added by staff")

    class SuspendReason(models.TextChoices):
        BOUNCE = "bounce", _("Messages bounce")
        COMPLAINT = "complaint", _("Spam complaint")
        STAFF = "staff", _("Suspended by staff")

    email = models.EmailField(verbose_name=_("email"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subscriptions",
    )
    content_types = models.JSONField(
        verbose_name=_("content types"),
        default=list,
        blank=True,
        help_text=_("Keys of the digest sections chosen."),
    )
    countries = CountryField(verbose_name=_("countries"), multiple=True, blank=True)
    terms = models.ManyToManyField(
        Term,
        verbose_name=pgettext_lazy("classification", "terms"),
        blank=True,
        related_name="subscriptions",
    )
    frequency = models.CharField(
        verbose_name=_("frequency"), max_length=8, choices=Frequency.choices, default="weekly"
    )
    time_zone = models.CharField(
        verbose_name=_("time zone"), max_length=64, default="Europe/Brussels"
    )

    requested_at = models.DateTimeField(verbose_name=_("requested at"), default=timezone.now)
    confirmation_sent_at = models.DateTimeField(
        verbose_name=_("confirmation sent at"), null=True, blank=True
    )
    confirmed_at = models.DateTimeField(verbose_name=_("confirmed at"), null=True, blank=True)
    consent_at = models.DateTimeField(
        verbose_name=_("consent at"),
        null=True,
        blank=True,
        help_text=_("When the owner confirmed (double opt-in)."),
    )
    consent_source = models.CharField(
        verbose_name=_("consent source"), max_length=16, choices=Source.choices, default="form"
    )
    unsubscribed_at = models.DateTimeField(verbose_name=_("unsubscribed at"), null=True, blank=True)
    suspended_at = models.DateTimeField(verbose_name=_("suspended at"), null=True, blank=True)
    suspended_reason = models.CharField(
        verbose_name=_("suspended reason"), max_length=16, choices=SuspendReason.choices, blank=True
    )
    last_digest_at = models.DateTimeField(
        verbose_name=_("last digest at"),
        null=True,
        blank=True,
        help_text=_("End of the period the last digest covered."),
    )
    last_digest_period = models.CharField(
        verbose_name=_("last digest period"),
        max_length=32,
        blank=True,
        help_text=_("The last period digested: 2026-W49, 2026-12-02."),
    )
    # The language of its e-mails: the page's when subscribing, changed on the manage page.
    language = site_language_field()

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        indexes = [
            models.Index(fields=["confirmed_at", "unsubscribed_at", "suspended_at"]),
            models.Index(fields=["requested_at"]),
            models.Index(fields=["frequency"]),
        ]

    def __str__(self):
        return self.email

    def get_absolute_url(self):
        return reverse("subscriptions:manage", args=[self.token("manage")])

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def status(self):
        if self.suspended_at:
            return "suspended"
        if self.unsubscribed_at:
            return "unsubscribed"
        return "active" if self.confirmed_at else "pending"

    @property
    def is_active(self):
        return self.status == "active"

    def token(self, purpose):
        return signing.dumps({"id": self.pk, "email": self.email}, salt=TOKEN_SALTS[purpose])

    def may_send_confirmation(self, now=None):
        """At most one confirmation (or manage link) per address per hour."""
        if self.confirmation_sent_at is None:
            return True
        return (now or timezone.now()) - self.confirmation_sent_at >= CONFIRMATION_INTERVAL
