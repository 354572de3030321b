from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from eca_site.lib import registry
        from eca_site.lib.site_search import register

        from . import plugins
        from .demo import create_events

        register("events", _("Upcoming events"), plugins.search_provider, order=20)
        registry.profile_sections.register(
            "events", plugins.week_section, order=10, cache_key=plugins.week_section_cache_key
        )
        registry.directory_filters.register(
            "upcoming_events", plugins.UPCOMING_EVENTS_FILTER, order=10
        )
        registry.demo_data.register("events", create_events, order=20)
        registry.digest_sections.register(
            "events", registry.DigestSection("events", _("Events"), plugins.digest_events), order=20
        )
