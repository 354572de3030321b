from urllib.parse import urlencode

import pytest
import time_machine
from django.urls import reverse

from tests.events.grid_parsing import day_cells
from tests.factories import at, make_event, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    # Wednesday 25 November 2026: the week strip shows Monday 23 .. Sunday 29 November.
    with time_machine.travel(at(2026, 11, 25, 10), tick=False):
        yield


def strip(client, organisation, **params):
    response = client.get(organisation.get_absolute_url(), params)
    assert response.status_code == 200
    html = response.content.decode()
    (row,) = day_cells(html, "week-strip")
    return html, [cell["text"] for cell in row]


def test_seed_profile_keeps_its_empty_state(seeded, anon):
    html, cells = strip(anon, seeded)
    assert cells == ["No events"] * 7
    assert "Week of 23 November 2026" in html
    assert "No upcoming events." in html
    assert 'href="/events/calendar/2026/week/48/"' in html  # the full calendar


def test_week_strip_shows_the_organisations_events_on_their_days(anon):
    organisation = make_organisation()
    make_event(title="Own workshop", organiser=organisation, start=at(2026, 11, 24, 14))
    make_event(title="Joint webinar", co_organisers=[organisation], start=at(2026, 11, 27, 10))
    make_event(title="Someone else", start=at(2026, 11, 26, 9))
    make_event(title="Draft", organiser=organisation, start=at(2026, 11, 26, 9), is_published=False)
    html, cells = strip(anon, organisation)
    assert cells[1] == "14:00\u201316:00 Own workshop"
    assert cells[4] == "10:00\u201312:00 Joint webinar"
    assert cells[3] == "No events"
    assert "Someone else" not in html
    assert "Draft" not in html


def test_today_is_marked_in_the_strip(anon):
    html, _ = strip(anon, make_organisation())
    assert 'class="is-today" aria-current="date">Wednesday' in html


def test_week_parameter_moves_the_strip_and_links_navigate(anon):
    organisation = make_organisation(slug="nav-cluster")
    make_event(title="December forum", organiser=organisation, start=at(2026, 12, 2, 9))
    html, cells = strip(anon, organisation, week="2026-W49")
    assert "Week of 30 November 2026" in html
    assert cells[2] == "09:00\u201311:00 December forum"
    assert 'href="/directory/nav-cluster/?week=2026-W48#upcoming-events" rel="prev"' in html
    assert 'href="/directory/nav-cluster/?week=2026-W50#upcoming-events" rel="next"' in html
    assert 'href="/directory/nav-cluster/#upcoming-events">This week' in html
    assert 'href="/events/calendar/2026/week/49/"' in html


def test_week_parameter_crosses_years(anon):
    organisation = make_organisation(slug="year-cluster")
    make_event(organiser=organisation, start=at(2027, 1, 1, 9))
    html, _ = strip(anon, organisation, week="2026-W53")
    assert "Week of 28 December 2026" in html
    assert "?week=2027-W01#upcoming-events" in html


@pytest.mark.parametrize("value", ["2026-W54", "2025-W53", "yesterday", "2026-48", "", "1800-W01"])
def test_invalid_week_parameter_is_ignored(anon, value):
    html, _ = strip(anon, make_organisation(), week=value)
    assert "Week of 23 November 2026" in html


def test_multi_day_event_spans_the_strip(anon):
    organisation = make_organisation()
    make_event(
        title="Cluster congress",
        organiser=organisation,
        start=at(2026, 11, 28, 9),
        end=at(2026, 12, 1, 17),
    )
    _, cells = strip(anon, organisation)
    assert cells[5] == "09:00 Cluster congress (day 1 of 4)"
    assert cells[6] == "all day Cluster congress (day 2 of 4)"


def test_next_events_list_the_soonest_five_with_links(anon):
    organisation = make_organisation()
    for n in range(7):
        make_event(title=f"Meetup {n}", organiser=organisation, start=at(2026, 12, 1 + n, 9))
    make_event(title="Finished", organiser=organisation, start=at(2026, 11, 1, 9))
    html, _ = strip(anon, organisation)
    section = html[html.index(">Next events<") :]
    assert [f"Meetup {n}" in section for n in range(7)] == [True] * 5 + [False] * 2
    assert "Finished" not in section
    link = f"/events/?{urlencode({'organiser': organisation.name})}"
    assert f'href="{link}"' in section
    assert organisation.name in anon.get(link).content.decode()  # the link finds its events
    assert reverse("events:organisation_ics", args=[organisation.slug]) in section


@pytest.mark.parametrize("events", [1, 30])
def test_profile_query_count_does_not_grow_with_events(events, anon, django_assert_num_queries):
    organisation = make_organisation()
    for n in range(events):
        make_event(organiser=organisation, start=at(2026, 11, 23 + n % 7, 9 + n % 8))
    # organisation, contacts, memberships, terms, languages, social links, tags,
    # the span of its events, the week's events, the next events, latest news, documents,
    # best practices, the networks it is a member of, live opportunities
    with django_assert_num_queries(15):
        response = anon.get(organisation.get_absolute_url())
    assert response.content.decode().count('<li class="occurrence') == events


def test_phones_get_the_week_as_a_list_of_days_with_events(anon):
    organisation = make_organisation()
    make_event(title="Own workshop", organiser=organisation, start=at(2026, 11, 24, 14))
    html = anon.get(organisation.get_absolute_url()).text
    week_list = html[html.index('<div class="week-list">') : html.index("<h3>Next events</h3>")]
    assert '<time datetime="2026-11-24">Tuesday 24 November</time>' in week_list
    assert "Own workshop" in week_list
    assert "Monday" not in week_list  # only days with events
    assert "No events this week." not in week_list


def test_the_week_list_says_when_the_week_is_empty(anon):
    html = anon.get(make_organisation().get_absolute_url()).text
    assert '<p class="empty">No events this week.</p>' in html


def test_week_links_stop_one_week_beyond_the_events_and_variants_are_noindex(anon):
    organisation = make_organisation(slug="bounded-cluster")
    make_event(organiser=organisation, start=at(2026, 12, 9, 9))  # week 50; today is in 48
    html, _ = strip(anon, organisation)
    assert 'rel="next"' in html
    assert 'href="/directory/bounded-cluster/?week=2026-W47#upcoming-events" rel="prev"' in html
    assert '<meta name="robots"' not in html
    html, _ = strip(anon, organisation, week="2026-W51")
    assert 'rel="next"' not in html
    assert '<meta name="robots" content="noindex, follow">' in html
    assert '<link rel="canonical" href="http://testserver/directory/bounded-cluster/">' in html
    html, _ = strip(anon, organisation, week="2030-W10")  # far beyond: no way further
    assert 'rel="next"' not in html and 'rel="prev"' not in html
    assert '<meta name="robots" content="noindex, follow">' in html
