from django.contrib.admin.apps import AdminConfig


class SiteAdminConfig(AdminConfig):
    """The Django admin, with `eca_site.admin.SiteAdmin` as the default `admin.site`."""

    default_site = "eca_site.admin.SiteAdmin"
