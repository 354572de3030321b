from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class SiteAdminConfig(AdminConfig):
    """The Django admin, with `eca_site.admin.SiteAdmin` as the default `admin.site`."""

    default_site = "eca_site.admin.SiteAdmin"


class EcaSiteConfig(AppConfig):
    name = "eca_site"
    verbose_name = "Site"

    def ready(self):
        from . import page_cache

        page_cache.connect_signals()
