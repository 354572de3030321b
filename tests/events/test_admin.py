import pytest
import time_machine
from django.urls import reverse

from events.models import Event
from tests.factories import at, make_event, make_organisation, make_term

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:events_event_changelist")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(at(2026, 3, 10, 12), tick=False):
        yield


def test_changelist_filters_upcoming_and_past(staff_client):
    make_event(title="Coming", start=at(2026, 4, 1, 9))
    make_event(title="Gone", start=at(2026, 2, 1, 9))
    html = staff_client.get(CHANGELIST).content.decode()
    assert "Coming" in html and "Gone" in html
    upcoming = staff_client.get(CHANGELIST, {"when": "upcoming"}).content.decode()
    assert "Coming" in upcoming and "Gone" not in upcoming
    past = staff_client.get(CHANGELIST, {"when": "past"}).content.decode()
    assert "Gone" in past and "Coming" not in past


def test_changelist_search_filters_and_date_hierarchy(staff_client):
    organiser = make_organisation(name="Photonics Cluster")
    make_event(title="Laser day", organiser=organiser, format=Event.Format.IN_PERSON)
    make_event(title="Other")
    response = staff_client.get(CHANGELIST, {"q": "photonics"})
    assert response.status_code == 200
    assert "Laser day" in response.content.decode()
    assert "Other" not in response.content.decode()
    for params in [
        {"format__exact": "in_person"},
        {"country__exact": "BE"},
        {"organiser__id__exact": organiser.pk},
        {"start__year": "2026"},
    ]:
        assert staff_client.get(CHANGELIST, params).status_code == 200


def test_changelist_query_count_does_not_grow(staff_client, django_assert_max_num_queries):
    for _ in range(30):
        make_event(organiser=make_organisation())
    with django_assert_max_num_queries(14):
        assert staff_client.get(CHANGELIST).status_code == 200


def test_add_form_reads_times_as_the_venue_wall_clock(staff_client):
    organiser = make_organisation()
    sector = make_term()
    response = staff_client.post(
        reverse("admin:events_event_add"),
        {
            "title": "Boston meetup",
            "slug": "boston-meetup",
            "organiser": organiser.pk,
            "start_0": "2026-04-14",
            "start_1": "09:00",
            "end_0": "2026-04-14",
            "end_1": "11:00",
            "timezone": "America/New_York",
            "format": "in_person",
            "city": "Boston",
            "country": "US",
            "terms": [sector.pk],
            "tags": "biotech, matchmaking",
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="boston-meetup")
    assert event.start == at(2026, 4, 14, 9, tz="America/New_York")
    assert event.start == at(2026, 4, 14, 15)
    assert list(event.terms.all()) == [sector]
    # Editing shows the venue's wall clock again.
    html = staff_client.get(reverse("admin:events_event_change", args=[event.pk])).content
    assert b'name="start_1" value="09:00:00"' in html


def test_add_form_shows_clear_errors(staff_client):
    response = staff_client.post(
        reverse("admin:events_event_add"),
        {
            "title": "Backwards",
            "slug": "backwards",
            "start_0": "2026-04-14",
            "start_1": "11:00",
            "end_0": "2026-04-14",
            "end_1": "09:00",
            "timezone": "Mars/Olympus",
            "format": "online",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "is not a known time zone" in errors["timezone"][0]
    response = staff_client.post(
        reverse("admin:events_event_add"),
        {
            "title": "Backwards",
            "slug": "backwards",
            "start_0": "2026-04-14",
            "start_1": "11:00",
            "end_0": "2026-04-14",
            "end_1": "09:00",
            "timezone": "Europe/Brussels",
            "format": "online",
        },
    )
    errors = response.context["adminform"].form.errors
    assert errors["end"] == ["The end must be after the start."]
    assert errors["online_url"] == ["Online and hybrid events need the URL where people join."]


def test_duplicate_action_makes_unpublished_copies_with_relations(staff_client):
    co = make_organisation()
    term = make_term()
    event = make_event(title="Summit", slug="summit", co_organisers=[co], terms=[term])
    event.tags.add("ai")
    response = staff_client.post(
        CHANGELIST, {"action": "duplicate", "_selected_action": [event.pk]}, follow=True
    )
    assert "1 event(s) duplicated" in response.content.decode()
    copy = Event.objects.get(slug="summit-copy")
    assert copy.title == "Summit (copy)"
    assert not copy.is_published
    assert list(copy.co_organisers.all()) == [co]
    assert list(copy.terms.all()) == [term]
    assert list(copy.tags.names()) == ["ai"]
    assert (copy.start, copy.end) == (event.start, event.end)


def test_change_page_links_to_the_site(staff_client):
    event = make_event()
    html = staff_client.get(reverse("admin:events_event_change", args=[event.pk])).content
    assert b"View on site" in html


def test_organiser_autocomplete_is_available(staff_client):
    make_organisation(name="Autocomplete Cluster")
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "events", "model_name": "event", "field_name": "organiser", "term": "auto"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Autocomplete Cluster"]


def test_a_new_event_starts_published_and_saving_it_unpublished_warns(staff_client):
    """Issue 15: events were saved unpublished by default, without a word."""
    add = reverse("admin:events_event_add")
    form = staff_client.get(add).context["adminform"].form
    assert form.initial["is_published"] is True
    assert 'name="is_published" id="id_is_published" checked' in staff_client.get(add).text
    organiser = make_organisation()
    data = {
        "title": "Draft meetup", "slug": "draft-meetup", "organiser": organiser.pk,
        "start_0": "2026-04-14", "start_1": "09:00", "end_0": "2026-04-14", "end_1": "11:00",
        "timezone": "Europe/Brussels", "format": "online", "online_url": "https://meet.example/",
    }  # fmt: skip
    response = staff_client.post(add, data, follow=True)
    assert "“Draft meetup” is saved but not published" in response.text
    published = staff_client.post(
        add, {**data, "slug": "live-meetup", "title": "Live", "is_published": "on"}, follow=True
    )
    assert "not published" not in published.text
