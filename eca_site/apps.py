from django.apps import AppConfig


class EcaSiteConfig(AppConfig):
    name = "eca_site"
    verbose_name = "Site"

    def ready(self):
        from . import page_cache

        page_cache.connect_signals()
