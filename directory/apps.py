from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Cluster directory"

    def ready(self):
        from eca_site.lib.site_search import register

        from . import signals  # noqa: F401 - connects the completeness receivers
        from .views import search_provider

        register("organisations", "Cluster profiles", search_provider, order=10)
