import datetime

import pytest
from django.core.exceptions import ValidationError
from django.forms import modelform_factory

from directory.models import Vocabulary
from events.models import Event
from tests.factories import at, make_event, make_organisation, make_term

pytestmark = pytest.mark.django_db


def _errors(event):
    with pytest.raises(ValidationError) as info:
        event.full_clean()
    return info.value.message_dict


def _event(**fields):
    base = {
        "title": "Cluster days",
        "slug": "cluster-days",
        "start": at(2026, 5, 4, 9),
        "end": at(2026, 5, 4, 17),
        "city": "Ghent",
    }
    return Event(**{**base, **fields})


def test_a_valid_event_passes_validation():
    _event().full_clean()


def test_end_before_start_is_a_clear_error_on_end():
    errors = _errors(_event(end=at(2026, 5, 4, 8)))
    assert errors["end"] == ["The end must be after the start."]


def test_end_equal_to_start_is_an_error():
    assert "end" in _errors(_event(end=at(2026, 5, 4, 9)))


def test_unknown_time_zone_is_an_error():
    errors = _errors(_event(timezone="Europe/Atlantis"))
    assert "is not a known time zone" in errors["timezone"][0]


def test_online_event_needs_an_online_url():
    errors = _errors(_event(format=Event.Format.ONLINE))
    assert errors["online_url"] == ["Online and hybrid events need the URL where people join."]


def test_in_person_event_needs_a_venue_or_city():
    assert "venue" in _errors(_event(city=""))


def test_invalid_registration_url_is_an_error():
    assert "registration_url" in _errors(_event(registration_url="not a url"))


def test_reserved_slug_is_an_error():
    assert "reserved" in _errors(_event(slug="past"))["slug"][0]


def test_description_is_sanitised_on_save():
    event = make_event(description='<p onclick="x()">Hi<script>alert(1)</script></p>')
    assert event.description_html == "<p>Hi</p>"
    assert event.description_text == "Hi"


def test_all_day_event_covers_whole_days_at_the_venue_and_resaving_changes_nothing():
    event = make_event(
        all_day=True,
        timezone="America/New_York",
        start=at(2026, 6, 1, 15, tz="America/New_York"),
        end=at(2026, 6, 3, 10, tz="America/New_York"),
    )
    assert event.start == at(2026, 6, 1, tz="America/New_York")
    assert event.end == datetime.datetime(
        2026, 6, 3, 23, 59, 59, tzinfo=at(2026, 6, 3, tz="America/New_York").tzinfo
    )
    assert (event.first_day, event.last_day) == (
        datetime.date(2026, 6, 1),
        datetime.date(2026, 6, 3),
    )
    before = (event.start, event.end)
    event.save()
    event.refresh_from_db()
    assert (event.start, event.end) == before


def test_one_day_all_day_event_may_end_on_its_start_date():
    event = _event(all_day=True, start=at(2026, 5, 4), end=at(2026, 5, 4))
    event.full_clean()
    assert event.first_day == event.last_day == datetime.date(2026, 5, 4)


def test_timed_event_ending_at_midnight_ends_on_the_day_before():
    event = make_event(start=at(2026, 5, 4, 20), end=at(2026, 5, 5, 0))
    assert event.last_day == datetime.date(2026, 5, 4)
    assert not event.is_multi_day


def test_venue_time_is_shown_only_when_the_clock_differs_from_brussels():
    paris = make_event(timezone="Europe/Paris")
    new_york = make_event(timezone="America/New_York")
    assert not paris.shows_venue_time
    assert new_york.shows_venue_time


def test_published_upcoming_past_and_between():
    now = at(2026, 5, 4, 12)
    past = make_event(start=at(2026, 5, 1, 9), end=at(2026, 5, 1, 10))
    ongoing = make_event(start=at(2026, 5, 4, 9), end=at(2026, 5, 4, 17))
    future = make_event(start=at(2026, 5, 10, 9), end=at(2026, 5, 10, 10))
    hidden = make_event(start=at(2026, 5, 10, 9), is_published=False)
    assert list(Event.objects.published().upcoming(now=now)) == [ongoing, future]
    assert list(Event.objects.published().past(now=now)) == [past]
    assert hidden not in Event.objects.published()
    window = Event.objects.between(at(2026, 5, 4), at(2026, 5, 5))
    assert list(window) == [ongoing]
    # Half-open: an event ending exactly at the window's start is not in it.
    assert past not in Event.objects.between(at(2026, 5, 1, 10), at(2026, 5, 2))


def test_for_organisation_includes_co_organised_events_once():
    organisation = make_organisation()
    own = make_event(organiser=organisation, co_organisers=[organisation])
    co = make_event(co_organisers=[organisation, make_organisation()])
    make_event(organiser=make_organisation())
    assert sorted(e.pk for e in Event.objects.for_organisation(organisation)) == [own.pk, co.pk]
    assert list(organisation.events.all()) == [own]
    assert set(organisation.co_organised_events.all()) == {own, co}


def test_terms_are_limited_to_sectors_s3_areas_and_ecosystems():
    sector = make_term(Vocabulary.SECTORAL_INDUSTRY)
    ecosystem = make_term(Vocabulary.INDUSTRIAL_ECOSYSTEM)
    s3 = make_term(Vocabulary.S3_PRIORITY_AREA)
    service = make_term(Vocabulary.SERVICE)
    form = modelform_factory(Event, fields=["terms"])()
    choices = set(form.fields["terms"].queryset)
    assert {sector, ecosystem, s3} <= choices
    assert service not in choices


def test_str_and_absolute_url():
    event = make_event(title="Matchmaking day", slug="matchmaking-day")
    assert str(event) == "Matchmaking day"
    assert event.get_absolute_url() == "/events/matchmaking-day/"
    assert event.get_ics_url() == "/events/matchmaking-day/event.ics"


def test_all_day_event_over_the_dst_change_keeps_its_dates_and_length():
    event = make_event(all_day=True, start=at(2026, 10, 24), end=at(2026, 10, 25))
    assert (event.first_day, event.last_day) == (
        datetime.date(2026, 10, 24),
        datetime.date(2026, 10, 25),
    )
    # 48 wall-clock hours minus one second, plus the hour the clocks go back.
    elapsed = event.end.astimezone(datetime.UTC) - event.start.astimezone(datetime.UTC)
    assert elapsed == datetime.timedelta(hours=49, seconds=-1)
