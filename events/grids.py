"""Calendar grids: which days a month or ISO week shows, and which events fall on each day.

Weeks start on Monday (ISO 8601). Days are in the site's time zone (Europe/Brussels), except
all-day events, which keep the dates they have at the venue.
"""

import calendar
import dataclasses
import datetime
import re

from .models import local_midnight

# Years the calendar URLs accept; anything else is a 404 rather than an overflow.
MIN_YEAR = 1900
MAX_YEAR = 2200
WEEK_PARAM_RE = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclasses.dataclass
class Occurrence:
    """One event on one day of a grid: where it starts, continues or ends."""

    event: object
    day: datetime.date

    @property
    def starts(self):
        return self.day == self.event.first_day

    @property
    def ends(self):
        return self.day == self.event.last_day

    @property
    def day_number(self):
        return (self.day - self.event.first_day).days + 1

    @property
    def day_count(self):
        return (self.event.last_day - self.event.first_day).days + 1


@dataclasses.dataclass
class Day:
    date: datetime.date
    is_today: bool
    in_period: bool = True
    occurrences: list = dataclasses.field(default_factory=list)


def month_dates(year, month):
    """Weeks (lists of seven dates, Monday first) covering the month; ValueError if invalid."""
    if not (MIN_YEAR <= year <= MAX_YEAR) or not 1 <= month <= 12:
        raise ValueError(f"no such month: {year}-{month}")
    # Dates only: day and month names come from Django's translated names (the date filter).
    return calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)


def week_dates(year, week):
    """The seven dates Monday..Sunday of ISO week `week` of `year`; ValueError if invalid."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"no such year: {year}")
    monday = datetime.date.fromisocalendar(year, week, 1)
    return [monday + datetime.timedelta(days=offset) for offset in range(7)]


def monday_of(day):
    return day - datetime.timedelta(days=day.weekday())


def parse_week_param(value):
    """`2026-W48` -> the Monday of that ISO week, or None when the value is not valid."""
    match = WEEK_PARAM_RE.match(value or "")
    if not match:
        return None
    try:
        return week_dates(int(match[1]), int(match[2]))[0]
    except ValueError:
        return None


def query_window(first_day, last_day):
    """Aware datetimes bounding the days, widened by a day on each side.

    All-day events keep their venue's dates, which may start or end up to a day away from
    the same instant in Brussels; the margin lets the query find them, placement clips them.
    """
    return (
        local_midnight(first_day - datetime.timedelta(days=1)),
        local_midnight(last_day + datetime.timedelta(days=2)),
    )


def place_events(dates, events, today, period=None):
    """Days for `dates`, each with the occurrences of `events` that cover it, in start order.

    `period` (a predicate on a date) marks days outside the month shown in a month grid.
    """
    days = {date: Day(date, date == today, period(date) if period else True) for date in dates}
    for event in sorted(events, key=lambda e: (e.start, e.title)):
        day = max(event.first_day, dates[0])
        while day <= min(event.last_day, dates[-1]):
            days[day].occurrences.append(Occurrence(event, day))
            day += datetime.timedelta(days=1)
    return list(days.values())


def agenda(days):
    """The days that have events, for the list rendering (screen readers, small screens)."""
    return [day for day in days if day.occurrences and day.in_period]


def chunk_weeks(days):
    return [days[i : i + 7] for i in range(0, len(days), 7)]


def navigation_bounds(span, today, step):
    """(earliest, latest) period start a calendar links to: the span that has events, and the
    current period, widened by one `step` (a timedelta, or "month") each way. Beyond them the
    previous/next links stop and pages are marked noindex, so crawlers meet a finite calendar
    (608 of 1,500 crawled URLs were ?week= variants)."""
    first, last = span
    low = min(first or today, today)
    high = max(last or today, today)
    if step == "month":
        low, high = low.replace(day=1), high.replace(day=1)
        return add_months(low, -1), add_months(high, 1)
    low, high = monday_of(low), monday_of(high)
    return low - step, high + step


def add_months(first_of_month, months):
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)
