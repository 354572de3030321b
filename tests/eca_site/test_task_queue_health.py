"""/healthz reports the task queue when tasks wait in the database (issue 17)."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from eca_site.lib.mail import deliver
from tests.workers import database_tasks

pytestmark = pytest.mark.django_db


def test_healthz_reports_how_many_tasks_wait_and_the_age_of_the_oldest(anon, settings):
    start = timezone.now()
    with database_tasks(settings):
        with time_machine.travel(start, tick=False):
            deliver.enqueue(1)
        with time_machine.travel(start + datetime.timedelta(minutes=1), tick=False):
            deliver.enqueue(2)
            deliver.using(run_after=start + datetime.timedelta(hours=1)).enqueue(3)  # not yet
        with time_machine.travel(start + datetime.timedelta(minutes=5), tick=False):
            response = anon.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "tasks": {"waiting": 2, "oldest_waiting_seconds": 300.0},
    }


def test_healthz_with_the_immediate_backend_has_no_queue_to_report(anon):
    assert anon.get(reverse("healthz")).json() == {"status": "ok"}
