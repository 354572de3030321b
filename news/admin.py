from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from eca_site.lib.admin import ModerationAdmin, ModerationQueueFilter, PublishableAdmin
from eca_site.lib.translated_text import translations_fieldset

from . import services
from .models import BestPractice, BestPracticeAttachment, Document, NewsItem

Status = BestPractice.Status
REVIEW_FIELDS = [
    "status", "reviewer", "reviewer_comment", "submitted_at", "reviewed_at", "published_at",
    "created", "updated",
]  # fmt: skip


# ----- news and documents ------------------------------------------------------------------
class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    fields = ["title", "kind", "file", "language", "published_on", "is_published"]
    autocomplete_fields = ["language"]


@admin.register(NewsItem)
class NewsItemAdmin(SimpleHistoryAdmin, PublishableAdmin):
    list_display = ["title", "organisation", "published_at", "is_published"]
    list_filter = ["is_published", ("organisation", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "summary", "organisation__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisation", "terms"]
    list_select_related = ["organisation"]
    date_hierarchy = "published_at"
    readonly_fields = ["created", "updated"]
    inlines = [DocumentInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "organisation", "is_published", "published_at"]}),
        (_("Content"), {"fields": ["summary", "body", "image", "image_alt"]}),
        (_("Classification"), {"fields": ["terms", "tags"]}),
        (
            pgettext_lazy("admin fieldset: when the row was created and updated", "Record"),
            {"fields": ["created", "updated"]},
        ),
    ]


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin, PublishableAdmin):
    list_display = ["title", "kind", "organisation", "published_on", "file_column", "is_published"]
    list_filter = [
        "is_published",
        "kind",
        ("organisation", admin.RelatedOnlyFieldListFilter),
        ("language", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "description", "original_filename", "organisation__name"]
    autocomplete_fields = ["organisation", "language", "news_item"]
    list_select_related = ["organisation"]
    date_hierarchy = "published_on"
    readonly_fields = ["original_filename", "content_type", "size", "created", "updated"]
    fields = [
        "title", "kind", "description", "file", "original_filename", "content_type", "size",
        "organisation", "language", "news_item", "published_on", "is_published", "created",
        "updated",
    ]  # fmt: skip

    @admin.display(description=_("file"), ordering="original_filename")
    def file_column(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.original_filename)


# ----- best practices and their moderation -------------------------------------------------
class AttachmentInline(admin.TabularInline):
    model = BestPracticeAttachment
    extra = 0
    fields = ["file", "original_filename", "content_type", "size"]
    readonly_fields = ["original_filename", "content_type", "size"]


@admin.register(BestPractice)
class BestPracticeAdmin(SimpleHistoryAdmin, ModerationAdmin):
    list_display = [
        "title", "organisation", "status", "submitted_by", "submitted_at", "attachment_count",
    ]  # fmt: skip
    list_filter = [
        ModerationQueueFilter,
        "status",
        ("organisation", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "summary", "organisation__name", "submitted_by__email"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisation", "terms", "submitted_by"]
    list_select_related = ["organisation", "submitted_by"]
    date_hierarchy = "submitted_at"
    ordering = ["submitted_at", "-updated"]
    readonly_fields = [*REVIEW_FIELDS, "moderation_log"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "organisation", "submitted_by"]}),
        (
            _("Content"),
            {"fields": ["summary", "body", "challenge", "approach", "results", "terms"]},
        ),
        (
            _("Review (change it with the actions on the list page)"),
            {"fields": [*REVIEW_FIELDS, "moderation_log"]},
        ),
        translations_fieldset("summary"),
    ]
    inlines = [AttachmentInline]
    actions = ["publish", "request_changes", "reject"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_attachments=Count("attachments"))

    @admin.display(description=_("attachments"), ordering="_attachments")
    def attachment_count(self, obj):
        return obj._attachments

    @admin.display(description=_("moderation log (from the history)"))
    def moderation_log(self, obj):
        if obj.pk is None:
            return "—"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td></tr>",
            (
                (
                    step.when.strftime("%Y-%m-%d %H:%M"),
                    step.by or "—",
                    step.from_label,
                    step.to_label,
                    step.comment,
                )
                for step in obj.status_history()
            ),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>"
            "</thead><tbody>{}</tbody></table>",
            gettext("When"),
            gettext("Who"),
            gettext("Status"),
            gettext("Comment"),
            rows,
        )

    moderation_labels = (_("best practice"), _("best practices"))
    moderation_recipients = _("Each submitter gets")
    comment_optional_for = (Status.PUBLISHED,)
    transition_error = services.TransitionError
    moderation_related = ("organisation", "submitted_by")

    def moderate_one(self, best_practice, to_status, user, comment):
        services.decide(best_practice, to_status, user, comment)

    @admin.action(description=_("Publish selected best practices"), permissions=["change"])
    def publish(self, request, queryset):
        return self.moderate(
            request,
            queryset,
            Status.PUBLISHED,
            pgettext("best practices will be …", "published"),
            gettext("Publish best practices"),
        )

    @admin.action(
        description=_("Request changes to selected best practices"), permissions=["change"]
    )
    def request_changes(self, request, queryset):
        return self.moderate(
            request,
            queryset,
            Status.CHANGES_REQUESTED,
            pgettext("best practices will be …", "sent back for changes"),
            gettext("Request changes to best practices"),
        )

    @admin.action(description=_("Reject selected best practices"), permissions=["change"])
    def reject(self, request, queryset):
        return self.moderate(
            request,
            queryset,
            Status.REJECTED,
            pgettext("best practices will be …", "rejected"),
            gettext("Reject best practices"),
        )


@admin.register(BestPracticeAttachment)
class BestPracticeAttachmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "best_practice", "content_type", "size", "created"]
    list_filter = ["content_type"]
    search_fields = ["original_filename", "best_practice__title"]
    autocomplete_fields = ["best_practice"]
    list_select_related = ["best_practice"]
    readonly_fields = ["original_filename", "content_type", "size", "created"]
