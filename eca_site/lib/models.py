"""Model bases shared by every app, and the site's content version (imports no app)."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .languages import translate_path
from .sanitize import sanitize_html


class TimeStampedModel(models.Model):
    created = models.DateTimeField(verbose_name=_("created"), auto_now_add=True)
    updated = models.DateTimeField(verbose_name=_("updated"), auto_now=True)

    class Meta:
        abstract = True


class ContentVersion(models.Model):
    """One row whose number changes whenever public content changes (the source of truth of
    `eca_site.lib.content_version`; the shared cache holds a copy every process reads).

    Declared here so that `eca_site.lib` can use it without importing the site package;
    `eca_site/models.py` re-exports it, so its app label is `eca_site`.
    """

    version = models.PositiveBigIntegerField(verbose_name=_("version"), default=1)
    changed = models.DateTimeField(verbose_name=_("changed"), auto_now=True)

    class Meta:
        app_label = "eca_site"
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")
        ordering = ["pk"]

    def __str__(self):
        return f"content version {self.version}"

    def get_absolute_url(self):
        return "/"


class OutgoingMail(models.Model):
    """One message the site sends, kept until it is delivered (`eca_site.lib.mail`).

    The row is written in the transaction that decides to send, so a rollback sends nothing;
    a background task delivers it after the commit, retries with back-off when the mail server
    refuses or times out, and marks it sent. `key` is unique: a message enqueued or delivered
    twice (a retried task, a digest run again) is sent once. Declared here for the same reason
    as `ContentVersion`; its app label is `eca_site`.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", pgettext_lazy("e-mail status", "Sent")
        FAILED = "failed", _("Failed (gave up retrying)")

    key = models.CharField(verbose_name=_("key"), max_length=200, unique=True)
    subject = models.CharField(verbose_name=_("subject"), max_length=250)
    body = models.TextField(verbose_name=_("body"))
    html = models.TextField(verbose_name=_("html"), blank=True)
    from_email = models.CharField(verbose_name=_("from email"), max_length=254)
    to = models.JSONField(verbose_name=pgettext_lazy("e-mail recipients", "to"), default=list)
    headers = models.JSONField(verbose_name=_("headers"), default=dict, blank=True)
    status = models.CharField(
        verbose_name=_("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(verbose_name=_("attempts"), default=0)
    last_error = models.TextField(verbose_name=_("last error"), blank=True)
    created = models.DateTimeField(verbose_name=_("created"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(verbose_name=_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(verbose_name=_("sent at"), null=True, blank=True)

    class Meta:
        app_label = "eca_site"
        ordering = ["-created", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mail")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"

    def get_absolute_url(self):
        return "/"


TERMS_URL = "/terms/"
PRIVACY_URL = "/privacy/"


class SitePageQuerySet(models.QuerySet):
    def current_version(self, url):
        """The version of the page at `url` ("" if there is none): what a consent records."""
        return self.filter(url=url).values_list("version", flat=True).first() or ""


class SitePage(TimeStampedModel):
    """A page of the site staff keep in the admin: terms of use, privacy notice, about,
    contact. (Not django.contrib.flatpages: it needs django.contrib.sites, which would make
    every feed, sitemap and iCalendar link use a stored domain instead of the request's host.)

    `version` names the text a visitor agrees to: sign-up records the versions of the terms
    and the privacy notice it showed, so change it whenever the text changes in substance.
    """

    url = models.CharField(
        verbose_name=_("url"),
        max_length=100,
        unique=True,
        help_text=_("Its address, with slashes: /terms/"),
    )
    title = models.CharField(verbose_name=_("title"), max_length=200)
    content = models.TextField(
        verbose_name=_("content"), help_text=_("HTML; sanitised when saved.")
    )
    version = models.CharField(
        verbose_name=_("version"),
        max_length=40,
        help_text=_(
            "Change it when the text changes in substance (e.g. 2026-12-02): sign-up "
            "records the version of the terms and privacy notice each account accepted."
        ),
    )

    objects = SitePageQuerySet.as_manager()

    class Meta:
        app_label = "eca_site"
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")
        ordering = ["url"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.content = sanitize_html(self.content)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """Its address in the active language: /terms/, /de/terms/…"""
        return translate_path(self.url, translation.get_language())


class AggregateSnapshot(models.Model):
    """An aggregate over public content (e.g. the directory's unfiltered facet counts) as it was
    at one content version: computed once per version by whichever process asks first, then
    read by every process on every server in one small query, even after the cache is cleared
    (`eca_site.lib.content_version.materialised`). Not content: writing it changes no version.
    """

    name = models.CharField(verbose_name=_("name"), max_length=100, unique=True)
    version = models.PositiveBigIntegerField(verbose_name=_("version"))
    value = models.JSONField(verbose_name=_("value"))
    computed = models.DateTimeField(verbose_name=_("computed"), auto_now=True)

    class Meta:
        app_label = "eca_site"
        verbose_name = _("aggregate snapshot")
        verbose_name_plural = _("aggregate snapshots")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} at content version {self.version}"
