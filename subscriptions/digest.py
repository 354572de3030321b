"""The e-mail digest: per subscriber, what was published since their last digest and matches
their choices, as one message with a plain-text and an HTML part (issue 17).

`send_digests` (the management command, cron) enqueues one `send_digest` task per recipient;
the task builds, stores and marks the period in one transaction, and the message is delivered
by `eca_site.lib.mail.deliver`. Idempotent per subscriber and period: a task run twice, or a
command run twice, sends one digest (the period's end is recorded on the subscription, and the
message's key is unique).
"""

import zoneinfo
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from eca_site.lib.languages import site_language
from eca_site.lib.mail import in_language, queue_mail
from eca_site.lib.registry import DigestChoices, digest_sections

from .models import Subscription
from .services import links, unsubscribe_headers


@dataclass
class Section:
    key: str
    label: str
    items: list


def period_label(until, frequency):
    """The period a digest ending at `until` covers, in Brussels: "2026-W49" or "2026-12-02"."""
    local = timezone.localtime(until, zoneinfo.ZoneInfo(settings.TIME_ZONE))
    if frequency == Subscription.Frequency.DAILY:
        return local.date().isoformat()
    year, week, _ = local.isocalendar()
    return f"{year}-W{week:02d}"


def choices_of(subscription):
    return DigestChoices(
        countries=frozenset(str(code) for code in subscription.countries),
        term_ids=frozenset(term.pk for term in subscription.terms.all()),
    )


def since_of(subscription):
    return subscription.last_digest_at or subscription.consent_at or subscription.created


def build_sections(subscription, since, until):
    """The non-empty sections of the digest, in the registry's order (one query each)."""
    choices = choices_of(subscription)
    sections = []
    for section in digest_sections:
        if section.key not in subscription.content_types:
            continue
        if subscription.frequency not in section.frequencies:
            continue
        items = section.items(since, until, choices)
        if items:
            sections.append(Section(section.key, section.label, items))
    return sections


def render_digest(subscription, sections, since, until):
    """(subject, text, html) of a digest."""
    count = sum(len(section.items) for section in sections)
    tz = subscription.time_zone or settings.TIME_ZONE
    site_name = gettext(settings.SITE_NAME)  # its English is marked where the header shows it
    ctx = {
        "SITE_NAME": site_name,
        "subscription": subscription,
        "sections": sections,
        "count": count,
        "since": since,
        "until": until,
        "tz": tz,
        "tz_name": tz.replace("_", " "),
        **links(subscription),
    }
    if subscription.frequency == Subscription.Frequency.DAILY:
        subject = ngettext(
            "Your daily digest: %(count)s new item in the %(site)s",
            "Your daily digest: %(count)s new items in the %(site)s",
            count,
        )
    else:
        subject = ngettext(
            "Your weekly digest: %(count)s new item in the %(site)s",
            "Your weekly digest: %(count)s new items in the %(site)s",
            count,
        )
    subject %= {"count": count, "site": site_name}
    text = render_to_string("subscriptions/email/digest.txt", ctx)
    html = render_to_string("subscriptions/email/digest.html", ctx)
    return subject, text, html


def digest_key(subscription, period):
    return f"subscription:{subscription.pk}:digest:{period}"


def send_digest_now(subscription_id, until, period):
    """Build and store the digest of one subscriber for the period ending at `until`.

    Returns "sent", "empty" (nothing matched: nothing is sent, the period still counts),
    "done before" or "inactive".
    """
    with transaction.atomic():
        subscription = (
            Subscription.objects.active().select_for_update().filter(pk=subscription_id).first()
        )
        if subscription is None:
            return "inactive"
        if subscription.last_digest_period == period:
            return "done before"
        since = since_of(subscription)
        with in_language(subscription.language):  # its words, dates and links
            sections = build_sections(subscription, since, until)
            digest = render_digest(subscription, sections, since, until) if sections else None
        result = "empty"
        if sections:
            subject, text, html = digest
            queued = queue_mail(
                subject,
                text,
                [subscription.email],
                html=html,
                headers=unsubscribe_headers(subscription),
                key=digest_key(subscription, period),
                language=site_language(subscription.language),
            )
            result = "sent" if queued else "done before"
        subscription.last_digest_at = until
        subscription.last_digest_period = period
        subscription.save(update_fields=["last_digest_at", "last_digest_period"])
    return result


@task(queue_name="default")
def send_digest(subscription_id, until_iso, period):
    """One recipient's digest (arguments are JSON: the period's end as ISO 8601)."""
    return send_digest_now(subscription_id, datetime.fromisoformat(until_iso), period)


def enqueue_digests(frequency, now=None):
    """Enqueue one `send_digest` task per active subscriber of `frequency` who has had no
    digest for the current period; delete expired unconfirmed requests first. Returns how
    many."""
    now = now or timezone.now()
    Subscription.objects.expired_unconfirmed(now).delete()
    period = period_label(now, frequency)
    due = Subscription.objects.active().filter(frequency=frequency)
    due = due.exclude(last_digest_period=period)
    ids = list(due.order_by("pk").values_list("pk", flat=True))
    for subscription_id in ids:
        send_digest.enqueue(subscription_id, now.isoformat(), period)
    return len(ids)
