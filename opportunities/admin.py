from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from eca_site.lib.admin import PublishableAdmin

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

    @admin.display(description="calls", ordering="_calls")
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

    @admin.display(description="status", ordering="closes_at")
    def status_label(self, obj):
        return obj.status.label


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


class ModerationForm(forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        required=False,
        help_text="E-mailed to the organisation's managers and kept in the history.",
    )


@admin.register(Opportunity)
class OpportunityAdmin(SimpleHistoryAdmin):
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
            "Content",
            {
                "fields": [
                    "summary", "description", "sought_partner_types", "sought_countries",
                    "terms", "call", "deadline", "expires_on",
                ]
            },
        ),
        ("Review (change it with the actions on the list page)", {"fields": REVIEW_FIELDS}),
    ]  # fmt: skip
    actions = ["publish", "request_changes", "reject", "withdraw"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_interests=Count("interests"))

    @admin.display(description="interests", ordering="_interests")
    def interest_count(self, obj):
        return obj._interests

    def _moderate(self, request, queryset, to_status, verb, title):
        form = ModerationForm(request.POST if "apply" in request.POST else None)
        comment_required = to_status not in {Status.PUBLISHED, Status.WITHDRAWN}
        form.fields["comment"].required = comment_required
        if "apply" in request.POST and form.is_valid():
            done, skipped = 0, []
            comment = form.cleaned_data["comment"]
            for opportunity in queryset.select_related("organisation"):
                try:
                    if to_status == Status.WITHDRAWN:
                        services.withdraw(opportunity, request.user, comment)
                    else:
                        services.decide(opportunity, to_status, request.user, comment)
                    done += 1
                except services.TransitionError as error:
                    skipped.append(str(error))
            if done:
                self.message_user(
                    request, f"{done} opportunit{'y' if done == 1 else 'ies'} {verb}."
                )
            for reason in skipped:
                self.message_user(request, reason, level=messages.WARNING)
            return None
        ctx = {
            **self.admin_site.each_context(request),
            "title": title,
            "verb": verb,
            "items_label": "opportunities",
            "recipients": "The managers of each organisation get",
            "queryset": queryset.select_related("organisation"),
            "form": form,
            "comment_required": comment_required,
            "action": request.POST.get("action"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "opts": self.model._meta,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/moderate.html", ctx)

    @admin.action(description="Publish selected opportunities", permissions=["change"])
    def publish(self, request, queryset):
        return self._moderate(request, queryset, Status.PUBLISHED, "published", "Publish")

    @admin.action(description="Request changes to selected opportunities", permissions=["change"])
    def request_changes(self, request, queryset):
        return self._moderate(
            request, queryset, Status.CHANGES_REQUESTED, "sent back for changes", "Request changes"
        )

    @admin.action(description="Reject selected opportunities", permissions=["change"])
    def reject(self, request, queryset):
        return self._moderate(request, queryset, Status.REJECTED, "rejected", "Reject")

    @admin.action(description="Withdraw selected opportunities", permissions=["change"])
    def withdraw(self, request, queryset):
        return self._moderate(request, queryset, Status.WITHDRAWN, "withdrawn", "Withdraw")


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
