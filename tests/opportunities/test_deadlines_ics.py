"""/calls/deadlines.ics and /opportunities/deadlines.ics parse with icalendar, follow the
list's filters and leave out what the list leaves out."""

import datetime

import icalendar
import pytest
from django.urls import reverse

from opportunities.models import Programme
from tests.factories import make_call, make_opportunity

pytestmark = pytest.mark.django_db


def _events(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return calendar.walk("VEVENT")


def test_call_deadlines_parse_and_are_the_closing_moments(anon):
    closes = datetime.datetime(2099, 2, 16, 15, 0, tzinfo=datetime.UTC)
    call = make_call(title="Hydrogen", closes_at=closes, timezone="Europe/Helsinki")
    make_call(title="Hidden", is_published=False)
    make_call(
        title="Closed",
        opens_at=closes.replace(year=2020),
        closes_at=closes.replace(year=2021),
    )
    events = _events(anon.get(reverse("opportunities:call_deadlines_ics")))
    assert [str(e["summary"]) for e in events] == [f"Deadline: Hydrogen ({call.programme.name})"]
    assert events[0].decoded("dtstart") == closes
    assert events[0]["url"] == f"http://testserver{call.get_absolute_url()}"


def test_call_deadlines_follow_the_filters(anon):
    make_call(title="Horizon call", programme=Programme.objects.get(slug="horizon-europe"))
    make_call(title="Interreg call", programme=Programme.objects.get(slug="interreg"))
    r = anon.get(reverse("opportunities:call_deadlines_ics"), {"programme": "interreg"})
    assert [str(e["summary"]) for e in _events(r)] == ["Deadline: Interreg call (Interreg)"]


def test_opportunity_deadlines_are_all_day_events(anon):
    deadline = datetime.date.today() + datetime.timedelta(days=10)
    opportunity = make_opportunity(title="Robots", deadline=deadline)
    make_opportunity(title="No deadline")
    make_opportunity(title="Draft", deadline=deadline, status="draft")
    events = _events(anon.get(reverse("opportunities:deadlines_ics")))
    assert len(events) == 1
    assert events[0].decoded("dtstart") == deadline
    assert events[0].decoded("dtend") == deadline + datetime.timedelta(days=1)
    assert opportunity.organisation.name in str(events[0]["summary"])


def test_bad_filter_values_still_give_a_calendar(anon):
    r = anon.get(reverse("opportunities:call_deadlines_ics"), {"programme": "nope", "status": "x"})
    assert r.status_code == 200
    _events(r)
