from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Cluster directory")

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

        register("organisations", _("Cluster profiles"), search_provider, order=10)
        demo_data.register("profiles", create_profiles, order=10)
        review_queues.register(
            "profiles",
            ReviewQueue(
                _("Profiles needing review"),
                lambda: self.get_model("Organisation").objects.awaiting_review(),
                since="submitted_at",
                list_query="status__exact=needs_review",
            ),
            order=10,
        )
        digest_sections.register(
            "profiles",
            DigestSection("profiles", _("New cluster profiles"), digest_profiles),
            order=10,
        )
