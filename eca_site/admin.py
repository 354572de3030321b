"""Shared ModelAdmin bases and the admin site's titles (imports no app)."""

from django.contrib import admin

admin.site.site_header = "European Cluster Directory administration"
admin.site.site_title = "Cluster Directory admin"
admin.site.index_title = "Back office"


class PublishableAdmin(admin.ModelAdmin):
    """Adds publish / unpublish bulk actions for models with an `is_published` flag."""

    actions = ["publish", "unpublish"]

    @admin.action(description="Publish selected items")
    def publish(self, request, queryset):
        updated = queryset.update(is_published=True)
        self.message_user(request, f"{updated} item(s) published.")

    @admin.action(description="Unpublish selected items")
    def unpublish(self, request, queryset):
        updated = queryset.update(is_published=False)
        self.message_user(request, f"{updated} item(s) unpublished.")
