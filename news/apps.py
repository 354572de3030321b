from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News, documents and best practices")

    def ready(self):
        from eca_site.lib import registry
        from eca_site.lib.site_search import register

        from . import plugins, signals  # noqa: F401 (signals connects the file clean-up)

        register("news", _("News"), plugins.news_search_provider, order=30)
        register("best-practices", _("Best practices"), plugins.best_practice_search_provider, 40)
        register("documents", _("Documents"), plugins.document_search_provider, order=50)
        registry.profile_sections.register(
            "news", plugins.news_section, order=20, cache_key=plugins.profile_section_cache_key
        )
        registry.profile_sections.register(
            "best-practices",
            plugins.best_practices_section,
            order=30,
            cache_key=plugins.profile_section_cache_key,
        )
        registry.my_panels.register("best-practices", plugins.best_practices_panel, order=20)
        registry.review_queues.register(
            "best-practices",
            registry.ReviewQueue(
                _("Best practices to moderate"),
                lambda: self.get_model("BestPractice").objects.awaiting_review(),
                since="submitted_at",
                list_query="status__exact=needs_review",
            ),
            order=30,
        )
        for order, (key, label, items) in enumerate(
            [
                ("news", _("News"), plugins.digest_news),
                ("documents", _("Documents"), plugins.digest_documents),
                ("best-practices", _("Best practices"), plugins.digest_best_practices),
            ]
        ):
            registry.digest_sections.register(
                key, registry.DigestSection(key, label, items), order=30 + order
            )
