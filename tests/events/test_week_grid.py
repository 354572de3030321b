import pytest
import time_machine
from django.urls import reverse

from tests.events.grid_parsing import day_cells
from tests.factories import at, make_event

pytestmark = pytest.mark.django_db


def week_url(year, week):
    return reverse("events:week", kwargs={"year": year, "week": week})


def week_cells(client, year, week):
    response = client.get(week_url(year, week))
    assert response.status_code == 200
    (row,) = day_cells(response.content.decode())
    return [cell["text"] for cell in row]


def test_week_urls_use_two_digit_weeks():
    assert week_url(2026, 9) == "/events/calendar/2026/week/09/"


@time_machine.travel(at(2026, 3, 4, 12), tick=False)
def test_week_runs_monday_to_sunday_and_marks_today(anon):
    html = anon.get(week_url(2026, 10)).content.decode()
    assert "Events in week 10 of 2026" in html
    assert "2 March \u2013 8 March 2026" in html
    headers = ["Monday2 Mar", "Tuesday3 Mar", "Wednesday4 Mar", "Thursday5 Mar"]
    flat = html.replace('<span class="calendar-grid__date">', "").replace("</span>", "")
    positions = [flat.find(h) for h in headers]
    assert -1 not in positions and positions == sorted(positions)
    assert 'class="is-today" aria-current="date">Wednesday' in html
    assert html.count("<h1") == 1


def test_week_one_of_2026_starts_in_december_2025(anon):
    make_event(start=at(2025, 12, 22, 9))  # the links reach one week beyond the events
    html = anon.get(week_url(2026, 1)).content.decode()
    assert "29 December \u2013 4 January 2026" in html
    assert 'rel="prev" href="/events/calendar/2025/week/52/"' in html
    assert 'rel="next" href="/events/calendar/2026/week/02/"' in html


def test_2026_has_a_week_53_and_2025_does_not(anon):
    assert anon.get(week_url(2026, 53)).status_code == 200
    assert anon.get(week_url(2025, 53)).status_code == 404
    make_event(start=at(2027, 1, 1, 9))
    html = anon.get(week_url(2026, 53)).content.decode()
    assert 'rel="next" href="/events/calendar/2027/week/01/"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/events/calendar/2026/week/00/",
        "/events/calendar/2026/week/54/",
        "/events/calendar/2026/week/99/",
        "/events/calendar/2026/week/5/",
        "/events/calendar/1899/week/10/",
    ],
)
def test_invalid_weeks_are_404(anon, path):
    assert anon.get(path).status_code == 404


def test_events_show_their_brussels_start_time_on_their_day(anon):
    make_event(title="Breakfast pitch", start=at(2026, 3, 3, 8, 30), end=at(2026, 3, 3, 10))
    cells = week_cells(anon, 2026, 10)
    assert cells[1] == "08:30\u201310:00 Breakfast pitch"
    assert all("Breakfast pitch" not in c for i, c in enumerate(cells) if i != 1)


def test_spring_dst_weekend_keeps_wall_clock_times(anon):
    # Clocks go from 02:00 to 03:00 in Brussels on Sunday 29 March 2026.
    make_event(title="Sunday brunch", start=at(2026, 3, 29, 10), end=at(2026, 3, 29, 12))
    make_event(title="Night hackathon", start=at(2026, 3, 28, 23), end=at(2026, 3, 29, 4))
    cells = week_cells(anon, 2026, 13)
    assert "23:00 Night hackathon (day 1 of 2)" in cells[5]
    assert "until 04:00 Night hackathon (day 2 of 2)" in cells[6]
    assert "10:00\u201312:00 Sunday brunch" in cells[6]


def test_autumn_dst_weekend_keeps_wall_clock_times(anon):
    # Clocks go from 03:00 back to 02:00 in Brussels on Sunday 25 October 2026.
    make_event(title="Late session", start=at(2026, 10, 25, 0, 30), end=at(2026, 10, 25, 1, 30))
    make_event(title="Morning run", start=at(2026, 10, 25, 9), end=at(2026, 10, 25, 10))
    cells = week_cells(anon, 2026, 43)
    assert cells[6].startswith("00:30\u201301:30 Late session")
    assert cells[6].endswith("09:00\u201310:00 Morning run")
    assert "Late session" not in cells[5]


def test_event_in_another_time_zone_is_placed_in_brussels_time(anon):
    # 20:00 in New York on Tuesday is 02:00 on Wednesday in Brussels.
    make_event(
        title="Transatlantic webinar",
        timezone="America/New_York",
        start=at(2026, 3, 3, 20, tz="America/New_York"),
        end=at(2026, 3, 3, 21, tz="America/New_York"),
    )
    cells = week_cells(anon, 2026, 10)
    assert cells[2] == "02:00\u201303:00 Transatlantic webinar"
    html = anon.get(week_url(2026, 10)).content.decode()
    assert "at the venue (America/New_York)" in html  # the agenda list shows the venue time


def test_all_day_multi_day_event_spans_its_days(anon):
    make_event(title="Trade fair", all_day=True, start=at(2026, 3, 6), end=at(2026, 3, 9))
    cells = week_cells(anon, 2026, 10)
    assert cells[4] == "All day Trade fair (day 1 of 4)"
    assert cells[5] == "All day Trade fair (day 2 of 4)"
    assert cells[6] == "All day Trade fair (day 3 of 4)"
    assert cells[3] == "No events"


def test_unpublished_events_are_not_in_the_week_for_anonymous(anon):
    make_event(title="Draft", start=at(2026, 3, 3, 9), is_published=False)
    assert "Draft" not in anon.get(week_url(2026, 10)).content.decode()


@pytest.mark.parametrize("events", [1, 30])
def test_week_query_count_does_not_grow_with_events(events, anon, django_assert_num_queries):
    for n in range(events):
        make_event(start=at(2026, 3, 2 + n % 7, 9))
    # the span of all events (for the previous/next links), the week's events with organisers
    with django_assert_num_queries(2):
        response = anon.get(week_url(2026, 10))
    assert response.content.decode().count('<li class="occurrence') == events


def test_week_links_are_bounded_and_far_weeks_are_noindex(anon):
    make_event(start=at(2026, 3, 4, 9))
    far = anon.get(week_url(2199, 52))
    assert far.status_code == 200
    assert '<meta name="robots" content="noindex, follow">' in far.text
    assert 'rel="next"' not in far.text
    canonical = '<link rel="canonical" href="http://testserver/events/calendar/2199/week/52/">'
    assert canonical in far.text
