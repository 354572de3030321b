"""Sending the site's e-mail: one way for every app (imports no app).

    from eca_site.lib.mail import send_after_commit
    send_after_commit("Your profile is published", "directory/email/published.txt", ctx, emails)

The message is rendered at once (so a template error shows where it happens) and handed to the
mail backend only when the current transaction commits: a change that rolls back sends
nothing, and no e-mail goes out from inside a row lock. Subjects are made single-line, so no
user-supplied name can inject a header.
"""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
SUBJECT_MAX_LENGTH = 200


def single_line(text, max_length=SUBJECT_MAX_LENGTH):
    """`text` on one line: control characters (CR, LF, tab ...) become one space."""
    text = " ".join(_CONTROL.sub(" ", str(text)).split())
    return text if len(text) <= max_length else text[: max_length - 1] + "…"


def absolute_url(path, request=None):
    """`path` with scheme and host: the request's when there is one, else DJANGO_SITE_URL."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + path


# RFC 5322's limit on a line; 8bit text must keep to it.
MAX_LINE_BYTES = 998


class EightBitEmailMessage(EmailMessage):
    """Plain UTF-8 text sent as 8bit, not quoted-printable: QP splits long lines with soft
    breaks ("=" at the end), so a link copied from the console backend or a plain mail
    client was broken. Bodies with a line over 998 bytes fall back to Django's choice."""

    def _add_bodies(self, msg):
        body = self.body or ""
        if self.attachments or any(
            len(line.encode()) > MAX_LINE_BYTES for line in body.splitlines()
        ):
            return super()._add_bodies(msg)
        msg.set_content(body, subtype=self.content_subtype, charset="utf-8", cte="8bit")
        return None


def staff_recipients():
    """The addresses of active staff users, each once, sorted."""
    users = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def send_after_commit(subject, template, ctx, recipients):
    """Render `template` with `ctx` and send it to `recipients` once the transaction commits.

    Returns the number of recipients (0: nothing to send).
    """
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return 0
    subject = single_line(subject)
    body = render_to_string(template, {"SITE_NAME": settings.SITE_NAME, **ctx})
    message = EightBitEmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    transaction.on_commit(message.send, robust=True)
    return len(recipients)
