"""The admin site (`admin.site`); the ModelAdmin bases apps share are in eca_site/lib/admin.py."""

from django.contrib import admin
from django.utils.decorators import method_decorator

from eca_site.lib.ratelimit import ratelimit


class SiteAdmin(admin.AdminSite):
    """`admin.site`: titles, and a rate limit on login POSTs on top of django-axes' lockout."""

    site_header = "European Cluster Directory administration"
    site_title = "Cluster Directory admin"
    index_title = "Back office"

    @method_decorator(ratelimit("30/10m", key="admin-login"))
    def login(self, request, extra_context=None):
        return super().login(request, extra_context)
