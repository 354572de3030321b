"""Template tags other apps' templates use to show events (directory never imports events)."""

import datetime
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from events.grids import monday_of, parse_week_param, place_events, query_window
from events.models import Event

register = template.Library()

NEXT_EVENTS = 5
# The characters json_script escapes, so the data can never close its <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def week_days(day):
    """The seven dates Monday..Sunday of the ISO week containing `day`."""
    monday = monday_of(day)
    return [monday + datetime.timedelta(days=offset) for offset in range(7)]


def _week_param(day):
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@register.inclusion_tag("events/_organisation_week.html", takes_context=True)
def organisation_week(context, organisation):
    """The profile's "Upcoming events": one Monday..Sunday week and the next few events.

    The week is the current one, or the one named by `?week=2026-W48` on the profile URL
    (an invalid value is ignored). Two queries: the week's events and the next events.
    """
    request = context.get("request")
    today = timezone.localdate()
    monday = parse_week_param(request.GET.get("week")) if request else None
    monday = monday or monday_of(today)
    dates = week_days(monday)
    events = Event.objects.published().for_organisation(organisation)
    days = place_events(dates, events.between(*query_window(dates[0], dates[-1])), today)
    profile_url = organisation.get_absolute_url()
    year, week, _ = monday.isocalendar()
    return {
        "organisation": organisation,
        "days": days,
        "today": today,
        "is_current_week": monday == monday_of(today),
        "previous_url": f"{profile_url}?week={_week_param(monday - datetime.timedelta(7))}",
        "next_url": f"{profile_url}?week={_week_param(monday + datetime.timedelta(7))}",
        "current_url": profile_url,
        "calendar_url": reverse("events:week", kwargs={"year": year, "week": week}),
        "list_url": f"{reverse('events:list')}?organiser={organisation.pk}",
        "ics_url": reverse("events:organisation_ics", args=[organisation.slug]),
        "next_events": list(events.upcoming()[:NEXT_EVENTS]),
    }


@register.filter
def json_ld(value):
    """`value` as a schema.org JSON-LD block: a data block, never executed (CSP-neutral)."""
    data = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(data))
