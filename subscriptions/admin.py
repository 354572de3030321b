"""Staff view of subscriptions: counts by choice, the digest preview of any subscriber, and
suspending addresses (bounces, complaints)."""

from collections import Counter

from django.contrib import admin
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from eca_site.lib.registry import digest_sections

from . import services
from .digest import build_sections, render_digest, since_of
from .models import Subscription

# Subscription.status values, as staff read them.
STATUS_LABELS = {
    "active": pgettext_lazy("subscription status", "active"),
    "pending": pgettext_lazy("subscription status", "pending"),
    "unsubscribed": pgettext_lazy("subscription status", "unsubscribed"),
    "suspended": pgettext_lazy("subscription status", "suspended"),
}


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [(status, capfirst(label)) for status, label in STATUS_LABELS.items()]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "active":
            return queryset.active()
        if value == "pending":
            return queryset.filter(confirmed_at__isnull=True, suspended_at__isnull=True)
        if value == "unsubscribed":
            return queryset.filter(unsubscribed_at__isnull=False, suspended_at__isnull=True)
        if value == "suspended":
            return queryset.filter(suspended_at__isnull=False)
        return queryset


def choice_counts():
    """Active subscriptions by status, frequency, content type, country and term (4 queries;
    content types and countries are counted in Python from one column each)."""
    active = Subscription.objects.active()
    labels = {section.key: section.label for section in digest_sections}
    frequency_labels = dict(Subscription.Frequency.choices)
    types, by_country = Counter(), Counter()
    for content_types, codes in active.values_list("content_types", "countries"):
        types.update(content_types)
        by_country.update(code for code in str(codes or "").split(",") if code)
    by_term = (
        active.filter(terms__isnull=False)
        .values("terms__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "terms__name")[:20]
    )
    statuses = Counter(subscription.status for subscription in Subscription.objects.only(
        "confirmed_at", "unsubscribed_at", "suspended_at"
    ))  # fmt: skip
    frequencies = active.values_list("frequency").annotate(n=Count("pk")).order_by()
    return {
        "groups": [
            (
                gettext("Status (every subscription)"),
                [(STATUS_LABELS.get(s, s), n) for s, n in sorted(statuses.items())],
            ),
            (
                gettext("Frequency (active)"),
                [(frequency_labels.get(f, f), n) for f, n in frequencies],
            ),
            (
                gettext("Content (active)"),
                [(labels.get(key, key), n) for key, n in types.most_common()],
            ),
            (
                gettext("Country, top 20 (active; none chosen means all)"),
                [(countries.name(code), n) for code, n in by_country.most_common(20)],
            ),
            (
                gettext("Topic, top 20 (active)"),
                [(row["terms__name"], row["n"]) for row in by_term],
            ),
        ]
    }


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = [
        "email", "status_display", "frequency", "chosen", "preview_link", "consent_at",
        "last_digest_at", "suspended_reason",
    ]  # fmt: skip
    list_filter = [StatusFilter, "frequency", "consent_source", "suspended_reason"]
    search_fields = ["email"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["terms"]
    date_hierarchy = "requested_at"
    readonly_fields = [
        "requested_at", "confirmation_sent_at", "confirmed_at", "consent_at", "consent_source",
        "unsubscribed_at", "suspended_at", "last_digest_at", "last_digest_period",
    ]  # fmt: skip
    actions = ["suspend", "unsuspend"]
    change_list_template = "admin/subscriptions/subscription/change_list.html"

    @admin.display(description=_("status"))
    def status_display(self, obj):
        return STATUS_LABELS.get(obj.status, obj.status)

    @admin.display(description=_("content"))
    def chosen(self, obj):
        return ", ".join(obj.content_types)

    @admin.display(description=_("digest"))
    def preview_link(self, obj):
        url = reverse("admin:subscriptions_subscription_preview", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Preview"))

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("<int:pk>/preview/", preview, name="subscriptions_subscription_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk):
        """The HTML digest this subscriber would get now (nothing is sent or recorded)."""
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        subscription = get_object_or_404(Subscription, pk=pk)
        since, until = since_of(subscription), timezone.now()
        sections = build_sections(subscription, since, until)
        if not sections:
            return HttpResponse(
                format_html(
                    "<!doctype html><title>{}</title><h1>{}</h1><p>{}</p>",
                    gettext("No digest"),
                    gettext("No digest for %(email)s") % {"email": subscription.email},
                    gettext("Nothing published since the last digest matches the choices."),
                )
            )
        _subject, _text, html = render_digest(subscription, sections, since, until)
        return HttpResponse(html)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "counts": choice_counts()}
        return super().changelist_view(request, extra_context)

    @admin.action(description=_("Suspend (bounces or complaints): send nothing more"))
    def suspend(self, request, queryset):
        count = services.suspend(queryset, Subscription.SuspendReason.STAFF)
        message = ngettext(
            "%(count)s subscription(s) suspended.", "%(count)s subscription(s) suspended.", count
        )
        self.message_user(request, message % {"count": count})

    @admin.action(description=_("Lift the suspension"))
    def unsuspend(self, request, queryset):
        count = services.unsuspend(queryset)
        message = ngettext(
            "%(count)s subscription(s) no longer suspended.",
            "%(count)s subscription(s) no longer suspended.",
            count,
        )
        self.message_user(request, message % {"count": count})
