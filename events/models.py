"""The events calendar: events organised by directory organisations."""

import datetime
import html
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from taggit.managers import TaggableManager

from directory.models import Language, Organisation, Term, Vocabulary
from eca_site.lib.history import SnapshotHistory
from eca_site.lib.models import TimeStampedModel
from eca_site.lib.sanitize import plain_text, sanitize_html
from eca_site.lib.text_search import TextSearchQuerySetMixin
from eca_site.lib.uploads import (
    IMAGE_TYPES,
    MAX_PICTURE_SIDE,
    RandomUploadTo,
    UploadValidator,
    prepare_for_storage,
)

# The taxonomy an event can be classified with: sectors, S3 areas and industrial ecosystems.
SECTOR_VOCABULARIES = [Vocabulary.SECTORAL_INDUSTRY, Vocabulary.CROSS_SECTORAL_INDUSTRY]
EVENT_VOCABULARIES = [
    *SECTOR_VOCABULARIES,
    Vocabulary.INDUSTRIAL_ECOSYSTEM,
    Vocabulary.S3_PRIORITY_AREA,
]

# Path segments under /events/ that an event slug must not take (they are other pages).
RESERVED_SLUGS = {"past", "calendar", "feed", "organisations"}


def validate_timezone(value):
    """An IANA time-zone name that zoneinfo knows, e.g. `Europe/Brussels`."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            gettext(
                "“%(value)s” is not a known time zone: use an IANA name such as Europe/Brussels."
            ),
            code="invalid_timezone",
            params={"value": value},
        ) from None


def local_midnight(day, tz=None):
    """The aware datetime at 00:00 of `day` in `tz` (default: the site's time zone)."""
    return datetime.datetime.combine(
        day, datetime.time.min, tzinfo=tz or timezone.get_current_timezone()
    )


class EventQuerySet(TextSearchQuerySetMixin, models.QuerySet):
    search_fields = ("title", "description", "venue", "city", "organiser__name")

    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        return self if user.is_staff else self.published()

    def upcoming(self, now=None):
        """Events that have not ended yet (ongoing ones included), soonest first."""
        return self.filter(end__gt=now or timezone.now()).order_by("start", "title")

    def past(self, now=None):
        """Events that have ended, most recent first."""
        return self.filter(end__lte=now or timezone.now()).order_by("-start", "title")

    def date_span(self):
        """(first day, last day) in Brussels time that these events cover, or (None, None):
        what bounds the calendar's and the profile's previous/next links."""
        span = self.aggregate(first=models.Min("start"), last=models.Max("end"))
        if span["first"] is None:
            return None, None
        return timezone.localdate(span["first"]), timezone.localdate(span["last"])

    def between(self, start, end):
        """Events overlapping the half-open interval [start, end) of aware datetimes."""
        return self.filter(start__lt=end, end__gt=start)

    def for_organisation(self, organisation):
        """Events `organisation` organises or co-organises (a subquery: no duplicates)."""
        co_organised = Event.co_organisers.through.objects.filter(organisation=organisation).values(
            "event_id"
        )
        return self.filter(Q(organiser=organisation) | Q(pk__in=co_organised))

    def for_organisations(self, organisations):
        """Events any of `organisations` (a queryset) organises or co-organises."""
        co_organised = Event.co_organisers.through.objects.filter(
            organisation__in=organisations
        ).values("event_id")
        return self.filter(Q(organiser__in=organisations) | Q(pk__in=co_organised))

    def organisers_q(self):
        """The condition on Organisation "organises or co-organises one of these events".

        Two uncorrelated `IN` subqueries rather than one EXISTS with an OR across the
        co-organiser join, which PostgreSQL ran once per profile (0.5 s with 10,000 profiles;
        now a few ms). The one place "organised or co-organised" is said for organisations.
        """
        co_organised = Event.co_organisers.through.objects.filter(event__in=self.order_by())
        return Q(pk__in=self.order_by().values("organiser_id")) | Q(
            pk__in=co_organised.values("organisation_id")
        )

    def for_calendar(self):
        """What grids, lists and feeds show: the organiser comes in the same query."""
        return self.select_related("organiser")


class Event(TimeStampedModel):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid (in person and online)")

    title = models.CharField(verbose_name=_("title"), max_length=255)
    slug = models.SlugField(verbose_name=_("slug"), max_length=120, unique=True)
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("The organisation that runs the event (optional)."),
    )
    co_organisers = models.ManyToManyField(
        Organisation,
        verbose_name=_("co organisers"),
        blank=True,
        related_name="co_organised_events",
    )
    description = models.TextField(
        verbose_name=_("description"), blank=True, help_text=_("HTML; sanitised when saved.")
    )
    description_html = models.TextField(
        verbose_name=_("description html"), blank=True, editable=False
    )
    start = models.DateTimeField(verbose_name=pgettext_lazy("event", "start"))
    end = models.DateTimeField(verbose_name=pgettext_lazy("event", "end"))
    all_day = models.BooleanField(
        _("all-day event"),
        default=False,
        help_text=_(
            "Times are ignored: the event covers every day from the start date to the "
            "end date, inclusive, at the venue."
        ),
    )
    timezone = models.CharField(
        _("time zone of the venue"),
        max_length=64,
        default="Europe/Brussels",
        validators=[validate_timezone],
        help_text=_("IANA name, e.g. Europe/Brussels or America/New_York."),
    )
    format = models.CharField(
        verbose_name=pgettext_lazy("event", "format"),
        max_length=16,
        choices=Format.choices,
        default=Format.IN_PERSON,
    )
    venue = models.CharField(
        verbose_name=_("venue"), max_length=255, blank=True, help_text=_("Name of the place.")
    )
    address = models.CharField(_("street address"), max_length=255, blank=True)
    city = models.CharField(verbose_name=_("city"), max_length=128, blank=True)
    country = CountryField(verbose_name=_("country"), blank=True)
    online_url = models.URLField(_("online URL"), blank=True, help_text=_("Where to join online."))
    registration_url = models.URLField(_("registration URL"), blank=True)
    language = models.ForeignKey(
        Language,
        verbose_name=_("language"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    terms = models.ManyToManyField(
        Term,
        blank=True,
        related_name="events",
        limit_choices_to={"vocabulary__in": EVENT_VOCABULARIES},
        verbose_name=_("sectors, S3 areas and ecosystems"),
    )
    tags = TaggableManager(_("keywords"), blank=True)
    image = models.ImageField(
        verbose_name=_("image"),
        upload_to=RandomUploadTo("events"),
        max_length=255,
        blank=True,
        validators=[UploadValidator("image")],
        help_text=_("PNG, JPEG or WebP; re-encoded to at most 1024 pixels, without metadata."),
    )
    is_published = models.BooleanField(_("published"), default=False)

    objects = EventQuerySet.as_manager()
    history = SnapshotHistory(snapshot_m2m=["terms"])

    class Meta:
        ordering = ["start", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["is_published", "start"]),
            models.Index(fields=["is_published", "end"]),
            models.Index(fields=["format"]),
            models.Index(fields=["country"]),
            models.Index(fields=["created"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="event_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.slug])

    def upload_folder(self):
        """Where its picture is stored (`events/<slug>/<random name>`)."""
        return self.slug or "new"

    def get_ics_url(self):
        return reverse("events:detail_ics", args=[self.slug])

    # ----- validation and derived fields ---------------------------------------------------
    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = gettext(
                "“%(slug)s” is reserved for another page; choose another slug."
            ) % {"slug": self.slug}
        if self.start and self.end:
            self.normalise_all_day()
            if self.end <= self.start:
                errors["end"] = (
                    gettext("The end must be on or after the start date.")
                    if self.all_day
                    else gettext("The end must be after the start.")
                )
        if self.format in (self.Format.ONLINE, self.Format.HYBRID) and not self.online_url:
            errors["online_url"] = gettext(
                "Online and hybrid events need the URL where people join."
            )
        if self.format in (self.Format.IN_PERSON, self.Format.HYBRID) and not (
            self.venue or self.city
        ):
            errors["venue"] = gettext("In-person and hybrid events need a venue or a city.")
        if errors:
            raise ValidationError(errors)

    def normalise_all_day(self):
        """All-day events run from 00:00 of the first day to 23:59:59 of the last, at the venue.

        Idempotent, so saving twice changes nothing. Timed events are left as they are.
        """
        if not self.all_day or not (self.start and self.end):
            return
        tz = self.venue_tz
        first = timezone.localtime(self.start, tz).date()
        last = max(timezone.localtime(self.end, tz).date(), first)
        self.start = local_midnight(first, tz)
        self.end = datetime.datetime.combine(last, datetime.time(23, 59, 59), tzinfo=tz)

    def save(self, *args, **kwargs):
        self.description_html = sanitize_html(self.description)
        self.normalise_all_day()
        prepare_for_storage(self.image, IMAGE_TYPES, max_side=MAX_PICTURE_SIDE)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "description_html", "start", "end"}
        super().save(*args, **kwargs)

    # ----- facts shown on pages and in feeds ------------------------------------------------
    @property
    def venue_tz(self):
        try:
            return zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    @property
    def first_day(self):
        """The first calendar day of the event: at the venue if all-day, else site time."""
        if self.all_day:
            return timezone.localtime(self.start, self.venue_tz).date()
        return timezone.localtime(self.start).date()

    @property
    def last_day(self):
        """The last day; a timed event ending at 00:00 ends on the day before."""
        if self.all_day:
            return timezone.localtime(self.end, self.venue_tz).date()
        last = timezone.localtime(self.end - datetime.timedelta(microseconds=1)).date()
        return max(last, self.first_day)

    @property
    def is_multi_day(self):
        return self.first_day != self.last_day

    @property
    def shows_venue_time(self):
        """True when the venue's clock differs from the site's (Brussels) at the start."""
        if self.all_day:
            return False
        venue_offset = timezone.localtime(self.start, self.venue_tz).utcoffset()
        return venue_offset != timezone.localtime(self.start).utcoffset()

    @property
    def is_online(self):
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)

    @property
    def is_in_person(self):
        return self.format in (self.Format.IN_PERSON, self.Format.HYBRID)

    @property
    def location_label(self):
        """`Venue, street, city, country`: the map-free address, parts that are set only."""
        parts = [self.venue, self.address, self.city, self.country.name if self.country else ""]
        return ", ".join(part for part in parts if part)

    @property
    def description_text(self):
        """The description as plain text, for feeds and structured data."""
        return html.unescape(strip_tags(self.description_html)).strip()

    def structured_data(self, absolute_uri):
        """schema.org `Event` as a dict; `absolute_uri(path)` makes links absolute."""
        attendance = {
            self.Format.IN_PERSON: "OfflineEventAttendanceMode",
            self.Format.ONLINE: "OnlineEventAttendanceMode",
            self.Format.HYBRID: "MixedEventAttendanceMode",
        }[self.Format(self.format)]
        if self.all_day:
            start, end = self.first_day.isoformat(), self.last_day.isoformat()
        else:
            tz = self.venue_tz
            start = timezone.localtime(self.start, tz).isoformat()
            end = timezone.localtime(self.end, tz).isoformat()
        locations = []
        if self.is_in_person:
            address = {"@type": "PostalAddress"}
            if self.address:
                address["streetAddress"] = self.address
            if self.city:
                address["addressLocality"] = self.city
            if self.country:
                address["addressCountry"] = self.country.code
            locations.append(
                {"@type": "Place", "name": self.venue or self.city, "address": address}
            )
        if self.is_online and self.online_url:
            locations.append({"@type": "VirtualLocation", "url": self.online_url})
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "url": absolute_uri(self.get_absolute_url()),
            "startDate": start,
            "endDate": end,
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": f"https://schema.org/{attendance}",
        }
        if locations:
            data["location"] = locations[0] if len(locations) == 1 else locations
        # One line, with list items and paragraphs kept apart ("use. Joint R&D").
        if description := plain_text(self.description_html):
            data["description"] = description
        if self.image:
            data["image"] = absolute_uri(self.image.url)
        if self.organiser_id:
            data["organizer"] = {"@type": "Organization", "name": self.organiser.name}
            if self.organiser.is_published:
                data["organizer"]["url"] = absolute_uri(self.organiser.get_absolute_url())
        if self.language_id:
            data["inLanguage"] = self.language.code
        if self.registration_url:
            data["offers"] = {"@type": "Offer", "url": self.registration_url}
        return data
