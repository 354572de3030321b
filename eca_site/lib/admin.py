"""ModelAdmin bases shared by the apps' admins (imports no app)."""

from django.contrib import admin
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from . import content_version


def has_history(model):
    return hasattr(model._meta, "simple_history_manager_attribute")


class PublishableAdmin(admin.ModelAdmin):
    """Publish / unpublish bulk actions for staff-kept content with an `is_published` flag
    (events, news, documents: no review workflow).

    The actions save through django-simple-history when the model keeps history, so a bulk
    (un)publish is versioned with who and when like any other edit.
    """

    actions = ["publish", "unpublish"]

    def _set_published(self, request, queryset, value):
        changed = list(queryset.exclude(is_published=value))
        if not changed:
            return 0
        now = timezone.now()
        for obj in changed:
            obj.is_published = value
            obj.updated = now
        if has_history(self.model):
            bulk_update_with_history(
                changed,
                self.model,
                ["is_published", "updated"],
                default_user=request.user,
                default_change_reason="published" if value else "unpublished",
            )
        else:
            self.model._default_manager.bulk_update(changed, ["is_published", "updated"])
        content_version.changed()  # bulk writes send no signals
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
    other staff withdraw or unpublish instead."""

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)
