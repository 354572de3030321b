from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Cluster directory"

    def ready(self):
        from . import signals  # noqa: F401 - connects the completeness receivers
