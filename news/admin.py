from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from eca_site.lib.admin import PublishableAdmin
from eca_site.lib.forms import SingleLineFormMixin

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
        ("Content", {"fields": ["summary", "body", "image", "image_alt"]}),
        ("Classification", {"fields": ["terms", "tags"]}),
        ("Record", {"fields": ["created", "updated"]}),
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

    @admin.display(description="file", ordering="original_filename")
    def file_column(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.original_filename)


# ----- best practices and their moderation -------------------------------------------------
class ModerationQueueFilter(admin.SimpleListFilter):
    """Opens on the queue of submitted items; "All" shows every status."""

    title = "moderation"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [(None, "Awaiting review"), ("all", "All")]

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: value} if value else {}, [self.parameter_name]
                ),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() == "all" or request.GET.get("status__exact"):
            return queryset
        return queryset.awaiting_review()


class AttachmentInline(admin.TabularInline):
    model = BestPracticeAttachment
    extra = 0
    fields = ["file", "original_filename", "content_type", "size"]
    readonly_fields = ["original_filename", "content_type", "size"]


class ModerationForm(SingleLineFormMixin, forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        required=False,
        help_text="Sent to the submitter by e-mail and kept in the item's history.",
    )


@admin.register(BestPractice)
class BestPracticeAdmin(SimpleHistoryAdmin):
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
        ("Content", {"fields": ["summary", "body", "challenge", "approach", "results", "terms"]}),
        (
            "Review (change it with the actions on the list page)",
            {"fields": [*REVIEW_FIELDS, "moderation_log"]},
        ),
    ]
    inlines = [AttachmentInline]
    actions = ["publish", "request_changes", "reject"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_attachments=Count("attachments"))

    @admin.display(description="attachments", ordering="_attachments")
    def attachment_count(self, obj):
        return obj._attachments

    @admin.display(description="moderation log (from the history)")
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
            "<table><thead><tr><th>When</th><th>Who</th><th>Status</th><th>Comment</th></tr>"
            "</thead><tbody>{}</tbody></table>",
            rows,
        )

    # Each action asks for a comment on an intermediate page, then runs the workflow
    # (history row + e-mail) one item at a time: save() has side effects, so no update().
    def _moderate(self, request, queryset, to_status, verb, title):
        form = ModerationForm(request.POST if "apply" in request.POST else None)
        comment_required = to_status != Status.PUBLISHED
        form.fields["comment"].required = comment_required
        if "apply" in request.POST and form.is_valid():
            done, skipped = 0, []
            for best_practice in queryset.select_related("organisation", "submitted_by"):
                try:
                    services.decide(
                        best_practice, to_status, request.user, form.cleaned_data["comment"]
                    )
                    done += 1
                except services.TransitionError as error:
                    skipped.append(str(error))
            if done:
                self.message_user(request, f"{done} best practice(s) {verb}; submitters e-mailed.")
            for reason in skipped:
                self.message_user(request, reason, level=messages.WARNING)
            return None
        ctx = {
            **self.admin_site.each_context(request),
            "title": title,
            "verb": verb,
            "items_label": "best practices",
            "recipients": "Each submitter gets",
            "queryset": queryset.select_related("organisation"),
            "form": form,
            "comment_required": comment_required,
            "action": request.POST.get("action"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "opts": self.model._meta,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/moderate.html", ctx)

    @admin.action(description="Publish selected best practices", permissions=["change"])
    def publish(self, request, queryset):
        return self._moderate(
            request, queryset, Status.PUBLISHED, "published", "Publish best practices"
        )

    @admin.action(description="Request changes to selected best practices", permissions=["change"])
    def request_changes(self, request, queryset):
        return self._moderate(
            request,
            queryset,
            Status.CHANGES_REQUESTED,
            "sent back for changes",
            "Request changes to best practices",
        )

    @admin.action(description="Reject selected best practices", permissions=["change"])
    def reject(self, request, queryset):
        return self._moderate(
            request, queryset, Status.REJECTED, "rejected", "Reject best practices"
        )


@admin.register(BestPracticeAttachment)
class BestPracticeAttachmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "best_practice", "content_type", "size", "created"]
    list_filter = ["content_type"]
    search_fields = ["original_filename", "best_practice__title"]
    autocomplete_fields = ["best_practice"]
    list_select_related = ["best_practice"]
    readonly_fields = ["original_filename", "content_type", "size", "created"]
