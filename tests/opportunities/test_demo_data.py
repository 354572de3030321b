"""generate_demo_data creates calls and opportunities in every state, and again the same."""

import os

import pytest
from django.core.management import call_command
from django.utils import timezone

from opportunities.models import Call, CallStatus, Opportunity

pytestmark = pytest.mark.django_db


def generate():
    with open(os.devnull, "w") as devnull:
        call_command("generate_demo_data", "--organisations", "20", "--force", stdout=devnull)


def test_demo_data_has_every_state_and_is_idempotent():
    generate()
    counts = (Call.objects.count(), Opportunity.objects.count())
    statuses = {call.status for call in Call.objects.all()}
    assert statuses == set(CallStatus)
    assert set(Opportunity.objects.values_list("status", flat=True)) == set(Opportunity.Status)
    assert Opportunity.objects.expired().exists()
    assert Opportunity.objects.live().exists()
    assert all(o.expires_on <= o.latest_expiry for o in Opportunity.objects.all())
    generate()
    assert (Call.objects.count(), Opportunity.objects.count()) == counts
    assert timezone.localdate()  # demo data is relative to today
