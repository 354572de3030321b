"""Freshness: reminders for stale profiles and "Last updated" on the profile page."""

from datetime import timedelta
from io import StringIO

import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from directory.models import Organisation
from tests.client import committed
from tests.factories import make_draft, make_organisation, make_user


def run():
    out = StringIO()
    with committed():  # the command's e-mail goes out as its transaction commits
        call_command("send_profile_reminders", stdout=out)
    return out.getvalue()


def make_stale(manager, **overrides):
    with time_machine.travel(timezone.now() - timedelta(days=400)):
        organisation = make_organisation(**overrides)
    organisation.managers.add(manager)
    return organisation


def test_stale_published_profiles_get_one_reminder_per_run_window(manager_user, db):
    stale = make_stale(manager_user, name="Stale")
    fresh = make_organisation(name="Fresh")
    fresh.managers.add(manager_user)
    assert "Reminded 1 profile(s)" in run()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [manager_user.email]
    assert "Stale" in mail.outbox[0].subject
    assert f"/my/organisations/{stale.slug}/edit/" in mail.outbox[0].body
    # idempotent: a second run the same day sends nothing
    assert "Reminded 0 profile(s)" in run()
    assert len(mail.outbox) == 1
    stale.refresh_from_db()
    assert stale.last_reminded_at is not None
    assert stale.updated < timezone.now() - timedelta(days=365)  # a reminder is not an edit


def test_reminders_repeat_after_30_days_until_the_profile_is_updated(manager_user, db):
    stale = make_stale(manager_user)
    run()
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        run()
    assert len(mail.outbox) == 2
    stale.save()  # the manager saved the profile
    with time_machine.travel(timezone.now() + timedelta(days=62)):
        run()
    assert len(mail.outbox) == 2


def test_drafts_and_profiles_without_managers_are_skipped(manager_user, db):
    with time_machine.travel(timezone.now() - timedelta(days=400)):
        make_draft(manager_user)
        make_organisation()
    assert "Reminded 0 profile(s); 1 stale profile(s) have no manager." in run()
    assert mail.outbox == []


def test_all_managers_of_a_profile_are_reminded_in_one_mail(manager_user, db):
    stale = make_stale(manager_user)
    stale.managers.add(make_user(email="co@example.org"))
    run()
    assert sorted(mail.outbox[0].to) == ["co@example.org", manager_user.email]


def test_profile_page_shows_last_updated(anon, db):
    with time_machine.travel("2025-03-04 12:00Z"):
        organisation = make_organisation()
    html = anon.get(organisation.get_absolute_url()).content.decode()
    assert "<dt>Last updated</dt>" in html
    assert "4 March 2025" in html


def test_reminder_queryset_uses_updated(db):
    assert "updated" in str(Organisation.objects.stale(timezone.now()).query)
