"""News, documents and best practices that organisations publish in the directory."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from directory.models import Language, Organisation, Term, Vocabulary, published_q
from eca_site.lib.models import TimeStampedModel
from eca_site.lib.sanitize import sanitize_html
from eca_site.lib.text_search import TextSearchQuerySetMixin
from eca_site.lib.translated_text import (
    TranslatedText,
    TranslatedTextsMixin,
    original_language_field,
    translations_field,
)
from eca_site.lib.uploads import (
    ATTACHMENT_TYPES,
    BY_MIME,
    DOCUMENT_TYPES,
    IMAGE_TYPES,
    RandomUploadTo,
    UploadValidator,
    prepare_for_storage,
)

# Vocabularies a best practice is classified by ("sectors and S3 areas").
SECTOR_VOCABULARIES = [Vocabulary.SECTORAL_INDUSTRY, Vocabulary.CROSS_SECTORAL_INDUSTRY]
BEST_PRACTICE_VOCABULARIES = [*SECTOR_VOCABULARIES, Vocabulary.S3_PRIORITY_AREA]


class StoredFileMixin(models.Model):
    """A model with one uploaded `file`: keeps the original name, type and size of it."""

    original_filename = models.CharField(
        verbose_name=_("original filename"), max_length=255, blank=True, editable=False
    )
    content_type = models.CharField(
        verbose_name=_("content type"), max_length=128, blank=True, editable=False
    )
    size = models.PositiveBigIntegerField(verbose_name=_("size"), default=0, editable=False)

    ALLOWED_TYPES = ATTACHMENT_TYPES

    class Meta:
        abstract = True

    def prepare_file(self):
        prepared = prepare_for_storage(self.file, self.ALLOWED_TYPES)
        if prepared is not None:
            self.original_filename = prepared.original_filename
            self.content_type = prepared.file_type.mime
            self.size = prepared.size

    @property
    def file_type(self):
        return BY_MIME.get(self.content_type)

    @property
    def type_label(self):
        return self.file_type.label if self.file_type else gettext("File")


# ----- news --------------------------------------------------------------------------------
# Content of an organisation whose profile is hidden is hidden too; ECA's own has none.
PUBLIC_ORGANISATION = Q(organisation__isnull=True) | published_q("organisation")


class NewsItemQuerySet(TextSearchQuerySetMixin, models.QuerySet):
    search_fields = ("title", "summary")

    def published(self):
        return self.filter(PUBLIC_ORGANISATION, is_published=True, published_at__lte=timezone.now())

    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def visible_to(self, user):
        return self if user.is_staff else self.published()

    def for_list(self):
        return self.select_related("organisation").defer("body", "body_html")


class NewsItem(TimeStampedModel):
    title = models.CharField(verbose_name=_("title"), max_length=255)
    slug = models.SlugField(verbose_name=_("slug"), max_length=120, unique=True)
    summary = models.TextField(
        verbose_name=_("summary"), help_text=_("One or two sentences, shown in lists and feeds.")
    )
    body = models.TextField(
        verbose_name=_("body"), blank=True, help_text=_("HTML; sanitised when saved.")
    )
    body_html = models.TextField(verbose_name=_("body html"), blank=True, editable=False)
    image = models.ImageField(
        verbose_name=_("image"),
        upload_to=RandomUploadTo("news"),
        max_length=255,
        blank=True,
        validators=[UploadValidator("image")],
        help_text=_("PNG, JPEG or WebP; re-encoded without metadata."),
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=255,
        blank=True,
        help_text=_("For people who can't see it."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
        help_text=_("Leave empty for news of the European Clusters Alliance itself."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(
        verbose_name=_("published at"),
        default=timezone.now,
        help_text=_("Hidden until then, even when published."),
    )
    terms = models.ManyToManyField(
        Term,
        verbose_name=pgettext_lazy("classification", "terms"),
        blank=True,
        related_name="news_items",
    )
    tags = TaggableManager(blank=True)
    storage_key = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = NewsItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        indexes = [
            models.Index(fields=["is_published", "published_at"]),
            models.Index(fields=["organisation", "published_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", args=[self.slug])

    def upload_folder(self):
        return str(self.storage_key)

    @property
    def is_live(self):
        return self.is_published and self.published_at <= timezone.now()

    def save(self, *args, **kwargs):
        self.body_html = sanitize_html(self.body)
        prepare_for_storage(self.image, IMAGE_TYPES)
        super().save(*args, **kwargs)


# ----- documents ---------------------------------------------------------------------------
class DocumentQuerySet(TextSearchQuerySetMixin, models.QuerySet):
    search_fields = ("title", "description")

    def published(self):
        return self.filter(
            PUBLIC_ORGANISATION, is_published=True, published_on__lte=timezone.localdate()
        )

    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def visible_to(self, user):
        return self if user.is_staff else self.published()

    def for_list(self):
        return self.select_related("organisation", "language")


class Document(StoredFileMixin, TimeStampedModel):
    class Kind(models.TextChoices):
        POSITION_PAPER = "position_paper", _("Position paper")
        REPORT = "report", pgettext_lazy("kind of document", "Report")
        PRESENTATION = "presentation", _("Presentation")
        OTHER = "other", pgettext_lazy("kind of document", "Other")

    title = models.CharField(verbose_name=_("title"), max_length=255)
    kind = models.CharField(
        verbose_name=_("kind"), max_length=16, choices=Kind.choices, default=Kind.REPORT
    )
    description = models.TextField(verbose_name=_("description"), blank=True)
    file = models.FileField(
        verbose_name=_("file"),
        upload_to=RandomUploadTo("documents"),
        max_length=255,
        validators=[UploadValidator("document")],
        help_text=_("PDF, DOCX, XLSX, PPTX or ODT."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        help_text=_("Leave empty for documents of the European Clusters Alliance itself."),
    )
    published_on = models.DateField(verbose_name=_("published on"), default=timezone.localdate)
    language = models.ForeignKey(
        Language,
        verbose_name=_("language"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    news_item = models.ForeignKey(
        NewsItem,
        verbose_name=_("news item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        help_text=_("The news item this document belongs to, if any."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    storage_key = models.UUIDField(default=uuid.uuid4, editable=False)

    ALLOWED_TYPES = DOCUMENT_TYPES
    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [
            models.Index(fields=["is_published", "published_on"]),
            models.Index(fields=["organisation", "published_on"]),
            models.Index(fields=["kind"]),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.prepare_file()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:document_download", args=[self.pk])

    def upload_folder(self):
        return str(self.storage_key)


# ----- best practices ----------------------------------------------------------------------
@dataclass(frozen=True)
class StatusStep:
    """One change of a best practice's status (read from its history)."""

    when: object
    by: object
    from_status: str
    to_status: str
    comment: str

    @property
    def to_label(self):
        return BestPractice.Status(self.to_status).label

    @property
    def from_label(self):
        if self.from_status:
            return BestPractice.Status(self.from_status).label
        return pgettext("best practice status before its first save", "new")


class BestPracticeQuerySet(TextSearchQuerySetMixin, models.QuerySet):
    search_fields = ("title", "summary", "body", "challenge", "approach", "results")

    @staticmethod
    def _published():
        """Published, by an organisation whose profile is public."""
        return Q(status=BestPractice.Status.PUBLISHED) & published_q("organisation")

    def published(self):
        return self.filter(self._published())

    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def managed_by(self, user):
        """Best practices of the organisations `user` manages (any status)."""
        return self.filter(organisation__in=Organisation.objects.editable_by(user))

    def visible_to(self, user):
        """Published ones; managers also see their organisations' others; staff see all."""
        if user.is_staff:
            return self
        if not user.is_authenticated:
            return self.published()
        managed = Organisation.objects.editable_by(user)
        return self.filter(self._published() | Q(organisation__in=managed))

    def editable_by(self, user):
        """The submitter's own drafts and sent-back items, while they manage the organisation."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            submitted_by=user,
            status__in=BestPractice.EDITABLE_STATUSES,
            organisation__in=Organisation.objects.editable_by(user),
        )

    def awaiting_review(self):
        return self.filter(status=BestPractice.Status.NEEDS_REVIEW)

    def for_list(self):
        return self.select_related("organisation").only(
            "title", "slug", "summary", "status", "published_at", "organisation__name",
            "organisation__slug", "summary_language", "summary_translations",
        )  # fmt: skip


class BestPractice(TranslatedTextsMixin, TimeStampedModel):
    class Status(models.TextChoices):
        """The one publication state; only news.services changes it (its history rows, with
        the reviewer's comment as the reason, are the moderation log)."""

        DRAFT = "draft", pgettext_lazy("best practice status", "Draft")
        NEEDS_REVIEW = "needs_review", pgettext_lazy("best practice status", "Submitted for review")
        CHANGES_REQUESTED = (
            "changes_requested",
            pgettext_lazy("best practice status", "Changes requested"),
        )
        PUBLISHED = "published", pgettext_lazy("best practice status", "Published")
        REJECTED = "rejected", pgettext_lazy("best practice status", "Rejected")

    EDITABLE_STATUSES = [Status.DRAFT, Status.CHANGES_REQUESTED]
    DECISIONS = {Status.PUBLISHED, Status.CHANGES_REQUESTED, Status.REJECTED}
    BADGE_CLASSES = {
        Status.PUBLISHED: "badge--ok",
        Status.NEEDS_REVIEW: "badge--info",
        Status.CHANGES_REQUESTED: "badge--warning",
        Status.REJECTED: "badge--danger",
    }

    title = models.CharField(verbose_name=_("title"), max_length=255)
    slug = models.SlugField(verbose_name=_("slug"), max_length=120, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="best_practices",
    )
    summary = models.TextField(
        verbose_name=_("summary"), help_text=_("One or two sentences, shown in lists and feeds.")
    )
    body = models.TextField(
        _("description"), blank=True, help_text=_("HTML; sanitised when saved.")
    )
    body_html = models.TextField(verbose_name=_("body html"), blank=True, editable=False)
    challenge = models.TextField(_("the challenge"), blank=True)
    challenge_html = models.TextField(verbose_name=_("challenge html"), blank=True, editable=False)
    approach = models.TextField(_("the approach"), blank=True)
    approach_html = models.TextField(verbose_name=_("approach html"), blank=True, editable=False)
    results = models.TextField(_("the results"), blank=True)
    results_html = models.TextField(verbose_name=_("results html"), blank=True, editable=False)
    terms = models.ManyToManyField(
        Term,
        blank=True,
        related_name="best_practices",
        limit_choices_to={"vocabulary__in": BEST_PRACTICE_VOCABULARIES},
        verbose_name=_("sectors and S3 areas"),
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
        related_name="submitted_best_practices",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_best_practices",
    )
    reviewer_comment = models.TextField(
        verbose_name=_("reviewer comment"),
        blank=True,
        help_text=_("The latest decision's comment; every one is kept in the history."),
    )
    submitted_at = models.DateTimeField(verbose_name=_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(verbose_name=_("reviewed at"), null=True, blank=True)
    published_at = models.DateTimeField(verbose_name=_("published at"), null=True, blank=True)
    # The summary in more languages (eca_site/lib/translated_text.py).
    summary_language = original_language_field()
    summary_translations = translations_field()

    TRANSLATED_TEXTS = {"summary": TranslatedText()}

    objects = BestPracticeQuerySet.as_manager()
    history = HistoricalRecords()

    RICH_TEXT_FIELDS = ["body", "challenge", "approach", "results"]

    class Meta:
        ordering = ["-published_at", "-created", "-pk"]
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")
        indexes = [
            models.Index(fields=["status", "published_at"]),
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["submitted_by", "status"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:best_practice_detail", args=[self.slug])

    def save(self, *args, **kwargs):
        for name in self.RICH_TEXT_FIELDS:
            setattr(self, f"{name}_html", sanitize_html(getattr(self, name)))
        self.clean_translations()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            derived = {f"{name}_html" for name in self.RICH_TEXT_FIELDS}
            kwargs["update_fields"] = {*update_fields, *derived}
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def badge_class(self):
        """CSS modifier of the status badge."""
        return self.BADGE_CLASSES.get(self.status, "badge--muted")

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES

    def status_history(self):
        """[StatusStep] each time the status changed, oldest first, from the history rows
        (the reason of each is the reviewer's comment, or what the step was)."""
        rows = self.history.order_by("history_date", "history_id").select_related("history_user")
        steps, previous = [], ""
        for row in rows.only("status", "history_date", "history_user", "history_change_reason"):
            if row.status != previous:
                decision = row.status in self.DECISIONS
                comment = (row.history_change_reason or "") if decision else ""
                steps.append(
                    StatusStep(row.history_date, row.history_user, previous, row.status, comment)
                )
                previous = row.status
        return steps

    def sections(self):
        """[(heading, html)] of the filled rich-text sections, in reading order."""
        parts = [
            (gettext("Description"), self.body_html),
            (gettext("The challenge"), self.challenge_html),
            (gettext("The approach"), self.approach_html),
            (gettext("The results"), self.results_html),
        ]
        return [(heading, html) for heading, html in parts if html]


class BestPracticeAttachment(StoredFileMixin):
    best_practice = models.ForeignKey(
        BestPractice,
        verbose_name=_("best practice"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        verbose_name=_("file"),
        upload_to=RandomUploadTo("best-practices"),
        max_length=255,
        validators=[UploadValidator("attachment")],
        help_text=_("PDF, DOCX, XLSX, PPTX, ODT, PNG, JPEG or WebP."),
    )
    created = models.DateTimeField(verbose_name=_("created"), auto_now_add=True)

    class Meta:
        ordering = ["best_practice", "pk"]
        verbose_name = _("best practice attachment")
        verbose_name_plural = _("best practice attachments")

    def __str__(self):
        return self.original_filename or self.file.name

    def save(self, *args, **kwargs):
        self.prepare_file()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:attachment_download", args=[self.pk])

    def upload_folder(self):
        return str(self.best_practice_id)
