"""Admin for the self-service records: accounts' consent and the profile change log."""

import difflib

from django.contrib import admin
from django.utils.html import format_html

from . import services
from .models import AccountProfile, ProfileChange


def render_diff(change):
    """Old and new value of a ProfileChange as a small HTML diff."""
    old, new = change.old_display, change.new_display
    if "\n" not in old + new and len(old) + len(new) < 200:
        return format_html(
            '<del class="diff-old">{}</del> → <ins class="diff-new">{}</ins>',
            old or "(empty)",
            new or "(empty)",
        )
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=1)
    return format_html("<pre>{}</pre>", "\n".join(list(lines)[2:]))


@admin.register(AccountProfile)
class AccountProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "email_verified_at", "terms_accepted_at", "created"]
    list_filter = [("email_verified_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__email", "user__first_name"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]
    readonly_fields = ["terms_accepted_at", "privacy_accepted_at", "created"]


@admin.register(ProfileChange)
class ProfileChangeAdmin(admin.ModelAdmin):
    list_display = ["created", "organisation", "label", "diff", "user", "status"]
    list_filter = ["status", "field"]
    search_fields = ["organisation__name", "user__email", "label"]
    list_select_related = ["organisation", "user"]
    date_hierarchy = "created"
    actions = ["approve", "reject", "revert"]
    fields = ["organisation", "user", "created", "label", "diff", "status", "decided_by"]
    readonly_fields = fields

    class Media:
        css = {"all": ["css/admin_review.css"]}

    def has_add_permission(self, request):
        return False

    @admin.display(description="change")
    def diff(self, obj):
        return render_diff(obj)

    def _run(self, request, queryset, service, verb):
        done = sum(
            1
            for change in queryset.select_related("organisation", "user")
            if service(change, request.user)
        )
        self.message_user(request, f"{done} change(s) {verb}; {queryset.count() - done} skipped.")

    @admin.action(description="Approve selected pending changes")
    def approve(self, request, queryset):
        self._run(request, queryset, services.approve_change, "approved")

    @admin.action(description="Reject selected pending changes")
    def reject(self, request, queryset):
        self._run(request, queryset, services.reject_change, "rejected")

    @admin.action(description="Revert selected live changes (restore the old value)")
    def revert(self, request, queryset):
        self._run(request, queryset, services.revert_change, "reverted")
