"""All e-mail goes through `eca_site.lib.mail`: stored, delivered by a background task after
the commit, retried with back-off, never lost and never sent twice (issue 17)."""

import time

import pytest
from django.core import mail
from django.db import connection, transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from eca_site.lib.mail import deliver, queue_mail, retry_due_mail, send_after_commit
from eca_site.lib.models import OutgoingMail
from tests.client import committed
from tests.workers import database_tasks, fake_smtp, start_worker, stop_worker, worker_process

pytestmark = pytest.mark.django_db


def _send(to="ada@cluster.example.eu"):
    return send_after_commit(
        "Your profile is published", "directory/email/published.txt", {"organisation": "X"}, [to]
    )


def test_nothing_is_sent_when_the_transaction_rolls_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        _send()
        raise RuntimeError("the change failed")
    assert OutgoingMail.objects.count() == 0
    assert mail.outbox == []


def test_a_committed_message_is_stored_then_delivered_once_by_the_task():
    with committed():
        assert _send() == 1
        assert mail.outbox == []  # not before the commit
    stored = OutgoingMail.objects.get()
    assert stored.status == OutgoingMail.Status.SENT and stored.attempts == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ada@cluster.example.eu"]
    assert mail.outbox[0].extra_headers["Message-ID"].endswith("@clustersalliance.eu>")
    deliver.call(stored.pk)  # a retried task finds it sent
    assert len(mail.outbox) == 1


def test_a_message_key_is_enqueued_once():
    with committed():
        assert queue_mail("Digest", "body", ["a@example.eu"], key="digest:1:2026-W49")
        assert queue_mail("Digest", "body", ["a@example.eu"], key="digest:1:2026-W49") is None
    assert len(mail.outbox) == 1


def test_a_refused_send_is_retried_until_it_is_delivered_exactly_once(settings):
    with fake_smtp(refuse=2) as smtp:
        settings.MAILERS = smtp.mailers
        with committed():
            _send()
        stored = OutgoingMail.objects.get()
        assert (stored.status, stored.attempts) == ("pending", 1)
        assert "451" in stored.last_error and stored.next_attempt_at
        with committed():
            retry_due_mail(grace=_overdue())
            retry_due_mail(grace=_overdue())
        messages = smtp.wait_for(1)
        stored.refresh_from_db()
    assert stored.status == OutgoingMail.Status.SENT and stored.attempts == 3
    assert len(messages) == 1 and messages[0]["To"] == "ada@cluster.example.eu"
    assert retry_due_mail(grace=_overdue()) == 0


def _overdue():
    """A grace so negative that every waiting message counts as due."""
    from datetime import timedelta

    return -timedelta(days=1)


def test_after_the_last_attempt_the_message_is_kept_as_failed(settings):
    settings.MAIL_MAX_ATTEMPTS = 2
    with fake_smtp(refuse=5) as smtp:
        settings.MAILERS = smtp.mailers
        with committed():
            _send()
            retry_due_mail(grace=_overdue())
        stored = OutgoingMail.objects.get()
    assert (stored.status, stored.attempts) == ("failed", 2)
    assert "451" in stored.last_error


def test_a_refusing_mail_server_never_fails_the_visitors_request(anon, settings):
    with fake_smtp(refuse=100) as smtp:
        settings.MAILERS = smtp.mailers
        response = anon.post(
            reverse("accounts:signup"),
            {
                "name": "Ada Lovelace",
                "email": "ada@cluster.example.eu",
                "password1": "Correct-horse-battery-9",
                "password2": "Correct-horse-battery-9",
                "accept_terms": "on",
                "accept_privacy": "on",
                "homepage": "",
            },
        )
    assert response.status_code == 302
    stored = OutgoingMail.objects.get()
    assert stored.status == "pending" and "/accounts/verify/" in stored.body


# ----- A real worker process (django-tasks-db on PostgreSQL) ----------------------------------


@pytest.fixture
def postgres(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("the database task queue is tested on PostgreSQL (DATABASE_URL=postgres://…)")


def test_a_worker_process_retries_a_refused_message_and_delivers_it_once(postgres, settings):
    with fake_smtp(refuse=2) as smtp, database_tasks(settings):
        _send()  # autocommit: enqueued at once, into the database
        assert DBTaskResult.objects.ready().count() == 1
        with worker_process(smtp):
            smtp.wait_for(1, timeout=60)
            time.sleep(1)  # nothing else arrives
        assert len(smtp.messages) == 1
    stored = OutgoingMail.objects.get()
    assert (stored.status, stored.attempts) == ("sent", 3)
    results = DBTaskResult.objects.order_by("enqueued_at")
    assert [result.status for result in results] == ["FAILED", "FAILED", "SUCCESSFUL"]
    assert "MailNotDelivered" in results[0].exception_class_path
    assert "451" in results[0].traceback


def test_a_worker_killed_mid_send_leaves_the_message_to_be_sent_again(postgres, settings):
    with fake_smtp(refuse=1, hang=3) as smtp, database_tasks(settings):
        _send()
        worker = start_worker(smtp, EMAIL_TIMEOUT="20")
        deadline = time.monotonic() + 30
        while smtp.attempts < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        stop_worker(worker, kill=True)  # SIGKILL while the server has not answered
        stored = OutgoingMail.objects.get()
        assert (stored.status, stored.attempts) == ("pending", 0)  # its transaction never ended
        assert retry_due_mail(grace=_overdue()) == 1
        with worker_process(smtp):
            smtp.wait_for(1, timeout=60)
            time.sleep(1)
        assert len(smtp.messages) == 1
    stored.refresh_from_db()
    assert stored.status == "sent"


def test_staff_send_a_failed_message_again_from_the_admin(staff_client, settings):
    settings.MAIL_MAX_ATTEMPTS = 1
    with fake_smtp(refuse=1) as smtp:
        settings.MAILERS = smtp.mailers
        with committed():
            _send()
        stored = OutgoingMail.objects.get()
        assert stored.status == "failed"
        changelist = reverse("admin:eca_site_outgoingmail_changelist")
        change = reverse("admin:eca_site_outgoingmail_change", args=[stored.pk])
        assert "451" in staff_client.get(change).content.decode()
        response = staff_client.post(
            changelist, {"action": "send_again", "_selected_action": [stored.pk]}, follow=True
        )
        assert "1 message(s) enqueued again." in response.content.decode()
        assert len(smtp.wait_for(1)) == 1
    stored.refresh_from_db()
    assert stored.status == "sent"


def test_the_password_reset_mail_goes_through_the_queue_too(client, manager_user):
    client.post(reverse("accounts:password_reset"), {"email": "manager@example.org"})
    stored = OutgoingMail.objects.get()
    assert stored.to == ["manager@example.org"] and stored.status == "sent"
    assert "/accounts/reset/" in stored.body and len(mail.outbox) == 1
