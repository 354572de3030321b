from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and self-service")

    def ready(self):
        from eca_site.lib.registry import ReviewQueue, review_queues

        review_queues.register(
            "profile-changes",
            ReviewQueue(
                _("Profile changes waiting for approval"),
                lambda: (
                    self.get_model("ProfileChange").objects.pending().select_related("organisation")
                ),
                since="created",
                list_query="status__exact=pending",
            ),
            order=20,
        )
