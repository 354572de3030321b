"""The admin site (`admin.site`); the ModelAdmin bases apps share are in eca_site/lib/admin.py."""

from django.contrib import admin
from django.db.models import F
from django.urls import reverse
from django.utils.decorators import method_decorator

from eca_site.lib.ratelimit import ratelimit
from eca_site.lib.registry import review_queues

DESK_ITEMS = 5  # the oldest items listed per queue; the count and link cover the rest


def review_desk(request):
    """[{label, count, url, items: [(title, url, since)]}] of the registered review queues the
    user may view, each oldest first (two queries per queue)."""
    rows = []
    for queue in review_queues:
        waiting = queue.waiting()
        opts = waiting.model._meta
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        change = f"admin:{opts.app_label}_{opts.model_name}_change"
        oldest = waiting.order_by(F(queue.since).asc(nulls_first=True), "pk")[:DESK_ITEMS]
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        rows.append(
            {
                "label": queue.label,
                "count": waiting.count(),
                "url": f"{url}?{queue.list_query}" if queue.list_query else url,
                "items": [
                    (str(obj), reverse(change, args=[obj.pk]), getattr(obj, queue.since))
                    for obj in oldest
                ],
            }
        )
    return rows


class SiteAdmin(admin.AdminSite):
    """`admin.site`: titles, and a rate limit on login POSTs on top of django-axes' lockout."""

    site_header = "European Cluster Directory administration"
    site_title = "Cluster Directory admin"
    index_title = "Back office"

    def index(self, request, extra_context=None):
        """The index opens on the review desk: what waits for staff, oldest first."""
        context = {"review_desk": review_desk(request), **(extra_context or {})}
        return super().index(request, context)

    @method_decorator(ratelimit("30/10m", key="admin-login"))
    def login(self, request, extra_context=None):
        return super().login(request, extra_context)
