from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from eca_site.admin import PublishableAdmin, SuperuserDeleteAdmin

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
    list_display = ["name", "kind", "country", "region", "completeness_column", "is_published"]
    list_filter = ["is_published", "kind", "country", "excellence_label"]
    search_fields = ["name", "short_name", "slug", "city", "region"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["terms", "languages", "managers"]
    list_select_related = False  # no foreign keys in list_display
    date_hierarchy = "created"
    readonly_fields = ["completeness", "created", "updated"]
    inlines = [ContactInline, SocialLinkInline, MembershipInline]
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
        ("Record", {"fields": ["completeness", "created", "updated"]}),
    ]

    @admin.display(description="completeness", ordering="completeness")
    def completeness_column(self, obj):
        return f"{obj.completeness}%"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_completeness()


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
