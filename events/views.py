import datetime

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext

from directory.access import get_visible_organisation
from directory.models import Organisation
from eca_site.lib import content_version

from . import grids
from .feeds import ics_response
from .filters import EventFilter
from .models import Event

PAGE_SIZE = 20
# The all-events iCalendar feed: everything still to come plus the recent past, capped.
ICS_PAST_DAYS = 90
ICS_LIMIT = 500


def get_visible_event(request, slug):
    """The event at `slug`; 404 when unpublished unless the user is staff."""
    queryset = Event.objects.visible_to(request.user).select_related("organiser", "language")
    return get_object_or_404(queryset, slug=slug)


def _filtered(request, queryset):
    return EventFilter(request.GET, queryset=queryset, request=request)


def _subscribe_query(request):
    """The list's query string without the page: the same filters as an iCalendar feed."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def event_list(request):
    f = _filtered(request, Event.objects.published().upcoming().for_calendar())
    page_obj = Paginator(f.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = {
        "filter": f,
        "page_obj": page_obj,
        "events": page_obj.object_list,
        "subscribe_query": _subscribe_query(request),
    }
    return render(request, "events/list.html", ctx)


def past(request):
    f = _filtered(request, Event.objects.published().past().for_calendar())
    page_obj = Paginator(f.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = {"filter": f, "page_obj": page_obj, "events": page_obj.object_list}
    return render(request, "events/past.html", ctx)


def calendar_today(request):
    today = timezone.localdate()
    return redirect("events:month", year=today.year, month=today.month)


def _grid_events(request, first_day, last_day):
    start, end = grids.query_window(first_day, last_day)
    return Event.objects.visible_to(request.user).between(start, end).for_calendar()


def month(request, year, month):
    try:
        weeks = grids.month_dates(year, month)
    except ValueError:
        raise Http404("No such month.") from None
    dates = [day for week in weeks for day in week]
    today = timezone.localdate()
    first = datetime.date(year, month, 1)
    # The grid and the agenda are rendered once per month, day, content version, audience
    # (staff also see unpublished events) and language; `days` is evaluated only when they
    # are rendered.
    fragment_key = (
        year,
        month,
        today,
        content_version.current(),
        request.user.is_staff,
        translation.get_language(),
    )
    days = SimpleLazyObject(
        lambda: grids.place_events(
            dates,
            _grid_events(request, dates[0], dates[-1]),
            today,
            period=lambda day: day.month == month,
        )
    )
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    earliest, latest = grids.navigation_bounds(_event_span(request), today, "month")
    ctx = {
        "first": first,
        "weeks": SimpleLazyObject(lambda: grids.chunk_weeks(days)),
        "agenda": SimpleLazyObject(lambda: grids.agenda(days)),
        "fragment_key": fragment_key,
        "previous": previous,
        "next": following,
        "today": today,
        "is_current": (year, month) == (today.year, today.month),
        # Links only within the bounds: no way further from a far-off month either.
        "has_previous": earliest <= previous <= latest and previous.year >= grids.MIN_YEAR,
        "has_next": earliest <= following <= latest and following.year <= grids.MAX_YEAR,
        "noindex": not earliest <= first <= latest,
    }
    return render(request, "events/month.html", ctx)


def _event_span(request):
    """(first day, last day) of the events the user may see, once per content version."""
    return content_version.cached(
        "event-span",
        request.user.is_staff,
        lambda: Event.objects.visible_to(request.user).date_span(),
    )


def week(request, year, week):
    try:
        dates = grids.week_dates(year, week)
    except ValueError:
        raise Http404("No such week.") from None
    today = timezone.localdate()
    days = grids.place_events(dates, _grid_events(request, dates[0], dates[-1]), today)
    previous = dates[0] - datetime.timedelta(days=7)
    following = dates[0] + datetime.timedelta(days=7)
    earliest, latest = grids.navigation_bounds(
        _event_span(request), today, datetime.timedelta(days=7)
    )
    ctx = {
        "year": year,
        "week": week,
        "period_label": gettext("week %(week)s of %(year)s") % {"week": week, "year": year},
        "days": days,
        "agenda": grids.agenda(days),
        "previous": previous.isocalendar(),
        "next": following.isocalendar(),
        "today": today,
        "is_current": dates[0] <= today <= dates[-1],
        "has_previous": earliest <= previous <= latest
        and previous.isocalendar().year >= grids.MIN_YEAR,
        "has_next": earliest <= following <= latest
        and following.isocalendar().year <= grids.MAX_YEAR,
        "noindex": not earliest <= dates[0] <= latest,
    }
    return render(request, "events/week.html", ctx)


def detail(request, slug):
    event = get_visible_event(request, slug)
    ctx = {
        "event": event,
        "co_organisers": event.co_organisers.all(),
        "terms": event.terms.all(),
        "structured_data": event.structured_data(request.build_absolute_uri),
    }
    return render(request, "events/detail.html", ctx)


def detail_ics(request, slug):
    event = get_visible_event(request, slug)
    return ics_response(
        [event], event.title, event.slug, request.build_absolute_uri, attachment=True
    )


def feed_ics(request):
    """All published events (upcoming and the last 90 days), or the list's filters applied."""
    since = timezone.now() - datetime.timedelta(days=ICS_PAST_DAYS)
    f = _filtered(request, Event.objects.published().upcoming(now=since).for_calendar())
    return ics_response(
        f.qs[:ICS_LIMIT], gettext("Cluster events"), "cluster-events", request.build_absolute_uri
    )


def organisation_ics(request, slug):
    organisation = get_visible_organisation(request.user, slug, Organisation.objects.only("name"))
    since = timezone.now() - datetime.timedelta(days=ICS_PAST_DAYS)
    events = (
        Event.objects.published()
        .for_organisation(organisation)
        .upcoming(now=since)
        .for_calendar()[:ICS_LIMIT]
    )
    return ics_response(
        events,
        gettext("Events: %(organisation)s") % {"organisation": organisation.name},
        f"{slug}-events",
        request.build_absolute_uri,
    )
