from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "News, documents and best practices"

    def ready(self):
        from eca_site.lib import registry
        from eca_site.lib.site_search import register

        from . import plugins, signals  # noqa: F401 (signals connects the file clean-up)

        register("news", "News", plugins.news_search_provider, order=30)
        register("best-practices", "Best practices", plugins.best_practice_search_provider, 40)
        register("documents", "Documents", plugins.document_search_provider, order=50)
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
                "Best practices to moderate",
                lambda: self.get_model("BestPractice").objects.awaiting_review(),
                since="submitted_at",
                list_query="status__exact=needs_review",
            ),
            order=30,
        )
        for order, (key, label, items) in enumerate(
            [
                ("news", "News", plugins.digest_news),
                ("documents", "Documents", plugins.digest_documents),
                ("best-practices", "Best practices", plugins.digest_best_practices),
            ]
        ):
            registry.digest_sections.register(
                key, registry.DigestSection(key, label, items), order=30 + order
            )
