from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from eca_site.lib.admin import PublishableAdmin, country_in_use_filter
from eca_site.lib.slugs import unique_slug

from .forms import EventAdminForm
from .models import Event


class WhenFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming (not ended yet)")), ("past", _("Past"))]

    def queryset(self, request, queryset):
        if self.value() == "upcoming":
            return queryset.filter(end__gt=timezone.now())
        if self.value() == "past":
            return queryset.filter(end__lte=timezone.now())
        return queryset


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin, PublishableAdmin):
    form = EventAdminForm
    list_display = ["title", "start", "end", "organiser", "format", "country", "is_published"]
    list_filter = [
        WhenFilter,
        "is_published",
        "format",
        country_in_use_filter("country"),
        ("organiser", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "slug", "venue", "city", "organiser__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organiser", "co_organisers", "terms", "language"]
    list_select_related = ["organiser"]
    date_hierarchy = "start"
    ordering = ["-start"]
    readonly_fields = ["created", "updated"]
    actions = [*PublishableAdmin.actions, "duplicate"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "is_published", "organiser", "co_organisers"]}),
        (
            _("When"),
            {
                "fields": ["start", "end", "all_day", "timezone"],
                "description": _(
                    "Enter times as the venue's local time and pick the venue's "
                    "time zone; the site shows them in Brussels time, with the venue time too."
                ),
            },
        ),
        (
            _("Where"),
            {"fields": ["format", "venue", "address", "city", "country", "online_url"]},
        ),
        (
            _("Details"),
            {"fields": ["description", "registration_url", "language", "image", "terms", "tags"]},
        ),
        (
            pgettext_lazy("admin fieldset: when the row was created and updated", "Record"),
            {"fields": ["created", "updated"]},
        ),
    ]

    def get_changeform_initial_data(self, request):
        """Staff add events to show them: a new event starts published (untick to draft)."""
        return {"is_published": True, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not obj.is_published:
            messages.warning(
                request,
                gettext(
                    "“%(event)s” is saved but not published: it is not on the public site until "
                    "you tick “published”."
                )
                % {"event": obj},
            )

    @admin.action(description=_("Duplicate selected events (as unpublished copies)"))
    def duplicate(self, request, queryset):
        count = 0
        with transaction.atomic():
            for event in queryset.prefetch_related("co_organisers", "terms", "tags"):
                co_organisers = list(event.co_organisers.all())
                terms = list(event.terms.all())
                tags = [tag.name for tag in event.tags.all()]
                event.pk = None
                event._state.adding = True
                event.slug = unique_slug(Event, f"{event.slug[:110]}-copy")
                event.title = f"{event.title} (copy)"
                event.is_published = False
                event.save()
                event.co_organisers.set(co_organisers)
                event.terms.set(terms)
                event.tags.set(tags)
                count += 1
        message = ngettext(
            # Translators: the English keeps "event(s)" in both forms; give each plural its own.
            "%(count)d event(s) duplicated as unpublished copies.",
            "%(count)d event(s) duplicated as unpublished copies.",
            count,
        )
        self.message_user(request, message % {"count": count})
