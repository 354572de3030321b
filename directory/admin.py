from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin

from eca_site.admin import PublishableAdmin, SuperuserDeleteAdmin

from . import services
from .admin_self_service import render_diff
from .models import Contact, Language, Membership, Organisation, SocialLink, Term


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["name", "role", "area_of_work", "email", "phone", "position"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "network"
    extra = 0
    autocomplete_fields = ["member"]
    fields = ["member", "since", "position"]
    verbose_name = "member"
    verbose_name_plural = "members"


class SocialLinkInline(admin.TabularInline):
    model = SocialLink
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin, SuperuserDeleteAdmin, PublishableAdmin):
    list_display = [
        "name",
        "kind",
        "country",
        "region",
        "completeness_column",
        "status",
        "is_published",
    ]
    list_filter = ["status", "is_published", "kind", "country", "excellence_label"]
    search_fields = ["name", "short_name", "slug", "city", "region"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["terms", "languages", "managers"]
    list_select_related = False  # no foreign keys in list_display
    date_hierarchy = "created"
    readonly_fields = [
        "completeness",
        "created",
        "updated",
        "status",
        "submitted_at",
        "reviewed_at",
        "reviewed_by",
        "review_checklist",
        "change_history",
        "last_reminded_at",
    ]
    inlines = [ContactInline, SocialLinkInline, MembershipInline]
    change_form_template = "admin/directory/organisation/change_form.html"

    class Media:
        css = {"all": ["css/admin_review.css"]}

    fieldsets = [
        (None, {"fields": ["kind", "name", "short_name", "slug", "logo", "is_published"]}),
        ("Location and contact", {"fields": ["country", "region", "city", "website"]}),
        (
            "Profile",
            {
                "fields": [
                    "about",
                    "membership_info",
                    "type_of_network",
                    "legal_form",
                    "date_of_establishment",
                    "languages",
                    "tags",
                ]
            },
        ),
        ("Sectoral and industrial focus, services", {"fields": ["terms"]}),
        (
            "Validation facts",
            {
                "fields": [
                    ("members_sme", "members_large", "members_research"),
                    ("members_public", "members_other"),
                    "staff_fte",
                    "support_programme",
                    ("excellence_label", "excellence_label_valid_until"),
                ]
            },
        ),
        ("Managers", {"fields": ["managers"]}),
        (
            "Review",
            {
                "fields": [
                    ("status", "submitted_at"),
                    "review_checklist",
                    ("criteria_waived", "criteria_waiver_reason"),
                    "reviewer_comment",
                    ("reviewed_by", "reviewed_at"),
                ]
            },
        ),
        ("Changes by managers", {"fields": ["change_history"]}),
        ("Record", {"fields": ["completeness", "created", "updated", "last_reminded_at"]}),
    ]

    @admin.display(description="validation criteria")
    def review_checklist(self, obj):
        if obj.pk is None:
            return "—"
        items = format_html_join(
            "",
            '<li class="{}">{} {} <small>({})</small></li>',
            (
                ("criterion-met" if met else "criterion-unmet", "✔" if met else "✘", label, d)
                for label, met, d in obj.validation_criteria()
            ),
        )
        verdict = "All criteria met." if obj.meets_criteria else "Some criteria are not met"
        if not obj.meets_criteria and obj.criteria_waived:
            verdict += " (waived)."
        return format_html('<ul class="review-checklist">{}</ul><p>{}</p>', items, verdict)

    HISTORY_ROWS = 20

    def get_fieldsets(self, request, obj=None):
        """A profile waiting for review opens on the review checklist."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.status == Organisation.Status.NEEDS_REVIEW:
            review = [fs for fs in fieldsets if fs[0] == "Review"]
            return review + [fs for fs in fieldsets if fs[0] != "Review"]
        return fieldsets

    @admin.display(description="latest changes")
    def change_history(self, obj):
        if obj.pk is None:
            return "—"
        changes = obj.profile_changes.select_related("user")[: self.HISTORY_ROWS]
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    c.created.strftime("%Y-%m-%d %H:%M"),
                    c.user,
                    c.label,
                    render_diff(c),
                    c.get_status_display(),
                )
                for c in changes
            ),
        )
        link = (
            reverse("admin:directory_profilechange_changelist")
            + f"?organisation__id__exact={obj.pk}"
        )
        return format_html(
            "<table><thead><tr><th>When</th><th>Who</th><th>What</th><th>Change</th>"
            "<th>Status</th></tr></thead><tbody>{}</tbody></table>"
            '<p><a href="{}">All changes: approve, reject or revert</a></p>',
            rows or mark_safe('<tr><td colspan="5">No changes recorded.</td></tr>'),
            link,
        )

    def response_change(self, request, obj):
        if "_publish" in request.POST:
            if services.publish(obj, request.user):
                self.message_user(request, f"“{obj}” is published; the applicant was e-mailed.")
            else:
                self.message_user(
                    request,
                    "Not published: criteria unmet. Tick “criteria waived” with a reason, or "
                    "request changes.",
                    messages.ERROR,
                )
            return HttpResponseRedirect(request.path)
        if "_request_changes" in request.POST:
            if not obj.reviewer_comment.strip():
                self.message_user(
                    request, "Write the reviewer comment the applicant will get.", messages.ERROR
                )
            else:
                services.request_changes(obj, request.user, obj.reviewer_comment)
                self.message_user(request, "Changes requested; the applicant was e-mailed.")
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    @admin.action(description="Publish selected items (criteria checked, applicants e-mailed)")
    def publish(self, request, queryset):
        published = refused = 0
        for organisation in queryset.exclude(is_published=True):
            if services.publish(organisation, request.user):
                published += 1
            else:
                refused += 1
        self.message_user(request, f"{published} published, {refused} refused (criteria unmet).")

    @admin.display(description="completeness", ordering="completeness")
    def completeness_column(self, obj):
        return f"{obj.completeness}%"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_completeness()

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class KeepsAManagerForm(form):
            def clean_managers(self):
                managers = self.cleaned_data.get("managers")
                if self.instance.pk and not managers and self.instance.managers.exists():
                    raise forms.ValidationError(
                        "A profile always keeps at least one manager: add another one first."
                    )
                return managers

        return KeepsAManagerForm


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "vocabulary", "parent", "position", "organisation_count"]
    list_filter = ["vocabulary"]
    search_fields = ["name", "parent__name"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_organisations=Count("organisations"))

    @admin.display(description="organisations", ordering="_organisations")
    def organisation_count(self, obj):
        return obj._organisations


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_eu_official"]
    list_filter = ["is_eu_official"]
    search_fields = ["name", "code"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["member", "network", "since"]
    list_filter = ["network__kind"]
    search_fields = ["member__name", "network__name"]
    autocomplete_fields = ["network", "member"]
    list_select_related = ["member", "network"]


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ["name", "role", "organisation", "email", "phone"]
    search_fields = ["name", "email", "organisation__name"]
    list_filter = ["organisation__country"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]


@admin.register(SocialLink)
class SocialLinkAdmin(SimpleHistoryAdmin):
    list_display = ["handle", "network", "organisation", "url"]
    list_filter = ["network"]
    search_fields = ["handle", "organisation__name"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]
