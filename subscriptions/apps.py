from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = _("E-mail subscriptions")

    def ready(self):
        from eca_site.lib import registry

        from . import plugins

        registry.my_panels.register("subscriptions", plugins.subscription_panel, order=40)
