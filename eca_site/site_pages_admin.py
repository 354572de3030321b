"""The admin of the site's own pages, imported by EcaSiteConfig.ready(): eca_site/admin.py
defines the admin site itself, so a ModelAdmin registered there would go to a site that is
replaced while it loads."""

from django.contrib import admin

from .models import SitePage


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin):
    """Terms of use, privacy notice, about and contact: staff edit the text; the version is
    what sign-up records as accepted."""

    list_display = ["title", "url", "version", "updated"]
    search_fields = ["title", "url", "content"]
    readonly_fields = ["created", "updated"]
