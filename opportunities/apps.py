from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    name = "opportunities"
    verbose_name = _("Cooperation opportunities and open calls")

    def ready(self):
        from eca_site.lib import registry
        from eca_site.lib.site_search import register

        from . import plugins
        from .demo import create_opportunities, delete_previous

        register("opportunities", _("Cooperation opportunities"), plugins.opportunity_search, 50)
        register("calls", _("Open calls"), plugins.call_search, order=55)
        registry.profile_sections.register("opportunities", plugins.opportunities_section, 40)
        registry.my_panels.register("opportunities", plugins.my_opportunities_panel, order=15)
        # Its demo rows go before the profiles step replaces the demo profiles they belong to.
        registry.demo_data.register("opportunities-cleanup", delete_previous, order=5)
        registry.demo_data.register("opportunities", create_opportunities, order=40)
        registry.review_queues.register(
            "opportunities",
            registry.ReviewQueue(
                _("Opportunities to review"),
                lambda: self.get_model("Opportunity").objects.awaiting_review(),
                since="submitted_at",
                list_query="status__exact=needs_review",
            ),
            order=40,
        )
        daily = ("weekly", "daily")
        registry.digest_sections.register(
            "opportunities",
            registry.DigestSection(
                "opportunities",
                _("Cooperation opportunities"),
                plugins.digest_opportunities,
                daily,
            ),
            order=60,
        )
        registry.digest_sections.register(
            "calls-closing-soon",
            registry.DigestSection(
                "calls-closing-soon",
                _("Calls closing soon"),
                plugins.digest_calls_closing_soon,
                daily,
            ),
            order=70,
        )
