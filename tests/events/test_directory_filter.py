"""The "Has upcoming events" filter events adds to the directory (events/plugins.py)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from tests.factories import make_event, make_organisation


def _names(response):
    return {organisation.name for organisation in response.context["page_obj"]}


def test_has_upcoming_events_keeps_organisers_and_co_organisers_of_future_events(anon, db):
    organiser = make_organisation(name="Organiser")
    co_organiser = make_organisation(name="Co-organiser")
    make_organisation(name="Quiet")
    past_only = make_organisation(name="Past only")
    hidden_only = make_organisation(name="Unpublished only")
    event = make_event(organiser=organiser)
    event.co_organisers.add(co_organiser)
    past = timezone.now() - datetime.timedelta(days=30)
    make_event(organiser=past_only, start=past, end=past + datetime.timedelta(hours=2))
    make_event(organiser=hidden_only, is_published=False)

    everyone = anon.get(reverse("directory:list"))
    assert len(_names(everyone)) == 5
    response = anon.get(reverse("directory:list"), {"upcoming_events": "true"})
    assert response.status_code == 200
    assert _names(response) == {"Organiser", "Co-organiser"}
