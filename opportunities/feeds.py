"""RSS 2.0 and Atom 1.0 feeds of live opportunities and current calls, and iCalendar feeds of
their deadlines (RFC 5545)."""

import datetime

import icalendar
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Call, Opportunity

FEED_SIZE = 30
PRODID = "-//European Clusters Alliance//European Cluster Directory//EN"
UID_DOMAIN = "cluster-directory.clustersalliance.eu"
# The site's name in the visitor's language (its English is the catalogue's msgid).
SITE_NAME = _(settings.SITE_NAME)


def _closes(call):
    """ "Closes 16 February 2099, 17:00" in the call's own time zone."""
    return date_format(call.closes_local, "d F Y, H:i")


class OpportunityFeed(Feed):
    title = format_lazy("{} · {}", _("Cooperation opportunities"), SITE_NAME)
    link = reverse_lazy("opportunities:list")
    description = _(
        "Partner searches, technology offers and requests posted by cluster organisations."
    )

    def items(self):
        return Opportunity.objects.live().for_list().order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.kind.name}: {item.title}"

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        return item.organisation.name

    def item_guid(self, item):
        return f"opportunity-{item.pk}"

    item_guid_is_permalink = False


class OpportunityAtomFeed(OpportunityFeed):
    feed_type = Atom1Feed
    subtitle = OpportunityFeed.description


class CallFeed(Feed):
    title = format_lazy("{} · {}", _("Open calls"), SITE_NAME)
    link = reverse_lazy("opportunities:calls")
    description = _("Funding calls that cluster organisations can answer, with their deadlines.")

    def items(self):
        return Call.objects.published().current().for_list().order_by("-created")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.programme.name}: {item.title}"

    def item_description(self, item):
        return gettext("Closes %(when)s (%(timezone)s).") % {
            "when": _closes(item),
            "timezone": item.timezone,
        }

    def item_pubdate(self, item):
        return item.created

    def item_updateddate(self, item):
        return item.updated

    def item_guid(self, item):
        return f"call-{item.pk}"

    item_guid_is_permalink = False


class CallAtomFeed(CallFeed):
    feed_type = Atom1Feed
    subtitle = CallFeed.description


def _calendar(name):
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    return cal


def _utc(value):
    return value.astimezone(datetime.UTC).replace(microsecond=0)


def call_deadline(call, absolute_uri, stamp):
    """The closing moment, as a point in time (DTSTART without DTEND: RFC 5545 3.6.1), UTC."""
    event = icalendar.Event()
    event.add("uid", f"call-{call.pk}-deadline@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", _utc(call.closes_at))
    event.add(
        "summary",
        gettext("Deadline: %(title)s (%(programme)s)")
        % {"title": call.title, "programme": call.programme.name},
    )
    closes = gettext("Closes %(when)s %(timezone)s.") % {
        "when": _closes(call),
        "timezone": call.timezone,
    }
    event.add("description", f"{closes}\n\n{call.official_url}")
    event.add("url", absolute_uri(call.get_absolute_url()))
    event.add("last-modified", _utc(call.updated))
    event.add("transp", "TRANSPARENT")
    return event


def opportunity_deadline(opportunity, absolute_uri, stamp):
    """The answer-by day, as an all-day event (DATE values, exclusive DTEND)."""
    event = icalendar.Event()
    event.add("uid", f"opportunity-{opportunity.pk}-deadline@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", opportunity.deadline)
    event.add("dtend", opportunity.deadline + datetime.timedelta(days=1))
    event.add(
        "summary",
        gettext("Answer by: %(title)s (%(organisation)s)")
        % {"title": opportunity.title, "organisation": opportunity.organisation.name},
    )
    event.add("description", opportunity.summary)
    event.add("url", absolute_uri(opportunity.get_absolute_url()))
    event.add("last-modified", _utc(opportunity.updated))
    event.add("transp", "TRANSPARENT")
    return event


def deadlines_response(request, name, calls=(), opportunities=()):
    cal = _calendar(name)
    stamp = _utc(timezone.now())
    absolute_uri = request.build_absolute_uri
    for call in calls:
        cal.add_component(call_deadline(call, absolute_uri, stamp))
    for opportunity in opportunities:
        if opportunity.deadline:
            cal.add_component(opportunity_deadline(opportunity, absolute_uri, stamp))
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    return response
