import pytest
import time_machine
from django.urls import reverse

from tests.events.grid_parsing import day_cells, table_rows
from tests.factories import at, make_event

pytestmark = pytest.mark.django_db


def month_url(year, month):
    return reverse("events:month", kwargs={"year": year, "month": month})


def test_month_urls_use_four_digit_years_and_two_digit_months():
    assert month_url(2026, 3) == "/events/calendar/2026/03/"


@time_machine.travel(at(2026, 3, 18, 12), tick=False)
def test_march_2026_starts_on_sunday_so_the_grid_starts_on_monday_23_february(anon):
    response = anon.get(month_url(2026, 3))
    assert response.status_code == 200
    html = response.content.decode()
    cells = day_cells(html)
    assert len(cells) == 6  # 23 Feb .. 5 Apr
    assert [c["text"] for c in cells[0]] == [
        "23 Feb", "24 Feb", "25 Feb", "26 Feb", "27 Feb", "28 Feb", "1",
    ]  # fmt: skip
    assert all("is-outside" in c["classes"] for c in cells[0][:6])
    assert "is-outside" not in cells[0][6]["classes"]
    assert cells[-1][1]["text"] == "31"
    assert cells[-1][-1]["text"] == "5 Apr"
    # Week numbers head each row and link to the ISO week view.
    rows = table_rows(html)
    assert [row[0]["text"] for row in rows] == [f"Week {n}" for n in range(9, 15)]
    assert 'href="/events/calendar/2026/week/09/"' in html
    assert "<h1>Events in March 2026</h1>" in html
    assert html.count("<h1") == 1


@time_machine.travel(at(2026, 3, 18, 12), tick=False)
def test_weekday_headers_run_monday_to_sunday(anon):
    html = anon.get(month_url(2026, 3)).content.decode()
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    order = [html.find(f'<abbr title="{day}">') for day in days]
    assert -1 not in order
    assert order == sorted(order)


@time_machine.travel(at(2026, 3, 18, 12), tick=False)
def test_today_is_marked_in_the_grid(anon):
    cells = [c for row in day_cells(anon.get(month_url(2026, 3)).content.decode()) for c in row]
    today = [c for c in cells if "is-today" in c["classes"]]
    assert len(today) == 1
    assert today[0]["text"].startswith("18 (today)")
    assert today[0]["current"] == "date"


@time_machine.travel(at(2026, 3, 18, 12), tick=False)
def test_no_day_is_marked_today_in_another_month(anon):
    html = anon.get(month_url(2026, 4)).content.decode()
    assert "(today)" not in html
    assert 'href="/events/calendar/"' in html  # "This month"


def test_leap_year_february_2028_has_29_days(anon):
    cells = [c for row in day_cells(anon.get(month_url(2028, 2)).content.decode()) for c in row]
    inside = [c["text"] for c in cells if "is-outside" not in c["classes"]]
    assert inside == [str(n) for n in range(1, 30)]
    assert cells[0]["text"] == "31 Jan"  # 1 February 2028 is a Tuesday


def test_non_leap_february_2027_has_28_days_and_fits_four_weeks(anon):
    rows = day_cells(anon.get(month_url(2027, 2)).content.decode())
    assert len(rows) == 4  # 1 February 2027 is a Monday
    assert rows[-1][-1]["text"] == "28"


def test_multi_day_event_appears_on_each_of_its_days(anon):
    make_event(title="Cluster summit", start=at(2026, 3, 10, 9), end=at(2026, 3, 12, 17))
    cells = {c["text"].split(" ")[0]: c["text"] for row in
             day_cells(anon.get(month_url(2026, 3)).content.decode()) for c in row}  # fmt: skip
    assert "09:00 Cluster summit (day 1 of 3)" in cells["10"]
    assert "Cluster summit (day 2 of 3)" in cells["11"]
    assert "until 17:00 Cluster summit (day 3 of 3)" in cells["12"]
    assert "Cluster summit" not in cells["9"] + cells["13"]


def test_multi_day_event_crossing_months_is_clipped_to_the_grid(anon):
    make_event(title="Long fair", start=at(2026, 3, 30, 9), end=at(2026, 4, 8, 17))
    rows = day_cells(anon.get(month_url(2026, 3)).content.decode())
    last_week = [c["text"] for c in rows[-1]]
    assert all("Long fair" in text for text in last_week)  # 30 Mar .. 5 Apr
    assert "(day 7 of 10)" in last_week[-1]


def test_all_day_event_is_labelled_all_day(anon):
    make_event(title="Open day", all_day=True, start=at(2026, 3, 20), end=at(2026, 3, 21))
    html = anon.get(month_url(2026, 3)).content.decode()
    assert 'All day</span> Open day <span class="occurrence__span">(day 1 of 2)' in html
    assert "20 March 2026</time> \u2013 <time" in html  # the agenda list shows the date range


def test_all_day_event_in_tokyo_keeps_its_venue_dates(anon):
    # 00:00 in Tokyo on 20 March is 16:00 on 19 March in Brussels: the dates still read 20-20.
    make_event(
        title="Tokyo expo",
        all_day=True,
        timezone="Asia/Tokyo",
        start=at(2026, 3, 20, tz="Asia/Tokyo"),
        end=at(2026, 3, 20, tz="Asia/Tokyo"),
    )
    cells = {c["text"].split(" ")[0]: c["text"] for row in
             day_cells(anon.get(month_url(2026, 3)).content.decode()) for c in row}  # fmt: skip
    assert "Tokyo expo" in cells["20"]
    assert "Tokyo expo" not in cells["19"]


def test_unpublished_events_are_hidden_from_anonymous_and_shown_to_staff(anon, staff_client):
    make_event(title="Secret draft", start=at(2026, 3, 10, 9), is_published=False)
    assert "Secret draft" not in anon.get(month_url(2026, 3)).content.decode()
    html = staff_client.get(month_url(2026, 3)).content.decode()
    assert "Secret draft" in html
    assert "draft</span>" in html


def test_agenda_lists_only_the_days_of_the_month_with_events(anon):
    make_event(title="Early bird", start=at(2026, 3, 2, 9))
    make_event(title="Spill-over", start=at(2026, 4, 2, 9))  # shown in the grid, not the list
    html = anon.get(month_url(2026, 3)).content.decode()
    agenda = html[html.index('id="agenda"') :]
    assert "Monday 2 March 2026" in agenda
    assert "Early bird" in agenda
    assert "Spill-over" not in agenda
    assert "Spill-over" in html[: html.index('id="agenda"')]


def test_month_without_events_says_so(anon):
    assert "No events this month." in anon.get(month_url(2026, 3)).content.decode()


def test_previous_and_next_month_links_cross_years(anon):
    make_event(start=at(2025, 12, 15, 9))  # the links reach one month beyond the events
    make_event(start=at(2027, 1, 15, 9))
    html = anon.get(month_url(2026, 1)).content.decode()
    assert 'rel="prev" href="/events/calendar/2025/12/"' in html
    assert 'rel="next" href="/events/calendar/2026/02/"' in html
    html = anon.get(month_url(2026, 12)).content.decode()
    assert 'rel="next" href="/events/calendar/2027/01/"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/events/calendar/2026/13/",
        "/events/calendar/2026/00/",
        "/events/calendar/2026/3/",
        "/events/calendar/0999/01/",
        "/events/calendar/9999/12/",
        "/events/calendar/26/03/",
        "/events/calendar/2026/march/",
    ],
)
def test_invalid_months_are_404(anon, path):
    assert anon.get(path).status_code == 404


@time_machine.travel(at(2026, 11, 25, 23, 30), tick=False)
def test_calendar_redirects_to_the_current_month_in_brussels(anon):
    response = anon.get(reverse("events:calendar"))
    assert response.status_code == 302
    assert response["Location"] == "/events/calendar/2026/11/"


@time_machine.travel(at(2026, 12, 1, 0, 30), tick=False)
def test_calendar_redirect_uses_the_brussels_date_not_utc(anon):
    # 00:30 on 1 December in Brussels is still 30 November (23:30) in UTC.
    assert anon.get(reverse("events:calendar"))["Location"] == "/events/calendar/2026/12/"


@pytest.mark.parametrize("events", [1, 40])
def test_month_query_count_does_not_grow_with_events(events, anon, django_assert_num_queries):
    for n in range(events):
        make_event(start=at(2026, 3, 1 + n % 28, 9), end=at(2026, 3, 1 + n % 28, 11))
    # the span of all events (for the previous/next links), the month's events with organisers
    with django_assert_num_queries(2):
        response = anon.get(month_url(2026, 3))
    assert response.status_code == 200
    assert response.content.decode().count('<li class="occurrence') == events


def test_dst_weekend_events_stay_on_their_days_in_the_month(anon):
    # Summer time starts at 02:00 on Sunday 29 March 2026 and ends at 03:00 on 25 October.
    make_event(title="Spring brunch", start=at(2026, 3, 29, 10), end=at(2026, 3, 29, 12))
    make_event(title="DST weekend", all_day=True, start=at(2026, 3, 28), end=at(2026, 3, 29))
    cells = {c["text"].split(" ")[0]: c["text"] for row in
             day_cells(anon.get(month_url(2026, 3)).content.decode()) for c in row}  # fmt: skip
    assert "10:00 Spring brunch" in cells["29"]
    assert "All day DST weekend (day 1 of 2)" in cells["28"]
    assert "All day DST weekend (day 2 of 2)" in cells["29"]
    assert "DST weekend" not in cells["27"] + cells["30"]


@time_machine.travel(at(2026, 3, 18, 12), tick=False)
def test_month_links_stop_one_month_beyond_the_events_and_outside_is_noindex(anon):
    make_event(start=at(2026, 5, 10, 9))  # today is 18 March 2026
    html = anon.get(month_url(2026, 6)).content.decode()
    assert 'rel="prev" href="/events/calendar/2026/05/"' in html
    assert 'rel="next"' not in html
    assert '<meta name="robots"' not in html
    assert '<link rel="canonical" href="http://testserver/events/calendar/2026/06/">' in html
    html = anon.get(month_url(2026, 2)).content.decode()
    assert 'rel="prev"' not in html and 'rel="next" href="/events/calendar/2026/03/"' in html
    far = anon.get(month_url(2199, 12))
    assert far.status_code == 200
    assert '<meta name="robots" content="noindex, follow">' in far.text
    assert 'rel="next"' not in far.text


def test_the_month_grid_is_rendered_once_per_content_version(anon, django_assert_num_queries):
    make_event(title="First talk", start=at(2026, 3, 4, 9), end=at(2026, 3, 4, 11))
    anon.get(month_url(2026, 3))

    with django_assert_num_queries(0):  # grid and agenda come from the fragment cache
        assert "First talk" in anon.get(month_url(2026, 3)).content.decode()

    make_event(title="Second talk", start=at(2026, 3, 5, 9), end=at(2026, 3, 5, 11))
    html = anon.get(month_url(2026, 3)).content.decode()
    assert "First talk" in html and "Second talk" in html


def test_staff_and_visitors_get_their_own_month_grid(anon, staff_client):
    make_event(title="Draft talk", start=at(2026, 3, 4, 9), is_published=False)

    assert "Draft talk" in staff_client.get(month_url(2026, 3)).content.decode()
    assert "Draft talk" not in anon.get(month_url(2026, 3)).content.decode()
