"""The admin site (`admin.site`); the ModelAdmin bases apps share are in eca_site/lib/admin.py."""

from django.contrib import admin
from django.db.models import F
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from eca_site.lib.forms import SingleLineFormMixin
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


def single_line_form(form):
    """`form` with SingleLineFormMixin (control characters out of single-line fields)."""
    if issubclass(form, SingleLineFormMixin):
        return form
    return type(form.__name__, (SingleLineFormMixin, form), {"__module__": form.__module__})


class SiteAdmin(admin.AdminSite):
    """`admin.site`: titles, and a rate limit on login POSTs on top of django-axes' lockout."""

    site_header = _("European Cluster Directory administration")
    site_title = _("Cluster Directory admin")
    index_title = _("Back office")

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every model admin's form and inline forms strip control characters from single-line
        fields, like every other form of the site (issue 12, bug 1)."""
        admin_class = admin_class or admin.ModelAdmin
        options["form"] = single_line_form(options.get("form", admin_class.form))
        options["inlines"] = [
            type(inline.__name__, (inline,), {"form": single_line_form(inline.form)})
            for inline in options.get("inlines", admin_class.inlines)
        ]
        super().register(model_or_iterable, admin_class, **options)

    def index(self, request, extra_context=None):
        """The index opens on the review desk: what waits for staff, oldest first."""
        context = {"review_desk": review_desk(request), **(extra_context or {})}
        return super().index(request, context)

    @method_decorator(ratelimit("30/10m", key="admin-login"))
    def login(self, request, extra_context=None):
        return super().login(request, extra_context)
