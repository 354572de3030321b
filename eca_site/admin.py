"""The admin site and shared ModelAdmin bases (imports no app)."""

from django.contrib import admin
from django.utils import timezone
from django.utils.decorators import method_decorator
from simple_history.utils import bulk_update_with_history

from eca_site.lib.ratelimit import ratelimit


class SiteAdmin(admin.AdminSite):
    """`admin.site`: titles, and a rate limit on login POSTs on top of django-axes' lockout."""

    site_header = "European Cluster Directory administration"
    site_title = "Cluster Directory admin"
    index_title = "Back office"

    @method_decorator(ratelimit("30/10m", key="admin-login"))
    def login(self, request, extra_context=None):
        return super().login(request, extra_context)


def has_history(model):
    return hasattr(model._meta, "simple_history_manager_attribute")


class PublishableAdmin(admin.ModelAdmin):
    """Adds publish / unpublish bulk actions for models with an `is_published` flag.

    The actions save through django-simple-history when the model keeps history, so a bulk
    (un)publish is versioned with who and when like any other edit.
    """

    actions = ["publish", "unpublish"]

    def _set_published(self, request, queryset, value):
        if not has_history(self.model):
            return queryset.update(is_published=value)
        changed = list(queryset.exclude(is_published=value))
        now = timezone.now()
        for obj in changed:
            obj.is_published = value
            obj.updated = now
        bulk_update_with_history(
            changed,
            self.model,
            ["is_published", "updated"],
            default_user=request.user,
            default_change_reason="published" if value else "unpublished",
        )
        return len(changed)

    @admin.action(description="Publish selected items")
    def publish(self, request, queryset):
        updated = self._set_published(request, queryset, True)
        self.message_user(request, f"{updated} item(s) published.")

    @admin.action(description="Unpublish selected items")
    def unpublish(self, request, queryset):
        updated = self._set_published(request, queryset, False)
        self.message_user(request, f"{updated} item(s) unpublished.")


class SuperuserDeleteAdmin(admin.ModelAdmin):
    """Only superusers may delete (after Django's confirmation page listing what goes with it);
    other staff unpublish instead."""

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)
