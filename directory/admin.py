import itertools

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from eca_site.lib.admin import SuperuserDeleteAdmin, country_in_use_filter
from eca_site.lib.rich_text import rich_text_widget
from eca_site.lib.translated_text import translations_fieldset

from . import services
from .admin_import import import_view
from .admin_quality import quality_view
from .models import Contact, Language, Membership, Organisation, SocialLink, Term

Status = Organisation.Status


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
    verbose_name = _("member")
    verbose_name_plural = _("members")


class SocialLinkInline(admin.TabularInline):
    model = SocialLink
    extra = 0


# The fieldset a profile waiting for review opens on (see get_fieldsets).
REVIEW_FIELDSET = pgettext_lazy("admin fieldset", "Review")


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin, SuperuserDeleteAdmin):
    list_display = ["name", "kind", "country", "region", "completeness_column", "status", "updated"]
    list_filter = ["status", "kind", country_in_use_filter("country"), "excellence_label"]
    search_fields = ["name", "short_name", "slug", "city", "region"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["terms", "languages", "managers"]
    list_select_related = False  # no foreign keys in list_display
    date_hierarchy = "created"
    readonly_fields = [
        "about_preview",
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
    actions = ["publish", "withdraw"]
    change_form_template = "admin/directory/organisation/change_form.html"
    change_list_template = "admin/directory/organisation/change_list.html"

    class Media:
        css = {"all": ["css/admin_review.css"]}

    fieldsets = [
        (None, {"fields": ["kind", "name", "short_name", "slug", "logo"]}),
        (_("Location and contact"), {"fields": ["country", "region", "city", "website"]}),
        (
            _("Profile"),
            {
                "fields": [
                    "about",
                    "about_preview",
                    "membership_info",
                    "type_of_network",
                    "legal_form",
                    "date_of_establishment",
                    "languages",
                    "tags",
                ]
            },
        ),
        (_("Sectoral and industrial focus, services"), {"fields": ["terms"]}),
        (
            _("Validation facts"),
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
        (_("Managers"), {"fields": ["managers"]}),
        (
            REVIEW_FIELDSET,
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
        (_("Changes by managers"), {"fields": ["change_history"]}),
        (
            pgettext_lazy("admin fieldset", "Record"),
            {"fields": ["completeness", "created", "updated", "last_reminded_at"]},
        ),
        translations_fieldset("about"),
    ]

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(import_view(self)), name="directory_organisation_import"),
            path("data-quality/", wrap(quality_view(self)), name="directory_organisation_quality"),
            *super().get_urls(),
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "about":
            kwargs["widget"] = rich_text_widget(admin=True)
            kwargs["help_text"] = _(
                "Headings, lists, links, bold and italic; “About text as shown” below shows "
                "the saved text as the profile page does."
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("about text as shown"))
    def about_preview(self, obj):
        """What the sanitiser kept of the about text (saved), as the profile page shows it."""
        if not obj.about_html:
            return gettext("— (saved text appears here)")
        return format_html('<div class="about-preview">{}</div>', mark_safe(obj.about_html))

    @admin.display(description=_("validation criteria"))
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
        if obj.meets_criteria:
            verdict = gettext("All criteria met.")
        elif obj.criteria_waived:
            verdict = gettext("Some criteria are not met (waived).")
        else:
            verdict = gettext("Some criteria are not met")
        return format_html('<ul class="review-checklist">{}</ul><p>{}</p>', items, verdict)

    HISTORY_ROWS = 20

    def get_fieldsets(self, request, obj=None):
        """A profile waiting for review opens on the review checklist."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.status == Status.NEEDS_REVIEW:
            review = [fs for fs in fieldsets if fs[0] == REVIEW_FIELDSET]
            return review + [fs for fs in fieldsets if fs[0] != REVIEW_FIELDSET]
        return fieldsets

    @admin.display(description=_("latest changes"))
    def change_history(self, obj):
        """The newest entries of the profile's history: when, who, why and what changed."""
        if obj.pk is None:
            return "—"
        records = list(obj.history.select_related("history_user")[: self.HISTORY_ROWS + 1])
        rows = []
        for new, old in itertools.pairwise(records):
            delta = new.diff_against(old, excluded_fields=["updated", "about_html"])
            what = ", ".join(_field_label(change.field) for change in delta.changes) or "—"
            rows.append(
                (
                    new.history_date.strftime("%Y-%m-%d %H:%M"),
                    new.history_user or "—",
                    new.history_change_reason or "",
                    what,
                )
            )
        body = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows)
        empty = format_html('<tr><td colspan="4">{}</td></tr>', gettext("No changes recorded."))
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
            "</tr></thead><tbody>{}</tbody></table><p>{}</p>",
            gettext("When"),
            gettext("Who"),
            gettext("Why"),
            gettext("What changed"),
            body or empty,
            mark_safe(
                gettext(
                    "The <em>History</em> button (top right) shows every version, with its "
                    "values, and can revert to one."
                )
            ),
        )

    def response_change(self, request, obj):
        """The decision buttons of the change form (after the form itself was saved)."""
        if "_publish" in request.POST:
            if services.publish(obj, request.user):
                self.message_user(
                    request,
                    gettext("“%(name)s” is published; its managers were e-mailed.") % {"name": obj},
                )
            else:
                self.message_user(
                    request,
                    gettext(
                        "Not published: criteria unmet. Tick “criteria waived” with a reason, or "
                        "request changes."
                    ),
                    messages.ERROR,
                )
            return HttpResponseRedirect(request.path)
        for button, step in (("_request_changes", self._request_changes), ("_withdraw", None)):
            if button in request.POST:
                try:
                    if step:
                        step(request, obj)
                    else:
                        services.withdraw(obj, request.user, obj.reviewer_comment)
                        self.message_user(
                            request,
                            gettext("“%(name)s” is withdrawn; managers e-mailed.") % {"name": obj},
                        )
                except services.TransitionError as error:
                    self.message_user(request, str(error), messages.ERROR)
                return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def _request_changes(self, request, obj):
        services.request_changes(obj, request.user, obj.reviewer_comment)
        self.message_user(request, gettext("Changes requested; the managers were e-mailed."))

    @admin.action(description=_("Publish selected profiles (criteria checked, managers e-mailed)"))
    def publish(self, request, queryset):
        published = refused = 0
        for organisation in queryset.exclude(status=Status.PUBLISHED):
            try:
                done = services.publish(organisation, request.user)
            except services.TransitionError:
                done = False
            published += done
            refused += not done
        self.message_user(
            request,
            gettext("%(published)s published, %(refused)s refused (criteria unmet).")
            % {"published": published, "refused": refused},
        )

    @admin.action(description=_("Withdraw selected profiles from the public site"))
    def withdraw(self, request, queryset):
        withdrawn = 0
        for organisation in queryset.filter(status=Status.PUBLISHED):
            services.withdraw(organisation, request.user)
            withdrawn += 1
        self.message_user(
            request,
            ngettext(
                "%(count)s profile withdrawn; managers e-mailed.",
                "%(count)s profiles withdrawn; managers e-mailed.",
                withdrawn,
            )
            % {"count": withdrawn},
        )

    @admin.display(description=_("completeness"), ordering="completeness")
    def completeness_column(self, obj):
        return f"{obj.completeness}%"

    def save_related(self, request, form, formsets, change):
        """Terms, languages, contacts, members ... are saved: derive once (the write path)."""
        super().save_related(request, form, formsets, change)
        services.refresh_profiles([form.instance.pk])

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Reverting to a version (simple-history) restores its terms and languages too (the
        form starts from them, see get_form), then derives the profile again."""
        request.history_version = Organisation.history.filter(history_id=version_id).first()
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            services.refresh_profiles([object_id])
        return response

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        record = getattr(request, "history_version", None)

        class KeepsAManagerForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if record is not None:  # the history form: start from that version's choices
                    for name in ("terms", "languages"):
                        self.initial[name] = record.snapshot(name)

            def clean_managers(self):
                managers = self.cleaned_data.get("managers")
                if self.instance.pk and not managers and self.instance.managers.exists():
                    raise forms.ValidationError(
                        gettext(
                            "A profile always keeps at least one manager: add another one first."
                        )
                    )
                return managers

        return KeepsAManagerForm


class ProfilePartAdmin(SimpleHistoryAdmin):
    """Admin of a row that is part of a profile: the profile is derived again after a change."""

    profile_field = "organisation_id"

    def _refresh(self, objs):
        services.refresh_profiles({getattr(obj, self.profile_field) for obj in objs})

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._refresh([obj])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._refresh([obj])

    def delete_queryset(self, request, queryset):
        objs = list(queryset)
        super().delete_queryset(request, queryset)
        self._refresh(objs)


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "vocabulary", "parent", "position", "organisation_count"]
    list_filter = ["vocabulary"]
    search_fields = ["name", "aliases", "parent__name"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_organisations=Count("organisations"))

    @admin.display(description=_("organisations"), ordering="_organisations")
    def organisation_count(self, obj):
        return obj._organisations

    def save_model(self, request, obj, form, change):
        """Profiles are found by their terms' names: re-index the profiles that use it."""
        super().save_model(request, obj, form, change)
        services.refresh_profiles(obj.organisations.values_list("pk", flat=True))


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_eu_official"]
    list_filter = ["is_eu_official"]
    search_fields = ["name", "code"]


@admin.register(Membership)
class MembershipAdmin(ProfilePartAdmin):
    profile_field = "network_id"
    list_display = ["member", "network", "since"]
    list_filter = ["network__kind"]
    search_fields = ["member__name", "network__name"]
    autocomplete_fields = ["network", "member"]
    list_select_related = ["member", "network"]


@admin.register(Contact)
class ContactAdmin(ProfilePartAdmin):
    list_display = ["name", "role", "organisation", "email", "phone"]
    search_fields = ["name", "email", "organisation__name"]
    list_filter = [country_in_use_filter("organisation__country")]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]


@admin.register(SocialLink)
class SocialLinkAdmin(ProfilePartAdmin):
    list_display = ["handle", "network", "organisation", "url"]
    list_filter = ["network"]
    search_fields = ["handle", "organisation__name"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]


def _field_label(name):
    try:
        return str(Organisation._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name
