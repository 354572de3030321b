import io

import pytest
from django.core.management import CommandError, call_command

from events.models import Event
from tests.factories import make_organisation


def run(*args):
    """The site's generate_demo_data, events only (events.demo through the registry)."""
    out = io.StringIO()
    call_command("generate_demo_data", "--organisations", "0", *args, stdout=out)
    return out.getvalue()


def test_refuses_without_debug_or_force(db, settings):
    settings.DEBUG = False
    make_organisation()
    with pytest.raises(CommandError, match="DEBUG off"):
        run("--events", "3")
    assert not Event.objects.exists()


def test_creates_valid_events_over_the_past_and_next_year(seeded, settings):
    settings.DEBUG = True
    output = run("--events", "60", "--seed", "7")
    assert "60 created, 0 updated" in output
    events = list(Event.objects.all())
    assert len(events) == 60
    for event in events:
        event.full_clean()
        assert event.organiser.is_published
    assert any(e.all_day for e in events)
    assert any(e.timezone != "Europe/Brussels" for e in events)
    assert {e.format for e in events} == set(Event.Format)
    assert Event.objects.published().upcoming().exists()
    assert Event.objects.published().past().exists()


def test_is_deterministic_and_updates_on_rerun(db, settings):
    make_organisation()
    make_organisation()
    run("--events", "10", "--seed", "3", "--force")
    first = list(Event.objects.order_by("slug").values_list("slug", "title", "start", "end"))
    output = run("--events", "10", "--seed", "3", "--force")
    assert "0 created, 10 updated" in output
    again = list(Event.objects.order_by("slug").values_list("slug", "title", "start", "end"))
    assert first == again
