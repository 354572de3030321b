import zoneinfo

from django.utils import timezone

from eca_site.lib.forms import SingleLineModelForm

from .models import Event


class EventAdminForm(SingleLineModelForm):
    """Start and end are typed and shown as the venue's wall clock, in its time zone.

    Form fields read datetimes in the active time zone (Brussels); `clean()` moves the same
    wall-clock time into the venue's zone, and editing shows the stored times back in it.
    """

    class Meta:
        model = Event
        fields = [
            "title", "slug", "is_published", "organiser", "co_organisers",
            "start", "end", "all_day", "timezone",
            "format", "venue", "address", "city", "country", "online_url",
            "description", "registration_url", "language", "image", "terms", "tags",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            tz = self.instance.venue_tz
            for name in ("start", "end"):
                # Naive values are rendered as they are (no conversion to Brussels).
                self.initial[name] = timezone.make_naive(getattr(self.instance, name), tz)

    def clean(self):
        cleaned = super().clean()
        try:
            venue_tz = zoneinfo.ZoneInfo(cleaned.get("timezone") or "")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return cleaned  # the model's validator reports the unknown time zone
        for field in ("start", "end"):
            value = cleaned.get(field)
            if value is not None:
                wall_clock = timezone.make_naive(value)  # as typed, in the active zone
                cleaned[field] = timezone.make_aware(wall_clock, venue_tz)
        return cleaned
