from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Cluster directory"

    def ready(self):
        from eca_site.lib.registry import DigestSection, demo_data, digest_sections
        from eca_site.lib.site_search import register

        from .demo import create_profiles
        from .plugins import digest_profiles
        from .views import search_provider

        register("organisations", "Cluster profiles", search_provider, order=10)
        demo_data.register("profiles", create_profiles, order=10)
        digest_sections.register(
            "profiles", DigestSection("profiles", "New cluster profiles", digest_profiles), order=10
        )
