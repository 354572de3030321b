import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import make_event, make_organisation

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_rss_lists_new_published_events_newest_first(anon):
    make_event(title="First added")
    make_event(title="Second added", organiser=make_organisation(name="Org"))
    make_event(title="Draft", is_published=False)
    response = anon.get(reverse("events:feed_rss"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Second added", "First added"]
    first = channel.find("item")
    assert first.findtext("link").startswith("http://testserver/events/")
    assert first.findtext("pubDate")


def test_atom_feed_has_entries_with_updated_dates(anon):
    event = make_event(title="Atom event")
    response = anon.get(reverse("events:feed_atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Atom event"
    assert entry.findtext(f"{ATOM}updated")
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver{event.get_absolute_url()}"


@pytest.mark.parametrize("events", [1, 20])
def test_feed_query_count_does_not_grow(events, anon, django_assert_num_queries):
    for _ in range(events):
        make_event(organiser=make_organisation())
    with django_assert_num_queries(1):  # events with their organisers
        anon.get(reverse("events:feed_rss"))


def test_event_feed_escapes_plain_text_and_keeps_only_sanitised_html(anon):
    """Issue 12, vulnerability 5: the venue is plain text (escaped); the description is HTML
    sanitised on save."""
    make_event(
        title="Markup",
        venue='<script>alert("venue")</script>',
        description='<p>Talks <script>alert("x")</script><strong>and demos</strong></p>',
    )
    channel = ET.fromstring(anon.get(reverse("events:feed_rss")).content).find("channel")
    html = channel.find("item").findtext("description")
    assert "<script" not in html
    assert "&lt;script&gt;alert(&quot;venue&quot;)&lt;/script&gt;" in html
    assert "<strong>and demos</strong>" in html
