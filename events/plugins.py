"""What events contributes to pages of other apps (registered in apps.py): the profile's
"Upcoming events" section, the directory's "Has upcoming events" filter and the site search.
Directory never imports events: it asks eca_site.lib.registry."""

import datetime
from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from eca_site.lib.registry import DirectoryFilter
from eca_site.lib.site_search import SearchResult, queryset_group

from .grids import monday_of, navigation_bounds, parse_week_param, place_events, query_window
from .models import Event

NEXT_EVENTS = 5


def _week_param(day):
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_section_cache_key(request, organisation):
    """What the section shows depends on: the profile, the week asked for and today (events
    ending during the day drop out of "next events" within the cache's 10 minutes) and the
    language."""
    return (
        organisation.pk,
        request.GET.get("week", ""),
        timezone.localdate().isoformat(),
        get_language(),
    )


def week_section(request, organisation):
    """The profile's "Upcoming events": one Monday..Sunday week and the next few events.

    The week is the current one, or the one named by `?week=2026-W48` on the profile URL
    (an invalid value is ignored). Two queries: the week's events and the next events.
    """
    today = timezone.localdate()
    monday = parse_week_param(request.GET.get("week")) or monday_of(today)
    dates = [monday + datetime.timedelta(days=offset) for offset in range(7)]
    events = Event.objects.published().for_organisation(organisation)
    earliest, latest = navigation_bounds(events.date_span(), today, datetime.timedelta(days=7))
    days = place_events(dates, events.between(*query_window(dates[0], dates[-1])), today)
    profile_url = organisation.get_absolute_url()
    year, week, _ = monday.isocalendar()
    ctx = {
        "organisation": organisation,
        "days": days,
        "week_has_events": any(day.occurrences for day in days),
        "today": today,
        "is_current_week": monday == monday_of(today),
        # Links stop one week beyond the weeks with events (and this week): a finite crawl.
        "previous_url": f"{profile_url}?week={_week_param(monday - datetime.timedelta(7))}"
        if earliest <= monday - datetime.timedelta(7) <= latest
        else None,
        "next_url": f"{profile_url}?week={_week_param(monday + datetime.timedelta(7))}"
        if earliest <= monday + datetime.timedelta(7) <= latest
        else None,
        "current_url": profile_url,
        "calendar_url": reverse("events:week", kwargs={"year": year, "week": week}),
        "list_url": f"{reverse('events:list')}?{urlencode({'organiser': organisation.name})}",
        "ics_url": reverse("events:organisation_ics", args=[organisation.slug]),
        "next_events": list(events.upcoming()[:NEXT_EVENTS]),
    }
    return render_to_string("events/_organisation_week.html", ctx, request)


def has_upcoming_events(queryset):
    """Organisations organising or co-organising a published event that has not ended."""
    return queryset.filter(Event.objects.published().upcoming().organisers_q())


UPCOMING_EVENTS_FILTER = DirectoryFilter(
    "upcoming_events", _("Has upcoming events"), has_upcoming_events
)


def search_provider(request, q, limit):
    """Upcoming events in the site-wide search (/search/)."""
    found = Event.objects.published().upcoming().search(q).select_related("organiser")

    def to_result(event):
        when = date_format(timezone.localtime(event.start), "j E Y")
        place = event.city or event.get_format_display()
        return SearchResult(event.title, event.get_absolute_url(), f"{when} · {place}")

    more_url = f"{reverse('events:list')}?{urlencode({'q': q})}"
    return queryset_group(
        gettext("Upcoming events"), found.order_by("start"), limit, to_result, more_url
    )


def digest_events(since, until, choices):
    """Upcoming events first published in [since, until), soonest first (one query). When an
    event was published is the first of its history rows with the flag on."""
    from django.db.models import Min, OuterRef, Subquery

    from eca_site.lib.mail import absolute_url
    from eca_site.lib.registry import DIGEST_SECTION_LIMIT, DigestItem, narrow_to_choices

    first_published = (
        Event.history.filter(id=OuterRef("pk"), is_published=True)
        .order_by()
        .values("id")
        .annotate(first=Min("history_date"))
        .values("first")
    )
    events = (
        Event.objects.published()
        .filter(end__gt=until)
        .annotate(published_since=Subquery(first_published))
        .filter(published_since__gte=since, published_since__lt=until)
    )
    events = narrow_to_choices(events, choices).only(
        "title", "slug", "start", "all_day", "city", "country", "format"
    )
    return [
        DigestItem(
            title=event.title,
            url=absolute_url(event.get_absolute_url()),
            when=event.start,
            all_day=event.all_day,
            place=", ".join(p for p in [event.city, event.country.name] if p)
            or event.get_format_display(),
        )
        for event in events.order_by("start", "title")[:DIGEST_SECTION_LIMIT]
    ]
