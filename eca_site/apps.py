from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class SiteAdminConfig(AdminConfig):
    """The Django admin, with `eca_site.admin.SiteAdmin` as the default `admin.site`."""

    default_site = "eca_site.admin.SiteAdmin"


class EcaSiteConfig(AppConfig):
    name = "eca_site"
    verbose_name = _("Site")

    def ready(self):
        from dbbackup.signals import post_restore
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import (
            checks,  # noqa: F401 - registers the deploy checks
            queue_admin,  # noqa: F401 - registers the outgoing e-mail's admin
            site_pages_admin,  # noqa: F401 - registers SitePageAdmin
        )
        from .lib.backup import clear_caches
        from .lib.content_version import on_write

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(on_write, dispatch_uid=f"content_version_{id(signal)}")
        # A restore, also `manage.py dbrestore` run by hand, leaves no stale cached page.
        post_restore.connect(clear_caches, dispatch_uid="clear_caches_after_restore")
