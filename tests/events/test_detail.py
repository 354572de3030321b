import json
import re

import pytest
from django.urls import reverse

from events.models import Event
from tests.factories import at, make_event, make_organisation

pytestmark = pytest.mark.django_db


def json_ld(html):
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def test_detail_shows_when_where_organiser_and_add_to_calendar(anon):
    organiser = make_organisation(name="Flanders Food", slug="flanders-food")
    event = make_event(
        title="Food innovation day",
        slug="food-innovation-day",
        organiser=organiser,
        co_organisers=[make_organisation(name="Wagralim")],
        start=at(2026, 6, 4, 9, 30),
        end=at(2026, 6, 4, 17),
        venue="Flanders Meeting Centre",
        address="Koningin Astridplein 20",
        city="Antwerp",
        description="<p>Pitches and <b>tastings</b>.</p>",
        registration_url="https://example.org/register",
    )
    response = anon.get(event.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Food innovation day</h1>" in html
    assert html.count("<h1") == 1
    assert "Thursday 4 June 2026, 09:30</time>\u2013<time" in html
    assert "17:00</time> CEST (Brussels time)" in html
    assert '<a href="/directory/flanders-food/">Flanders Food</a>' in html
    assert "Wagralim" in html
    assert "Flanders Meeting Centre<br>Koningin Astridplein 20<br>Antwerp, Belgium" in html
    assert 'href="/events/food-innovation-day/event.ics"' in html
    assert "<p>Pitches and <b>tastings</b>.</p>" in html
    assert 'href="https://example.org/register"' in html


def test_event_in_another_time_zone_shows_brussels_and_venue_time(anon):
    event = make_event(
        title="Boston biotech week",
        timezone="America/New_York",
        city="Boston",
        country="US",
        start=at(2026, 3, 10, 9, tz="America/New_York"),
        end=at(2026, 3, 10, 17, tz="America/New_York"),
    )
    html = anon.get(event.get_absolute_url()).content.decode()
    # New York is already on summer time on 10 March 2026; Brussels is not: 5 hours apart.
    assert "Tuesday 10 March 2026, 14:00</time>\u2013<time" in html
    assert "22:00</time> CET (Brussels time)" in html
    assert "10 Mar, 09:00\u201317:00 EDT at the venue (America/New_York)" in html


def test_all_day_event_shows_dates_without_times(anon):
    event = make_event(all_day=True, start=at(2026, 6, 1), end=at(2026, 6, 3))
    html = anon.get(event.get_absolute_url()).content.decode()
    assert "1 June 2026</time> \u2013 <time" in html
    assert "3 June 2026</time>, all day" in html
    assert "Brussels time" not in html


def test_structured_data_is_a_schema_org_event(anon):
    organiser = make_organisation(name="Cluster Org", slug="cluster-org")
    event = make_event(
        title="Hybrid forum",
        slug="hybrid-forum",
        organiser=organiser,
        format=Event.Format.HYBRID,
        online_url="https://meet.example.org/forum",
        start=at(2026, 6, 4, 9),
        end=at(2026, 6, 4, 12),
        description="<p>A &lt;forum&gt; </script> talk</p>",
    )
    html = anon.get(event.get_absolute_url()).content.decode()
    data = json_ld(html)
    assert data["@type"] == "Event"
    assert data["name"] == "Hybrid forum"
    assert data["startDate"] == "2026-06-04T09:00:00+02:00"
    assert data["endDate"] == "2026-06-04T12:00:00+02:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["url"] == "http://testserver/events/hybrid-forum/"
    assert data["organizer"]["url"] == "http://testserver/directory/cluster-org/"
    place, virtual = data["location"]
    assert place["address"]["addressCountry"] == "BE"
    assert virtual["url"] == "https://meet.example.org/forum"
    assert (
        "</script> talk" not in html.split('type="application/ld+json">')[1].split("</script>")[0]
    )


def test_all_day_structured_data_uses_dates(anon):
    event = make_event(all_day=True, start=at(2026, 6, 1), end=at(2026, 6, 3))
    data = json_ld(anon.get(event.get_absolute_url()).content.decode())
    assert (data["startDate"], data["endDate"]) == ("2026-06-01", "2026-06-03")


def test_unpublished_organiser_is_named_without_a_link(anon):
    hidden = make_organisation(name="Hidden Org", status="withdrawn")
    html = anon.get(make_event(organiser=hidden).get_absolute_url()).content.decode()
    assert "Hidden Org" in html
    assert hidden.get_absolute_url() not in html


def test_unpublished_event_is_404_for_anonymous_and_visible_to_staff(anon, staff_client):
    event = make_event(is_published=False)
    assert anon.get(event.get_absolute_url()).status_code == 404
    assert anon.get(event.get_ics_url()).status_code == 404
    response = staff_client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Not published" in response.content.decode()


def test_unknown_slug_is_404(anon):
    assert anon.get(reverse("events:detail", args=["nothing-here"])).status_code == 404


def test_detail_query_count(anon, django_assert_num_queries):
    event = make_event(organiser=make_organisation(), co_organisers=[make_organisation()])
    with django_assert_num_queries(3):  # event+organiser+language, co-organisers, terms
        anon.get(event.get_absolute_url())


def test_structured_data_description_keeps_list_items_apart(anon):
    event = make_event(description="<p>Agenda:</p><ul><li>Matchmaking</li><li>Site visit</li></ul>")
    data = json_ld(anon.get(event.get_absolute_url()).content.decode())
    assert data["description"] == "Agenda: Matchmaking Site visit"
