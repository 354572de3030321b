"""Sending the site's e-mail: one way for every app (imports no app).

    from eca_site.lib.mail import send_after_commit
    send_after_commit("Your profile is published", "directory/email/published.txt", ctx, emails)

The message is rendered at once (so a template error shows where it happens) and stored as an
`OutgoingMail` row in the current transaction: a change that rolls back sends nothing. When the
transaction commits, the `deliver` task is enqueued (`django.tasks`: in the same process with
the immediate backend, by a `manage.py db_worker` process with the database one), so a slow or
failing mail server never slows a page. A refused or timed-out send is retried with back-off
(`MAIL_RETRY_SECONDS` doubling, up to `MAIL_MAX_ATTEMPTS`), and a message is never sent twice:
the task locks its row and skips it once it is marked sent; `key` (unique) makes enqueueing
idempotent too (a digest run again for the same period finds its key taken). `manage.py
retry_mail` re-enqueues messages whose retry is due but whose task never ran (a worker killed
mid-task, the immediate backend). Subjects are made single-line, so no user-supplied name can
inject a header.
"""

import hashlib
import logging
import uuid
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext

from eca_site.lib.models import OutgoingMail

from .forms import strip_control_characters

logger = logging.getLogger(__name__)

SUBJECT_MAX_LENGTH = 200
RETRY_CAP_SECONDS = 3600


class MailNotDelivered(Exception):
    """The mail server refused or did not answer; the message waits for its next attempt."""


def single_line(text, max_length=SUBJECT_MAX_LENGTH):
    """`text` on one line: control characters (CR, LF, tab ...) become one space."""
    text = " ".join(strip_control_characters(str(text)).split())
    return text if len(text) <= max_length else text[: max_length - 1] + "…"


def absolute_url(path, request=None):
    """`path` with scheme and host: the request's when there is one, else DJANGO_SITE_URL."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + path


# RFC 5322's limit on a line; 8bit text must keep to it.
MAX_LINE_BYTES = 998


class EightBitEmailMessage(EmailMultiAlternatives):
    """Plain UTF-8 text sent as 8bit, not quoted-printable: QP splits long lines with soft
    breaks ("=" at the end), so a link copied from the console backend or a plain mail
    client was broken. Bodies with a line over 998 bytes, and messages with an HTML
    alternative (the digest), fall back to Django's choice."""

    def _add_bodies(self, msg):
        body = self.body or ""
        if (
            self.attachments
            or self.alternatives
            or any(len(line.encode()) > MAX_LINE_BYTES for line in body.splitlines())
        ):
            return super()._add_bodies(msg)
        msg.set_content(body, subtype=self.content_subtype, charset="utf-8", cte="8bit")
        return None


def staff_recipients():
    """The addresses of active staff users, each once, sorted."""
    users = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def send_after_commit(subject, template, ctx, recipients, *, html_template=None, headers=None):
    """Render `template` (and `html_template`, an HTML alternative) with `ctx` and send it to
    `recipients` once the transaction commits.

    Returns the number of recipients (0: nothing to send).
    """
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return 0
    ctx = {"SITE_NAME": gettext(settings.SITE_NAME), **ctx}
    body = render_to_string(template, ctx)
    html = render_to_string(html_template, ctx) if html_template else ""
    queue_mail(subject, body, recipients, html=html, headers=headers)
    return len(recipients)


def queue_mail(subject, body, recipients, *, html="", headers=None, key=None):
    """Store one message for `recipients` and deliver it once the transaction commits.

    `key` names the message for idempotency (e.g. "digest:<subscription>:<period>"): when a
    message with that key exists already, nothing is stored or sent and None is returned.
    """
    mail, created = OutgoingMail.objects.get_or_create(
        key=key or f"mail:{uuid.uuid4().hex}",
        defaults={
            "subject": single_line(subject),
            "body": body,
            "html": html,
            "from_email": settings.DEFAULT_FROM_EMAIL,
            "to": list(recipients),
            "headers": {name: single_line(value, 2000) for name, value in (headers or {}).items()},
        },
    )
    if not created:
        return None
    transaction.on_commit(partial(enqueue_delivery, mail.pk), robust=True)
    return mail


def enqueue_delivery(mail_id, delay=None):
    """Enqueue `deliver(mail_id)`, after `delay` when the backend can defer (else at once)."""
    if delay and deliver.get_backend().supports_defer:
        return deliver.using(run_after=timezone.now() + delay).enqueue(mail_id)
    return deliver.enqueue(mail_id)


def retry_delay(attempts):
    """The wait after `attempts` failed tries: MAIL_RETRY_SECONDS doubling, capped at an hour."""
    seconds = settings.MAIL_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, RETRY_CAP_SECONDS))


def message_id(mail):
    """A Message-ID derived from the key: were a message ever delivered twice (a worker killed
    between the server's acceptance and our write), the receiving side sees one message."""
    digest = hashlib.sha256(mail.key.encode()).hexdigest()[:32]
    domain = mail.from_email.rpartition("@")[2] or "localhost"
    return f"<{digest}@{domain}>"


def build_message(mail):
    message = EightBitEmailMessage(
        mail.subject,
        mail.body,
        mail.from_email,
        mail.to,
        headers={**mail.headers, "Message-ID": message_id(mail)},
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    return message


@task(queue_name="mail")
def deliver(mail_id):
    """Send one stored message, at most once; on failure record why and schedule a retry.

    The row stays locked while the mail server is talked to, so two workers given the same
    message (a retried task, `retry_mail`) send it once. Raises `MailNotDelivered` after a
    failed try, so the queue shows the error; the retry is a new task.
    """
    failure = None
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status != OutgoingMail.Status.PENDING:
            return "nothing to send"
        mail.attempts += 1
        try:
            build_message(mail).send()
        except Exception as exc:  # any failure of the mail server or connection: retry
            failure = exc
            mail.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
            if mail.attempts >= settings.MAIL_MAX_ATTEMPTS:
                mail.status = OutgoingMail.Status.FAILED
                mail.next_attempt_at = None
            else:
                delay = retry_delay(mail.attempts)
                mail.next_attempt_at = timezone.now() + delay
                if deliver.get_backend().supports_defer:
                    transaction.on_commit(partial(enqueue_delivery, mail.pk, delay), robust=True)
        else:
            mail.status = OutgoingMail.Status.SENT
            mail.sent_at = timezone.now()
            mail.next_attempt_at = None
        mail.save()
    if failure is not None:
        logger.warning(
            "Mail %s not delivered (attempt %s): %s", mail.pk, mail.attempts, mail.last_error
        )
        raise MailNotDelivered(mail.last_error) from failure
    return "sent"


def retry_due_mail(grace=timedelta(minutes=10)):
    """Enqueue again every waiting message whose task should have run by now (its retry time,
    or its creation, is more than `grace` ago): a worker killed mid-task, an enqueue lost
    with a crash, or the immediate backend, which cannot defer a retry. Returns how many."""
    cutoff = timezone.now() - grace
    due = OutgoingMail.objects.filter(status=OutgoingMail.Status.PENDING).filter(
        Q(next_attempt_at__lte=cutoff) | Q(next_attempt_at__isnull=True, created__lte=cutoff)
    )
    ids = list(due.values_list("pk", flat=True))
    for mail_id in ids:
        enqueue_delivery(mail_id)
    return len(ids)
