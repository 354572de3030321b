from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from eca_site.lib.admin import ModerationAdmin, ModerationQueueFilter, PublishableAdmin
from eca_site.lib.translated_text import translations_fieldset

from . import services
from .forms import CallAdminForm
from .models import Call, Interest, Opportunity, OpportunityKind, Programme, TrustedPoster

Status = Opportunity.Status
REVIEW_FIELDS = [
    "status", "reviewer", "reviewer_comment", "submitted_at", "reviewed_at", "published_at",
    "created", "updated",
]  # fmt: skip


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "call_count"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_calls=Count("calls"))

    @admin.display(description=_("calls"), ordering="_calls")
    def call_count(self, obj):
        return obj._calls


@admin.register(OpportunityKind)
class OpportunityKindAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "schema_type", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Call)
class CallAdmin(SimpleHistoryAdmin, PublishableAdmin):
    form = CallAdminForm
    list_display = ["title", "programme", "opens_at", "closes_at", "status_label", "is_published"]
    list_filter = ["is_published", "programme"]
    search_fields = ["title", "identifier", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics"]
    list_select_related = ["programme"]
    date_hierarchy = "closes_at"
    readonly_fields = ["created", "updated"]

    @admin.display(description=_("status"), ordering="closes_at")
    def status_label(self, obj):
        return obj.status.label


@admin.register(Opportunity)
class OpportunityAdmin(SimpleHistoryAdmin, ModerationAdmin):
    list_display = [
        "title", "kind", "organisation", "status", "expires_on", "submitted_at", "interest_count",
    ]  # fmt: skip
    list_filter = [ModerationQueueFilter, "status", "kind"]
    search_fields = ["title", "summary", "organisation__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisation", "terms", "submitted_by", "call"]
    list_select_related = ["organisation", "kind"]
    date_hierarchy = "submitted_at"
    ordering = ["submitted_at", "-updated"]
    readonly_fields = REVIEW_FIELDS
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "organisation", "submitted_by"]}),
        (
            _("Content"),
            {
                "fields": [
                    "summary", "description", "sought_partner_types", "sought_countries",
                    "terms", "call", "deadline", "expires_on",
                ]
            },
        ),
        (_("Review (change it with the actions on the list page)"), {"fields": REVIEW_FIELDS}),
        translations_fieldset("summary"),
    ]  # fmt: skip
    actions = ["publish", "request_changes", "reject", "withdraw"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_interests=Count("interests"))

    @admin.display(description=_("interests"), ordering="_interests")
    def interest_count(self, obj):
        return obj._interests

    moderation_labels = (_("opportunity"), _("opportunities"))
    moderation_recipients = _("The managers of each organisation get")
    comment_optional_for = (Status.PUBLISHED, Status.WITHDRAWN)
    transition_error = services.TransitionError

    def moderate_one(self, opportunity, to_status, user, comment):
        if to_status == Status.WITHDRAWN:
            services.withdraw(opportunity, user, comment)
        else:
            services.decide(opportunity, to_status, user, comment)

    # The verbs end "These opportunities will be …" and "3 opportunities …".
    @admin.action(description=_("Publish selected opportunities"), permissions=["change"])
    def publish(self, request, queryset):
        return self.moderate(
            request,
            queryset,
            Status.PUBLISHED,
            pgettext_lazy("opportunities will be", "published"),
            _("Publish"),
        )

    @admin.action(
        description=_("Request changes to selected opportunities"), permissions=["change"]
    )
    def request_changes(self, request, queryset):
        return self.moderate(
            request,
            queryset,
            Status.CHANGES_REQUESTED,
            pgettext_lazy("opportunities will be", "sent back for changes"),
            _("Request changes"),
        )

    @admin.action(description=_("Reject selected opportunities"), permissions=["change"])
    def reject(self, request, queryset):
        return self.moderate(
            request,
            queryset,
            Status.REJECTED,
            pgettext_lazy("opportunities will be", "rejected"),
            _("Reject"),
        )

    @admin.action(description=_("Withdraw selected opportunities"), permissions=["change"])
    def withdraw(self, request, queryset):
        return self.moderate(
            request,
            queryset,
            Status.WITHDRAWN,
            pgettext_lazy("opportunities will be", "withdrawn"),
            _("Withdraw"),
        )


@admin.register(TrustedPoster)
class TrustedPosterAdmin(admin.ModelAdmin):
    list_display = ["organisation", "note", "granted_by", "created"]
    search_fields = ["organisation__name", "note"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation", "granted_by"]
    readonly_fields = ["granted_by", "created"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["opportunity", "organisation", "status", "created", "replied_at"]
    list_filter = ["status"]
    search_fields = ["opportunity__title", "organisation__name", "message"]
    list_select_related = ["opportunity", "organisation"]
    autocomplete_fields = ["opportunity", "organisation", "sender"]
    readonly_fields = ["created", "updated", "replied_by", "replied_at"]
