"""Template tags other apps' templates use to show events (directory never imports events)."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


def week_days(day):
    """The seven dates Monday..Sunday of the ISO week containing `day`."""
    monday = day - datetime.timedelta(days=day.weekday())
    return [monday + datetime.timedelta(days=offset) for offset in range(7)]


@register.inclusion_tag("events/_organisation_week.html", takes_context=True)
def organisation_week(context, organisation):
    """The profile's "Upcoming events" strip: Monday..Sunday of the current week.

    The events model arrives with the events issue; until then every day is empty.
    """
    today = timezone.localdate()
    days = [{"date": day, "is_today": day == today, "events": []} for day in week_days(today)]
    return {"organisation": organisation, "days": days, "today": today}
