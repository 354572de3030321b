"""Cooperation opportunities that organisations post, the interest others express in them, and
the open calls (funding programmes) staff keep."""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from directory.models import Organisation, Term, Vocabulary, published_q
from eca_site.lib.history import SnapshotHistory
from eca_site.lib.models import TimeStampedModel
from eca_site.lib.sanitize import sanitize_html
from eca_site.lib.text_search import TextSearchQuerySetMixin
from eca_site.lib.timezones import validate_timezone, zone_or_default
from eca_site.lib.translated_text import (
    TranslatedText,
    TranslatedTextsMixin,
    original_language_field,
    translations_field,
)

# The taxonomy an opportunity or a call concerns (the issue: "sectors, ecosystems, technology
# fields, S3 areas"); matching weighs them like the partner suggestions do.
OPPORTUNITY_VOCABULARIES = [
    Vocabulary.SECTORAL_INDUSTRY,
    Vocabulary.CROSS_SECTORAL_INDUSTRY,
    Vocabulary.INDUSTRIAL_ECOSYSTEM,
    Vocabulary.TECHNOLOGY_FIELD,
    Vocabulary.S3_PRIORITY_AREA,
]
EXPIRY_MONTHS = 6
CLOSING_SOON_DAYS = 14
# Path segments under /opportunities/ and /calls/ that a slug must not take.
RESERVED_SLUGS = {"feed", "deadlines-ics", "archive", "new"}


def add_months(day, months):
    """`day` plus `months` calendar months, on the last day of a shorter month (31 Aug + 6
    months is 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def default_expiry():
    return add_months(timezone.localdate(), EXPIRY_MONTHS)


# ----- open calls --------------------------------------------------------------------------
class Programme(models.Model):
    """A funding programme (Horizon Europe, Interreg ...), kept by staff."""

    name = models.CharField(verbose_name=_("name"), max_length=128)
    slug = models.SlugField(verbose_name=_("slug"), max_length=64, unique=True)
    position = models.PositiveSmallIntegerField(
        verbose_name=pgettext_lazy("order in a list", "position"), default=0
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('opportunities:calls')}?programme={self.slug}"


class CallStatus(models.TextChoices):
    """Derived from the dates, never stored."""

    FORTHCOMING = "forthcoming", pgettext_lazy("call status", "Forthcoming")
    OPEN = "open", pgettext_lazy("call status", "Open")
    CLOSING_SOON = "closing_soon", pgettext_lazy("call status", "Closing soon")
    CLOSED = "closed", pgettext_lazy("call status", "Closed")


class CallQuerySet(TextSearchQuerySetMixin, models.QuerySet):
    search_fields = ("title", "summary", "programme__name")

    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        return self if user.is_staff else self.published()

    def current(self, now=None):
        """Not closed yet (forthcoming or open), soonest deadline first."""
        return self.filter(closes_at__gt=now or timezone.now()).order_by("closes_at", "title")

    def closed(self, now=None):
        """The archive: closed, most recently closed first."""
        return self.filter(closes_at__lte=now or timezone.now()).order_by("-closes_at", "title")

    def with_status(self, status, now=None):
        """Calls whose derived status is `status` at `now` (the rule of Call.status_at)."""
        now = now or timezone.now()
        soon = now + datetime.timedelta(days=CLOSING_SOON_DAYS)
        return self.filter(
            {
                CallStatus.FORTHCOMING: Q(opens_at__gt=now),
                CallStatus.OPEN: Q(opens_at__lte=now, closes_at__gt=soon),
                CallStatus.CLOSING_SOON: Q(
                    opens_at__lte=now, closes_at__gt=now, closes_at__lte=soon
                ),
                CallStatus.CLOSED: Q(closes_at__lte=now),
            }[status]
        )

    def for_list(self):
        return self.select_related("programme").defer("summary")


class Call(TimeStampedModel):
    """An open call for proposals, kept by staff in the admin."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="calls"
    )
    title = models.CharField(verbose_name=_("title"), max_length=255)
    slug = models.SlugField(verbose_name=_("slug"), max_length=120, unique=True)
    identifier = models.CharField(
        _("call identifier"), max_length=128, blank=True, help_text=_("e.g. HORIZON-CL4-2027-01.")
    )
    summary = models.TextField(
        verbose_name=_("summary"), help_text=_("HTML; sanitised when saved.")
    )
    summary_html = models.TextField(verbose_name=_("summary html"), blank=True, editable=False)
    official_url = models.URLField(_("official page"), max_length=500)
    opens_at = models.DateTimeField(pgettext_lazy("call", "opens"))
    closes_at = models.DateTimeField(pgettext_lazy("call", "closes"))
    timezone = models.CharField(
        _("time zone of the deadline"),
        max_length=64,
        default="Europe/Brussels",
        validators=[validate_timezone],
        help_text=_("IANA name; opening and closing times are typed and shown in it."),
    )
    budget = models.CharField(
        verbose_name=_("budget"),
        max_length=128,
        blank=True,
        help_text=_("As the programme states it, e.g. “EUR 12 million”."),
    )
    topics = models.ManyToManyField(
        Term,
        verbose_name=_("topics"),
        blank=True,
        related_name="calls",
        limit_choices_to={"vocabulary__in": OPPORTUNITY_VOCABULARIES},
    )
    eligible_countries = CountryField(
        verbose_name=_("eligible countries"),
        multiple=True,
        blank=True,
        help_text=_("Leave empty when every country is eligible."),
    )
    is_published = models.BooleanField(pgettext_lazy("call", "published"), default=False)

    objects = CallQuerySet.as_manager()
    history = SnapshotHistory(snapshot_m2m=["topics"])

    class Meta:
        ordering = ["closes_at", "title"]
        verbose_name = pgettext_lazy("funding", "call")
        verbose_name_plural = pgettext_lazy("funding", "calls")
        indexes = [
            models.Index(fields=["is_published", "closes_at"]),
            models.Index(fields=["opens_at"]),
            models.Index(fields=["programme", "closes_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("opportunities:call_detail", args=[self.slug])

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": gettext("A call must close after it opens.")})
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": gettext("This address is taken by another page.")})

    def save(self, *args, **kwargs):
        self.summary_html = sanitize_html(self.summary)
        super().save(*args, **kwargs)

    @property
    def tz(self):
        return zone_or_default(self.timezone)

    @property
    def opens_local(self):
        return timezone.localtime(self.opens_at, self.tz)

    @property
    def closes_local(self):
        return timezone.localtime(self.closes_at, self.tz)

    @property
    def summary_text(self):
        return " ".join(strip_tags(self.summary_html).split())

    def status_at(self, now=None):
        """Forthcoming before the opening minute; closed from the closing minute on; closing
        soon within 14 days of it; open otherwise."""
        now = now or timezone.now()
        if now < self.opens_at:
            return CallStatus.FORTHCOMING
        if now >= self.closes_at:
            return CallStatus.CLOSED
        if self.closes_at - now <= datetime.timedelta(days=CLOSING_SOON_DAYS):
            return CallStatus.CLOSING_SOON
        return CallStatus.OPEN

    def next_change(self, now=None):
        """The next moment this call's status changes, or None once it is closed."""
        now = now or timezone.now()
        closing_soon = self.closes_at - datetime.timedelta(days=CLOSING_SOON_DAYS)
        moments = [m for m in (self.opens_at, closing_soon, self.closes_at) if m > now]
        return min(moments) if moments else None

    @property
    def status(self):
        return self.status_at()

    @property
    def is_closed(self):
        return self.status == CallStatus.CLOSED

    @property
    def badge_class(self):
        return {
            CallStatus.OPEN: "badge--ok",
            CallStatus.CLOSING_SOON: "badge--warning",
            CallStatus.FORTHCOMING: "badge--info",
        }.get(self.status, "badge--muted")


# ----- cooperation opportunities -----------------------------------------------------------
class OpportunityKind(models.Model):
    """What an opportunity is (partner search, technology offer ...): staff can add kinds."""

    name = models.CharField(verbose_name=_("name"), max_length=128)
    slug = models.SlugField(verbose_name=_("slug"), max_length=64, unique=True)
    description = models.CharField(verbose_name=_("description"), max_length=255, blank=True)
    schema_type = models.CharField(
        _("schema.org type"),
        max_length=32,
        default="Demand",
        help_text=_("Demand (something sought) or Offer (something offered), for search engines."),
    )
    position = models.PositiveSmallIntegerField(
        verbose_name=pgettext_lazy("order in a list", "position"), default=0
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("opportunity kind")
        verbose_name_plural = _("opportunity kinds")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('opportunities:list')}?kind={self.slug}"


class PartnerType(models.TextChoices):
    CLUSTER = "cluster", _("Cluster organisations")
    SME = "sme", _("SMEs")
    LARGE_COMPANY = "large_company", _("Large companies")
    RESEARCH = "research", _("Research and education")
    PUBLIC_BODY = "public_body", _("Public bodies")
    INVESTOR = "investor", _("Investors")


# The reasons the workflow itself writes in an opportunity's history (opportunities.services).
# They are stored in English, the site's source language, and shown in the reader's language;
# a reviewer's comment is shown as written.
HISTORY_REASONS = {
    "draft created": pgettext_lazy("opportunity history", "draft created"),
    "edited by its organisation": pgettext_lazy(
        "opportunity history", "edited by its organisation"
    ),
    "published without review: trusted organisation": pgettext_lazy(
        "opportunity history", "published without review: trusted organisation"
    ),
    "draft": pgettext_lazy("opportunity history", "draft"),
    "submitted for review": pgettext_lazy("opportunity history", "submitted for review"),
    "changes requested": pgettext_lazy("opportunity history", "changes requested"),
    "published": pgettext_lazy("opportunity history", "published"),
    "rejected": pgettext_lazy("opportunity history", "rejected"),
    "withdrawn": pgettext_lazy("opportunity history", "withdrawn"),
}


@dataclass(frozen=True)
class StatusStep:
    """One change of an opportunity's status (read from its history)."""

    when: object
    by: object
    to_status: str
    comment: str

    @property
    def to_label(self):
        return Opportunity.Status(self.to_status).label

    @property
    def comment_display(self):
        """The comment in the reader's language when the workflow wrote it."""
        return HISTORY_REASONS.get(self.comment, self.comment)


class OpportunityQuerySet(TextSearchQuerySetMixin, models.QuerySet):
    search_fields = ("title", "description", "organisation__name")

    @staticmethod
    def _published():
        """Published, by an organisation whose profile is public (expired or not)."""
        return Q(status=Opportunity.Status.PUBLISHED) & published_q("organisation")

    def published(self):
        return self.filter(self._published())

    def live(self, today=None):
        """Published and not expired: what lists, feeds, search, sitemap and matches show."""
        return self.published().filter(expires_on__gte=today or timezone.localdate())

    def expired(self, today=None):
        return self.published().filter(expires_on__lt=today or timezone.localdate())

    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def managed_by(self, user):
        return self.filter(organisation__in=Organisation.objects.editable_by(user))

    def visible_to(self, user):
        """Published ones (expired too: their page stays); managers also see their
        organisations' others; staff see all."""
        if user.is_staff:
            return self
        if not user.is_authenticated:
            return self.published()
        managed = Organisation.objects.editable_by(user)
        return self.filter(self._published() | Q(organisation__in=managed))

    def editable_by(self, user):
        """Any manager of the organisation may edit it until it is rejected or withdrawn."""
        if not user.is_authenticated:
            return self.none()
        return self.managed_by(user).filter(status__in=Opportunity.EDITABLE_STATUSES)

    def awaiting_review(self):
        return self.filter(status=Opportunity.Status.NEEDS_REVIEW)

    def for_list(self):
        return self.select_related("organisation", "kind").defer(
            "description", "description_html", "organisation__about",
            "organisation__about_html", "organisation__membership_info",
            "organisation__membership_info_html", "organisation__search_document",
            "organisation__search_vector",
        )  # fmt: skip


class Opportunity(TranslatedTextsMixin, TimeStampedModel):
    class Status(models.TextChoices):
        """The one publication state; only opportunities.services changes it. "Expired" is
        not a status: a published opportunity past its expiry date."""

        DRAFT = "draft", pgettext_lazy("opportunity status", "Draft")
        NEEDS_REVIEW = "needs_review", pgettext_lazy("opportunity status", "Submitted for review")
        CHANGES_REQUESTED = (
            "changes_requested",
            pgettext_lazy("opportunity status", "Changes requested"),
        )
        PUBLISHED = "published", pgettext_lazy("opportunity status", "Published")
        REJECTED = "rejected", pgettext_lazy("opportunity status", "Rejected")
        WITHDRAWN = "withdrawn", pgettext_lazy("opportunity status", "Withdrawn")

    EDITABLE_STATUSES = [Status.DRAFT, Status.CHANGES_REQUESTED, Status.PUBLISHED]
    BADGE_CLASSES = {
        Status.PUBLISHED: "badge--ok",
        Status.NEEDS_REVIEW: "badge--info",
        Status.CHANGES_REQUESTED: "badge--warning",
        Status.REJECTED: "badge--danger",
    }

    kind = models.ForeignKey(
        OpportunityKind,
        verbose_name=_("kind"),
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    title = models.CharField(verbose_name=_("title"), max_length=200)
    slug = models.SlugField(verbose_name=_("slug"), max_length=120, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    summary = models.CharField(
        verbose_name=_("summary"),
        max_length=300,
        help_text=_("One or two sentences, shown in lists, feeds and e-mails."),
    )
    description = models.TextField(
        verbose_name=_("description"), help_text=_("HTML; sanitised when saved.")
    )
    description_html = models.TextField(
        verbose_name=_("description html"), blank=True, editable=False
    )
    sought_partner_types = models.JSONField(
        _("sought partner types"), default=list, blank=True, help_text=_("PartnerType values.")
    )
    sought_countries = CountryField(
        verbose_name=_("sought countries"),
        multiple=True,
        blank=True,
        help_text=_("Leave empty when partners may come from anywhere."),
    )
    terms = models.ManyToManyField(
        Term,
        blank=True,
        related_name="opportunities",
        limit_choices_to={"vocabulary__in": OPPORTUNITY_VOCABULARIES},
        verbose_name=_("topics"),
    )
    call = models.ForeignKey(
        Call,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
        verbose_name=_("related call"),
    )
    deadline = models.DateField(
        verbose_name=_("deadline"),
        null=True,
        blank=True,
        help_text=_("Answer by this day (e.g. before the call closes)."),
    )
    expires_on = models.DateField(
        verbose_name=_("expires on"),
        default=default_expiry,
        help_text=_("It leaves the lists after this day: at most 6 months after it was posted."),
    )
    status = models.CharField(
        verbose_name=_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_opportunities",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_opportunities",
    )
    reviewer_comment = models.TextField(verbose_name=_("reviewer comment"), blank=True)
    submitted_at = models.DateTimeField(verbose_name=_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(verbose_name=_("reviewed at"), null=True, blank=True)
    published_at = models.DateTimeField(verbose_name=_("published at"), null=True, blank=True)
    expiry_reminded_on = models.DateField(
        verbose_name=_("expiry reminded on"), null=True, blank=True, editable=False
    )
    # The summary in more languages (eca_site/lib/translated_text.py).
    summary_language = original_language_field()
    summary_translations = translations_field()

    TRANSLATED_TEXTS = {"summary": TranslatedText()}

    objects = OpportunityQuerySet.as_manager()
    history = SnapshotHistory(snapshot_m2m=["terms"])

    class Meta:
        ordering = ["-published_at", "-created", "-pk"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        indexes = [
            models.Index(fields=["status", "expires_on"]),
            models.Index(fields=["status", "published_at"]),
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["deadline"]),
            models.Index(fields=["kind", "status"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("opportunities:detail", args=[self.slug])

    def save(self, *args, **kwargs):
        self.description_html = sanitize_html(self.description)
        self.clean_translations()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "description_html"}
        super().save(*args, **kwargs)

    @property
    def latest_expiry(self):
        """The furthest expiry allowed: 6 months after it was first posted (or today)."""
        posted = timezone.localdate(self.created) if self.created else timezone.localdate()
        return add_months(posted, EXPIRY_MONTHS)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_expired(self):
        return self.expires_on < timezone.localdate()

    @property
    def is_live(self):
        return self.is_published and not self.is_expired and self.organisation.is_published

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES

    @property
    def badge_class(self):
        return self.BADGE_CLASSES.get(self.status, "badge--muted")

    @property
    def state_label(self):
        """The status a person reads: "Expired" for a published one past its date."""
        if self.is_published and self.is_expired:
            return pgettext_lazy("opportunity status", "Expired")
        return self.get_status_display()

    @property
    def description_text(self):
        return " ".join(strip_tags(self.description_html).split())

    def sought_partner_type_labels(self):
        labels = dict(PartnerType.choices)
        return [labels[value] for value in self.sought_partner_types if value in labels]

    def status_history(self):
        rows = self.history.order_by("history_date", "history_id").select_related("history_user")
        steps, previous = [], ""
        for row in rows.only("status", "history_date", "history_user", "history_change_reason"):
            if row.status != previous:
                steps.append(
                    StatusStep(
                        row.history_date, row.history_user, row.status,
                        row.history_change_reason or "",
                    )
                )  # fmt: skip
                previous = row.status
        return steps


class TrustedPoster(models.Model):
    """An organisation whose opportunities staff allow to be published without review."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="trusted_poster",
    )
    public_content = False  # no public page shows it: writes keep cached pages
    note = models.CharField(
        verbose_name=_("note"), max_length=255, blank=True, help_text=_("Why staff trust it.")
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(verbose_name=_("created"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("trusted poster")
        verbose_name_plural = _("trusted posters")

    def __str__(self):
        return str(self.organisation)

    def get_absolute_url(self):
        return self.organisation.get_absolute_url()


# ----- answers and followers ---------------------------------------------------------------
class InterestQuerySet(models.QuerySet):
    def received_by(self, user):
        """Interests in opportunities of the organisations `user` manages."""
        return self.filter(opportunity__organisation__in=Organisation.objects.editable_by(user))

    def sent_by(self, user):
        """Interests sent on behalf of the organisations `user` manages."""
        return self.filter(organisation__in=Organisation.objects.editable_by(user))


class Interest(TimeStampedModel):
    """An organisation answers an opportunity with a short message. Neither side sees the
    other's e-mail address until the poster replies."""

    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("interest status", "New")
        ANSWERED = "answered", pgettext_lazy("interest status", "Answered")
        DECLINED = "declined", pgettext_lazy("interest status", "Declined")

    public_content = False  # no public page shows it: writes keep cached pages
    MESSAGE_MAX_LENGTH = 2000

    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("opportunity"),
        on_delete=models.CASCADE,
        related_name="interests",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="opportunity_interests",
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sender"),
        on_delete=models.CASCADE,
        related_name="opportunity_interests",
    )
    message = models.TextField(verbose_name=_("message"), max_length=MESSAGE_MAX_LENGTH)
    status = models.CharField(
        verbose_name=_("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    reply = models.TextField(verbose_name=_("reply"), blank=True, max_length=MESSAGE_MAX_LENGTH)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replied_at = models.DateTimeField(verbose_name=_("replied at"), null=True, blank=True)

    objects = InterestQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = pgettext_lazy("expression of interest", "interest")
        verbose_name_plural = pgettext_lazy("expression of interest", "interests")
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "organisation"], name="one_interest_per_organisation"
            )
        ]
        indexes = [models.Index(fields=["opportunity", "status"])]

    def __str__(self):
        return f"{self.organisation} → {self.opportunity}"

    def get_absolute_url(self):
        return f"{reverse('my:dashboard')}#interest-{self.pk}"

    @property
    def addresses_visible(self):
        """Both sides see each other's address once the poster has replied."""
        return self.status == self.Status.ANSWERED


class Follow(models.Model):
    """Someone who wants to hear when an opportunity changes or is about to expire."""

    public_content = False  # no public page shows it: writes keep cached pages
    opportunity = models.ForeignKey(
        Opportunity, verbose_name=_("opportunity"), on_delete=models.CASCADE, related_name="follows"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="opportunity_follows",
    )
    created = models.DateTimeField(verbose_name=_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = pgettext_lazy("noun: following an opportunity", "follow")
        verbose_name_plural = pgettext_lazy("noun: following an opportunity", "follows")
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "user"], name="one_follow_per_user")
        ]

    def __str__(self):
        return f"{self.user} follows {self.opportunity}"

    def get_absolute_url(self):
        return self.opportunity.get_absolute_url()


# ----- when pages change with the clock ----------------------------------------------------
def next_call_change(now=None):
    """The next moment a published call changes status (opens, starts closing soon, closes),
    or None (one query)."""
    now = now or timezone.now()
    soon = now + datetime.timedelta(days=CLOSING_SOON_DAYS)
    found = Call.objects.published().aggregate(
        opens=models.Min("opens_at", filter=Q(opens_at__gt=now)),
        closes=models.Min("closes_at", filter=Q(closes_at__gt=now)),
        closing_soon=models.Min("closes_at", filter=Q(closes_at__gt=soon)),
    )
    if found["closing_soon"] is not None:
        found["closing_soon"] -= datetime.timedelta(days=CLOSING_SOON_DAYS)
    moments = [moment for moment in found.values() if moment is not None]
    return min(moments) if moments else None


def next_midnight(now=None):
    """The start of the next day in the site's time zone (opportunities expire then)."""
    now = timezone.localtime(now or timezone.now())
    tomorrow = now.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=now.tzinfo)


def keep_cached_until(request, moment):
    """Let the anonymous page cache keep this page no longer than until `moment` (a callable
    is called only when the page may be cached: no query otherwise)."""
    user = getattr(request, "user", None)
    if settings.PAGE_CACHE_SECONDS <= 0 or (user is not None and user.is_authenticated):
        return
    if callable(moment):
        moment = moment()
    if moment is None:
        return
    seconds = max(0, int((moment - timezone.now()).total_seconds()))
    request.page_cache_seconds = min(getattr(request, "page_cache_seconds", seconds), seconds)
