"""A call's status is derived from its dates: at the opening minute it is open, at the closing
minute it is closed, whatever time zone the deadline is in; the list and the archive agree."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from opportunities.models import Call, CallStatus
from tests.factories import at, make_call

pytestmark = pytest.mark.django_db


def test_forthcoming_until_the_opening_minute_then_open():
    call = make_call(opens_at=at(2027, 3, 1, 9, 0), closes_at=at(2027, 6, 1, 17, 0))
    assert call.status_at(at(2027, 3, 1, 8, 59)) == CallStatus.FORTHCOMING
    assert call.status_at(at(2027, 3, 1, 9, 0)) == CallStatus.OPEN


def test_closing_minute_in_another_time_zone_closes_the_call():
    # 17:00 in Helsinki is 16:00 in Brussels (both on winter time in February).
    call = make_call(
        opens_at=at(2027, 1, 1, 9, 0, tz="Europe/Helsinki"),
        closes_at=at(2027, 2, 16, 17, 0, tz="Europe/Helsinki"),
        timezone="Europe/Helsinki",
    )
    assert call.status_at(at(2027, 2, 16, 15, 59)) == CallStatus.CLOSING_SOON
    assert call.status_at(at(2027, 2, 16, 16, 0)) == CallStatus.CLOSED
    assert call.closes_local.hour == 17


def test_closing_soon_from_fourteen_days_before_the_deadline():
    call = make_call(opens_at=at(2027, 1, 1), closes_at=at(2027, 3, 31, 17, 0))
    assert call.status_at(at(2027, 3, 17, 16, 59)) == CallStatus.OPEN
    assert call.status_at(at(2027, 3, 17, 17, 0)) == CallStatus.CLOSING_SOON


@pytest.mark.parametrize(
    ("moment", "status"),
    [
        (at(2027, 3, 1, 8, 59), CallStatus.FORTHCOMING),
        (at(2027, 3, 1, 9, 0), CallStatus.OPEN),
        (at(2027, 5, 18, 17, 0), CallStatus.CLOSING_SOON),
        (at(2027, 6, 1, 16, 59), CallStatus.CLOSING_SOON),
        (at(2027, 6, 1, 17, 0), CallStatus.CLOSED),
    ],
)
def test_the_queryset_filter_agrees_with_the_derived_status(moment, status):
    call = make_call(opens_at=at(2027, 3, 1, 9, 0), closes_at=at(2027, 6, 1, 17, 0))
    assert call.status_at(moment) == status
    assert list(Call.objects.with_status(status, moment)) == [call]


def test_closed_call_leaves_the_list_for_the_archive_at_the_closing_minute(anon):
    call = make_call(
        opens_at=at(2027, 1, 1), closes_at=at(2027, 2, 16, 17, 0, tz="Europe/Helsinki"),
        timezone="Europe/Helsinki",
    )  # fmt: skip
    with time_machine.travel(at(2027, 2, 16, 15, 59), tick=False):
        assert call.title in anon.get(reverse("opportunities:calls")).text
        assert call.title not in anon.get(reverse("opportunities:call_archive")).text
    with time_machine.travel(at(2027, 2, 16, 16, 0), tick=False):
        assert call.title not in anon.get(reverse("opportunities:calls")).text
        archive = anon.get(reverse("opportunities:call_archive")).text
        assert call.title in archive
        assert "Closed" in archive


def test_call_page_shows_the_deadline_in_its_zone_and_in_brussels(anon):
    call = make_call(
        closes_at=datetime.datetime(2099, 2, 16, 15, 0, tzinfo=datetime.UTC),
        timezone="Europe/Helsinki",
    )
    r = anon.get(call.get_absolute_url())
    assert "16 February 2099, 17:00</time> Europe/Helsinki" in r.text
    assert "(16:00 Brussels time)" in r.text


def test_unpublished_call_is_404_for_anonymous_and_shown_to_staff(anon, staff_client):
    call = make_call(is_published=False)
    assert anon.get(call.get_absolute_url()).status_code == 404
    assert staff_client.get(call.get_absolute_url()).status_code == 200
    assert call.title not in anon.get(reverse("opportunities:calls")).text
