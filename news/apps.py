from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "News, documents and best practices"

    def ready(self):
        from eca_site.lib.site_search import register

        from . import signals  # noqa: F401 (connects the receivers)
        from .views import best_practice_search_provider, news_search_provider

        register("news", "News", news_search_provider, order=30)
        register("best-practices", "Best practices", best_practice_search_provider, order=40)
