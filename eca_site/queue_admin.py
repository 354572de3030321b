"""Admin of the outgoing e-mail (issue 17). Imported by `EcaSiteConfig.ready()`: `eca_site/admin.py`
defines the admin site itself and is imported while that site is being set up, too early to
register models."""

from datetime import timedelta
from functools import partial

from django.contrib import admin
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from eca_site.lib.healthz import task_queue
from eca_site.lib.mail import enqueue_delivery
from eca_site.lib.models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """Every message the site sent or is sending: what waits, what failed and why, and a
    "Send again" action for messages given up on."""

    list_display = ["subject", "recipients", "status", "attempts", "created", "sent_at"]
    list_filter = ["status", "created"]
    search_fields = ["subject", "key"]
    date_hierarchy = "created"
    readonly_fields = [field.name for field in OutgoingMail._meta.fields]
    actions = ["send_again"]
    change_list_template = "admin/eca_site/outgoingmail/change_list.html"

    def changelist_view(self, request, extra_context=None):
        """Above the list: the queue (waiting tasks, the oldest one's age, tasks failed in the
        last day) and the messages waiting, retried and given up on."""
        from django_tasks_db.models import DBTaskResult

        mail = OutgoingMail.objects
        queue = {
            "tasks": task_queue(),
            "failed_tasks": DBTaskResult.objects.failed()
            .filter(finished_at__gte=timezone.now() - timedelta(days=1))
            .count(),
            "waiting": mail.filter(status=OutgoingMail.Status.PENDING).count(),
            "retried": mail.filter(attempts__gt=1).count(),
            "failed": mail.filter(status=OutgoingMail.Status.FAILED).count(),
        }
        return super().changelist_view(request, {**(extra_context or {}), "queue": queue})

    @admin.display(description=pgettext_lazy("e-mail recipients", "To"))
    def recipients(self, obj):
        return ", ".join(obj.to)

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send again (failed or waiting messages)"))
    def send_again(self, request, queryset):
        waiting = queryset.exclude(status=OutgoingMail.Status.SENT)
        ids = list(waiting.values_list("pk", flat=True))
        waiting.update(status=OutgoingMail.Status.PENDING, attempts=0, next_attempt_at=None)
        for mail_id in ids:
            transaction.on_commit(partial(enqueue_delivery, mail_id), robust=True)
        self.message_user(
            request,
            ngettext(
                "%(count)d message(s) enqueued again.",
                "%(count)d message(s) enqueued again.",
                len(ids),
            )
            % {"count": len(ids)},
        )
