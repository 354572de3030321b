from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Cluster directory"

    def ready(self):
        from eca_site.lib.registry import (
            DigestSection,
            ReviewQueue,
            demo_data,
            digest_sections,
            review_queues,
        )
        from eca_site.lib.site_search import register

        from .demo import create_profiles
        from .plugins import digest_profiles
        from .views import search_provider

        register("organisations", "Cluster profiles", search_provider, order=10)
        demo_data.register("profiles", create_profiles, order=10)
        review_queues.register(
            "profiles",
            ReviewQueue(
                "Profiles needing review",
                lambda: self.get_model("Organisation").objects.awaiting_review(),
                since="submitted_at",
                list_query="status__exact=needs_review",
            ),
            order=10,
        )
        digest_sections.register(
            "profiles", DigestSection("profiles", "New cluster profiles", digest_profiles), order=10
        )
