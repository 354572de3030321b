"""Admin of accounts and self-service: consent records, invitations, and the profile changes
that wait for staff approval."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import services
from .models import AccountProfile, Invitation, ProfileChange


@admin.register(AccountProfile)
class AccountProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "email_verified_at", "terms_accepted_at", "terms_version", "created"]
    list_filter = [("email_verified_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__email", "user__first_name"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]
    readonly_fields = [
        "terms_accepted_at",
        "terms_version",
        "privacy_accepted_at",
        "privacy_version",
        "created",
    ]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "invited_by", "status", "created", "expires_at"]
    list_filter = ["status"]
    search_fields = ["email", "organisation__name", "invited_by__email"]
    list_select_related = ["organisation", "invited_by"]
    autocomplete_fields = ["organisation", "invited_by"]
    readonly_fields = ["token", "created", "decided_at"]
    date_hierarchy = "created"
    actions = ["revoke"]

    @admin.action(description=_("Revoke selected pending invitations"))
    def revoke(self, request, queryset):
        done = queryset.filter(status=Invitation.Status.PENDING).update(
            status=Invitation.Status.REVOKED
        )
        self.message_user(
            request,
            ngettext("%(count)d invitation(s) revoked.", "%(count)d invitation(s) revoked.", done)
            % {"count": done},
        )


@admin.register(ProfileChange)
class ProfileChangeAdmin(admin.ModelAdmin):
    """Changes of a published profile's name, country or type, waiting for staff. Everything
    else managers change goes live at once and is in the profile's history."""

    list_display = ["created", "organisation", "field_label", "diff", "user", "status"]
    list_filter = ["status", "field"]
    search_fields = ["organisation__name", "user__email", "label"]
    list_select_related = ["organisation", "user"]
    date_hierarchy = "created"
    ordering = ["created"]  # oldest first: the queue
    actions = ["approve", "reject"]
    fields = ["organisation", "user", "created", "label", "diff", "status", "decided_by"]
    readonly_fields = fields

    class Media:
        css = {"all": ["css/admin_review.css"]}

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("change"))
    def diff(self, obj):
        return format_html(
            '<del class="diff-old">{}</del> → <ins class="diff-new">{}</ins>',
            obj.old_display or gettext("(empty)"),
            obj.new_display or gettext("(empty)"),
        )

    @admin.display(description=_("label"), ordering="label")
    def field_label(self, obj):
        """The field's name in the staff member's language (stored in English)."""
        return gettext(obj.label)

    def _run(self, request, queryset, service):
        done = sum(
            1
            for change in queryset.select_related("organisation", "user")
            if service(change, request.user)
        )
        return done, queryset.count() - done

    @admin.action(description=_("Approve selected pending changes"))
    def approve(self, request, queryset):
        done, skipped = self._run(request, queryset, services.approve_change)
        self.message_user(
            request,
            gettext("%(done)d change(s) approved; %(skipped)d skipped.")
            % {"done": done, "skipped": skipped},
        )

    @admin.action(description=_("Reject selected pending changes"))
    def reject(self, request, queryset):
        done, skipped = self._run(request, queryset, services.reject_change)
        self.message_user(
            request,
            gettext("%(done)d change(s) rejected; %(skipped)d skipped.")
            % {"done": done, "skipped": skipped},
        )
