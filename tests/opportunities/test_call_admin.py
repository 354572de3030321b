"""Staff keep calls in the admin: times are typed in the call's own time zone, and a call
closing before it opens is refused."""

import pytest
from django.urls import reverse

from opportunities.models import Call, Programme
from tests.factories import at

pytestmark = pytest.mark.django_db


def _data(**overrides):
    data = {
        "programme": Programme.objects.get(slug="horizon-europe").pk,
        "title": "Clean hydrogen valleys",
        "slug": "clean-hydrogen-valleys",
        "summary": "<p>Hydrogen.</p><script>alert(1)</script>",
        "official_url": "https://ec.europa.eu/info/call",
        "opens_at_0": "2027-01-10",
        "opens_at_1": "09:00",
        "closes_at_0": "2027-02-16",
        "closes_at_1": "17:00",
        "timezone": "Europe/Helsinki",
        "budget": "EUR 12 million",
        "is_published": "on",
    }
    data.update(overrides)
    return data


def test_staff_create_a_call_with_times_in_its_time_zone(staff_client):
    r = staff_client.post(reverse("admin:opportunities_call_add"), _data())
    assert r.status_code == 302, r.context["adminform"].form.errors
    call = Call.objects.get(slug="clean-hydrogen-valleys")
    assert call.closes_at == at(2027, 2, 16, 17, 0, tz="Europe/Helsinki")
    assert call.opens_at == at(2027, 1, 10, 9, 0, tz="Europe/Helsinki")
    assert "<script>" not in call.summary_html


def test_a_call_closing_before_it_opens_is_a_form_error(staff_client):
    r = staff_client.post(reverse("admin:opportunities_call_add"), _data(closes_at_0="2027-01-09"))
    assert r.status_code == 200
    assert "A call must close after it opens." in r.text
    assert not Call.objects.exists()


def test_an_unknown_time_zone_is_a_form_error(staff_client):
    r = staff_client.post(reverse("admin:opportunities_call_add"), _data(timezone="Mars/Olympus"))
    assert r.status_code == 200
    assert "is not a known time zone" in r.text
