from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "News, documents and best practices"

    def ready(self):
        from . import signals  # noqa: F401 (connects the receivers)
