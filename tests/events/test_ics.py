import datetime
import re

import icalendar
import pytest
import time_machine
from django.urls import reverse

from events.models import Event
from tests.factories import at, make_event, make_organisation

pytestmark = pytest.mark.django_db

FEED = reverse("events:feed_ics")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(at(2026, 3, 10, 12), tick=False):
        yield


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(response):
    return parse(response).walk("VEVENT")


def test_single_event_round_trips_start_end_summary_and_uid(anon):
    event = make_event(
        title="Smart grids workshop",
        slug="smart-grids",
        start=at(2026, 4, 14, 9, 30),
        end=at(2026, 4, 14, 12),
    )
    response = anon.get(event.get_ics_url())
    assert response["Content-Disposition"] == 'attachment; filename="smart-grids.ics"'
    (component,) = vevents(response)
    assert str(component["SUMMARY"]) == "Smart grids workshop"
    assert str(component["UID"]) == f"event-{event.pk}@cluster-directory.clustersalliance.eu"
    assert component.start == event.start
    assert component.end == event.end
    assert component.start.tzinfo.key == "Europe/Brussels"
    assert str(component["URL"]) == "http://testserver/events/smart-grids/"
    assert str(component["LOCATION"]) == "Cluster House, Brussels, Belgium"


def test_event_times_carry_the_venue_tzid_with_a_matching_vtimezone(anon):
    event = make_event(
        timezone="America/New_York",
        start=at(2026, 4, 14, 9, tz="America/New_York"),
        end=at(2026, 4, 14, 10, tz="America/New_York"),
    )
    response = anon.get(event.get_ics_url())
    body = response.content.decode()
    assert "DTSTART;TZID=America/New_York:20260414T090000\r\n" in body
    calendar = parse(response)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    (component,) = calendar.walk("VEVENT")
    assert component.start == at(2026, 4, 14, 15)  # the same instant as 15:00 in Brussels


def test_dst_weekend_event_keeps_its_wall_clock_time_and_both_offsets(anon):
    event = make_event(start=at(2026, 10, 25, 9), end=at(2026, 10, 25, 10))
    response = anon.get(event.get_ics_url())
    body = response.content.decode()
    assert "DTSTART;TZID=Europe/Brussels:20261025T090000\r\n" in body
    (vtimezone,) = parse(response).walk("VTIMEZONE")
    kinds = {component.name for component in vtimezone.subcomponents}
    assert kinds == {"STANDARD", "DAYLIGHT"}
    assert vevents(anon.get(event.get_ics_url()))[0].start.utcoffset() == datetime.timedelta(
        hours=1
    )


def test_all_day_events_use_date_values_with_an_exclusive_end(anon):
    event = make_event(all_day=True, start=at(2026, 5, 1), end=at(2026, 5, 3))
    response = anon.get(event.get_ics_url())
    body = response.content.decode()
    assert "DTSTART;VALUE=DATE:20260501\r\n" in body
    assert "DTEND;VALUE=DATE:20260504\r\n" in body
    (component,) = vevents(response)
    assert component.start == datetime.date(2026, 5, 1)
    assert component.end == datetime.date(2026, 5, 4)


def test_calendar_follows_rfc_5545_basics(anon):
    event = make_event(
        title="A very long title " * 8,
        description="<p>" + "Cluster cooperation across borders, sectors and value chains. " * 6,
    )
    raw = anon.get(event.get_ics_url()).content
    body = raw.decode()
    lines = body.split("\r\n")
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")  # every line ends with CRLF
    assert "VERSION:2.0" in lines
    assert "PRODID:-//European Clusters Alliance//European Cluster Directory//EN" in lines
    assert "METHOD:PUBLISH" in lines
    # Lines are folded at 75 octets; continuation lines start with one space.
    assert max(len(line.encode()) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)
    (component,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(component["SUMMARY"]) == event.title  # unfolded intact
    assert "Cluster cooperation across borders" in str(component["DESCRIPTION"])


def test_dtstamp_is_utc_and_required_properties_are_present(anon):
    (component,) = vevents(anon.get(make_event().get_ics_url()))
    assert component["DTSTAMP"].dt == datetime.datetime(2026, 3, 10, 11, 0, tzinfo=datetime.UTC)
    for name in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"]:
        assert name in component
    raw = anon.get(make_event().get_ics_url()).content.decode()
    assert re.search(r"^DTSTAMP:\d{8}T\d{6}Z\r$", raw, re.M)


def test_all_events_feed_has_published_upcoming_and_recent_events_only(anon):
    make_event(title="Soon", start=at(2026, 3, 20, 9))
    make_event(title="Last month", start=at(2026, 2, 10, 9))
    make_event(title="Long ago", start=at(2025, 6, 1, 9))
    make_event(title="Draft", start=at(2026, 3, 21, 9), is_published=False)
    response = anon.get(FEED)
    assert response["Content-Disposition"] == 'inline; filename="cluster-events.ics"'
    assert sorted(str(c["SUMMARY"]) for c in vevents(response)) == ["Last month", "Soon"]
    assert str(parse(anon.get(FEED))["X-WR-CALNAME"]) == "Cluster events"


def test_filtered_feed_uses_the_list_query_string(anon):
    make_event(title="Belgian", country="BE")
    make_event(title="French", country="FR", city="Lille")
    make_event(
        title="Online",
        country="",
        format=Event.Format.ONLINE,
        online_url="https://meet.example.org/x",
    )
    assert [str(c["SUMMARY"]) for c in vevents(anon.get(FEED, {"country": "FR"}))] == ["French"]
    assert [str(c["SUMMARY"]) for c in vevents(anon.get(FEED, {"format": "online"}))] == ["Online"]
    # Invalid filters are ignored rather than failing the subscription.
    assert len(vevents(anon.get(FEED, {"country": "XX"}))) == 3


def test_organisation_feed_includes_organised_and_co_organised_events(anon):
    organisation = make_organisation(slug="go-cluster")
    make_event(title="Own", organiser=organisation)
    make_event(title="Shared", co_organisers=[organisation])
    make_event(title="Someone else's")
    make_event(title="Own draft", organiser=organisation, is_published=False)
    url = reverse("events:organisation_ics", args=["go-cluster"])
    assert url == "/events/organisations/go-cluster/feed.ics"
    assert sorted(str(c["SUMMARY"]) for c in vevents(anon.get(url))) == ["Own", "Shared"]


def test_organisation_feed_of_unpublished_organisation_is_404(anon):
    hidden = make_organisation(status="withdrawn")
    assert anon.get(reverse("events:organisation_ics", args=[hidden.slug])).status_code == 404


def test_empty_feed_is_still_a_valid_calendar(anon):
    calendar = parse(anon.get(FEED))
    assert calendar.walk("VEVENT") == []
    assert str(calendar["VERSION"]) == "2.0"


@pytest.mark.parametrize("events", [1, 30])
def test_feed_query_count_does_not_grow_with_events(events, anon, django_assert_num_queries):
    organisation = make_organisation()
    for n in range(events):
        make_event(start=at(2026, 4, 1, 9) + datetime.timedelta(days=n), organiser=organisation)
    with django_assert_num_queries(1):  # events with their organisers
        response = anon.get(FEED)
    assert len(vevents(response)) == events


def test_uids_are_stable_between_downloads(anon):
    make_event()
    first = [str(c["UID"]) for c in vevents(anon.get(FEED))]
    second = [str(c["UID"]) for c in vevents(anon.get(FEED))]
    assert first == second


def test_feed_has_one_vtimezone_per_zone_before_the_events(anon):
    make_event(start=at(2026, 4, 1, 9))
    make_event(start=at(2026, 4, 2, 9))
    make_event(
        timezone="Asia/Tokyo",
        start=at(2026, 4, 3, 9, tz="Asia/Tokyo"),
        end=at(2026, 4, 3, 12, tz="Asia/Tokyo"),
    )
    make_event(all_day=True, timezone="America/New_York", start=at(2026, 4, 4), end=at(2026, 4, 4))
    body = anon.get(FEED).content.decode()
    calendar = icalendar.Calendar.from_ical(body)
    tzids = sorted(str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE"))
    assert tzids == ["Asia/Tokyo", "Europe/Brussels"]  # the all-day event needs none
    assert body.rindex("END:VTIMEZONE") < body.index("BEGIN:VEVENT")
    assert calendar.get_missing_tzids() == set()


def test_description_names_the_organiser_and_the_online_and_registration_links(anon):
    event = make_event(
        organiser=make_organisation(name="Photonics NL"),
        format=Event.Format.HYBRID,
        online_url="https://meet.example.org/p",
        registration_url="https://example.org/r",
        description="<p>Lasers &amp; light</p>",
    )
    (component,) = vevents(anon.get(event.get_ics_url()))
    text = str(component["DESCRIPTION"])
    assert text.startswith("Organised by Photonics NL.\n\nLasers & light")
    assert "Join online: https://meet.example.org/p" in text
    assert "Register: https://example.org/r" in text
