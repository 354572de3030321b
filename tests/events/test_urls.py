import pytest
from django.urls import resolve, reverse


@pytest.mark.parametrize(
    ("name", "kwargs", "path"),
    [
        ("events:list", {}, "/events/"),
        ("events:past", {}, "/events/past/"),
        ("events:calendar", {}, "/events/calendar/"),
        ("events:month", {"year": 2026, "month": 3}, "/events/calendar/2026/03/"),
        ("events:week", {"year": 2026, "week": 9}, "/events/calendar/2026/week/09/"),
        ("events:feed_ics", {}, "/events/feed.ics"),
        ("events:feed_rss", {}, "/events/feed/rss/"),
        ("events:feed_atom", {}, "/events/feed/atom/"),
        ("events:organisation_ics", {"slug": "go"}, "/events/organisations/go/feed.ics"),
        ("events:detail", {"slug": "cluster-days"}, "/events/cluster-days/"),
        ("events:detail_ics", {"slug": "cluster-days"}, "/events/cluster-days/event.ics"),
    ],
)  # fmt: skip
def test_public_paths_are_stable(name, kwargs, path):
    assert reverse(name, kwargs=kwargs) == path
    assert resolve(path).view_name == name


def test_reserved_words_are_not_event_slugs():
    assert resolve("/events/past/").view_name == "events:past"
    assert resolve("/events/calendar/").view_name == "events:calendar"


def test_header_links_to_events(db, client):
    html = client.get(reverse("events:list")).content.decode()
    assert '<a href="/events/" aria-current="page">Events</a>' in html
    assert '<a href="/events/">Events</a>' in client.get(reverse("home")).content.decode()
