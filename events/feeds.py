"""Feeds: iCalendar (RFC 5545) for calendar apps, RSS and Atom of newly added events."""

import datetime
import functools

import icalendar
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from eca_site.lib.feeds import tag_uri
from eca_site.lib.sanitize import text_as_html

from .models import Event

PRODID = "-//European Clusters Alliance//European Cluster Directory//EN"
# UIDs must stay the same for an event whatever host name served the feed.
UID_DOMAIN = "cluster-directory.clustersalliance.eu"
# How often subscribed calendar apps should refresh (RFC 7986 REFRESH-INTERVAL).
REFRESH_INTERVAL = datetime.timedelta(hours=6)
FEED_SIZE = 30


def event_uid(event):
    return f"event-{event.pk}@{UID_DOMAIN}"


def ical_event(event, absolute_uri, stamp):
    component = icalendar.Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", stamp)
    if event.all_day:
        # DATE values; DTEND is exclusive (RFC 5545 3.6.1), so the day after the last.
        component.add("dtstart", event.first_day)
        component.add("dtend", event.last_day + datetime.timedelta(days=1))
    else:
        tz = event.venue_tz
        component.add("dtstart", timezone.localtime(event.start, tz))
        component.add("dtend", timezone.localtime(event.end, tz))
    component.add("summary", event.title)
    description = event.description_text
    if event.organiser_id:
        # ORGANIZER needs an e-mail address (a CAL-ADDRESS), which the directory never publishes.
        organised_by = gettext("Organised by %(organiser)s.") % {"organiser": event.organiser.name}
        description = f"{organised_by}\n\n{description}".strip()
    if event.online_url:
        join = gettext("Join online: %(url)s") % {"url": event.online_url}
        description = f"{description}\n\n{join}".strip()
    if event.registration_url:
        register = gettext("Register: %(url)s") % {"url": event.registration_url}
        description = f"{description}\n\n{register}".strip()
    if description:
        component.add("description", description)
    if event.location_label or event.online_url:
        component.add("location", event.location_label or event.online_url)
    component.add("url", absolute_uri(event.get_absolute_url()))
    component.add("created", event.created.astimezone(datetime.UTC))
    component.add("last-modified", event.updated.astimezone(datetime.UTC))
    component.add("status", "CONFIRMED")
    component.add("class", "PUBLIC")
    component.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    return component


def build_calendar(events, name, absolute_uri):
    """An RFC 5545 VCALENDAR (bytes, CRLF line endings, folded at 75 octets)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")  # the same interval, for Outlook
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    years, tzids = set(), set()
    for event in events:
        cal.add_component(ical_event(event, absolute_uri, stamp))
        years.update((event.start.year, event.end.year))
        if not event.all_day:
            tzids.add(event.venue_tz.key)
    # One VTIMEZONE per TZID used, before the events that refer to it (RFC 5545 3.6.5).
    for tzid in sorted(tzids, reverse=True):
        cal.subcomponents.insert(0, vtimezone(tzid, min(years), max(years)))
    return cal.to_ical()


@functools.lru_cache(maxsize=256)
def vtimezone(tzid, first_year, last_year):
    """VTIMEZONE from the zoneinfo database, covering the events' years only.

    Cached: building one takes milliseconds, and all of 1970..2038 (icalendar's default)
    would add about 4 kB per time zone to every download. Never mutated once built.
    """
    return icalendar.Timezone.from_tzid(
        tzid,
        first_date=datetime.date(first_year - 1, 1, 1),
        last_date=datetime.date(last_year + 1, 12, 31),
    )


def ics_response(events, name, filename, absolute_uri, attachment=False):
    body = build_calendar(events, name, absolute_uri)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{slugify(filename)}.ics"'
    return response


class LatestEventsFeed(Feed):
    """RSS 2.0 of the most recently added published events."""

    description = _("Events newly added to the European cluster directory's calendar.")

    def title(self):
        return gettext("New events · %(site_name)s") % {"site_name": settings.SITE_NAME}

    def link(self):
        return reverse("events:list")

    def items(self):
        return Event.objects.published().for_calendar().order_by("-created")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Django's translated month names ("E": the form used with a day, e.g. Polish
        # "grudnia"), never strftime's, which Django does not translate.
        when = (
            date_format(item.first_day, "d E Y")
            if not item.is_multi_day
            else f"{date_format(item.first_day, 'd E Y')} \u2013 "
            f"{date_format(item.last_day, 'd E Y')}"
        )
        # The date and place are plain text (escaped); the description is the sanitised HTML.
        place = item.location_label or item.get_format_display()
        facts = "\n\n".join(part for part in [when, place] if part)
        return text_as_html(facts) + item.description_html

    def item_pubdate(self, item):
        return item.created

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        return item.organiser.name if item.organiser_id else None

    def item_categories(self, item):
        return [item.get_format_display()]

    def item_guid(self, item):
        return tag_uri("event", item)

    item_guid_is_permalink = False


class LatestEventsAtomFeed(LatestEventsFeed):
    feed_type = Atom1Feed
    subtitle = LatestEventsFeed.description
