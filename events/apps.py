from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"

    def ready(self):
        from eca_site.lib.site_search import register

        from .views import search_provider

        register("events", "Upcoming events", search_provider, order=20)
