"""The subscription workflow: request (double opt-in), confirm, change, unsubscribe, delete,
suspend. Every e-mail goes through `eca_site.lib.mail` (a background task after the commit)."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy

from eca_site.lib.languages import site_language
from eca_site.lib.mail import absolute_url, send_after_commit

from .models import Subscription, normalise_email


def unsubscribe_headers(subscription):
    """RFC 8058 one-click unsubscribe, on every message to a subscriber."""
    link = absolute_url(
        reverse("subscriptions:unsubscribe", args=[subscription.token("unsubscribe")])
    )
    return {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def links(subscription):
    return {
        "manage_url": absolute_url(subscription.get_absolute_url()),
        "unsubscribe_url": absolute_url(
            reverse("subscriptions:unsubscribe", args=[subscription.token("unsubscribe")])
        ),
    }


def save_choices(subscription, data):
    """Store the choices of a cleaned subscription form (content types, countries, terms,
    frequency)."""
    subscription.content_types = list(data["content_types"])
    subscription.countries = list(data["countries"])
    subscription.frequency = data["frequency"]
    if data.get("language"):
        subscription.language = site_language(data["language"])
    subscription.save()
    subscription.terms.set(data["terms"])


def request_subscription(email, data, *, source=Subscription.Source.FORM, user=None):
    """Someone asks to subscribe `email` with the choices in `data`.

    A new or unconfirmed address gets the confirmation link; an address already subscribed
    gets a link to manage its subscription instead (so the page never tells who is
    subscribed). Either is sent at most once an hour per address. Nothing else is sent until
    the address is confirmed. Returns the subscription.
    """
    email = normalise_email(email)
    now = timezone.now()
    with transaction.atomic():
        subscription, _ = Subscription.objects.select_for_update().get_or_create(
            email=email,
            defaults={
                "requested_at": now,
                "consent_source": source,
                "user": user,
                "language": site_language(get_language()),
            },
        )
        if subscription.status in {"pending", "unsubscribed"}:  # an active one keeps its own
            subscription.requested_at = now
            subscription.consent_source = source
            subscription.user = subscription.user or user
            save_choices(subscription, data)
        if not subscription.may_send_confirmation(now) or subscription.suspended_at:
            return subscription
        subscription.confirmation_sent_at = now
        subscription.save(update_fields=["confirmation_sent_at", "updated"])
        if subscription.is_active:
            subject = gettext_lazy(
                "Manage your subscription to the European Cluster Directory digest"
            )
            template = "subscriptions/email/manage.txt"
            ctx = links(subscription)
        else:
            subject = gettext_lazy(
                "Confirm your subscription to the European Cluster Directory digest"
            )
            template = "subscriptions/email/confirm.txt"
            ctx = {
                **links(subscription),
                "confirm_url": absolute_url(
                    reverse("subscriptions:confirm", args=[subscription.token("confirm")])
                ),
            }
        send_after_commit(
            subject,  # lazy: translated in the subscription's language
            template,
            {"subscription": subscription, **ctx},
            [email],
            headers=unsubscribe_headers(subscription),
            language=subscription.language,
        )
    return subscription


def subscribe_confirmed(user, data):
    """A signed-in user whose address is verified subscribes from `/my/`: no confirmation
    round-trip (the account's verification proved the address); consent recorded now."""
    now = timezone.now()
    with transaction.atomic():
        subscription, _ = Subscription.objects.select_for_update().get_or_create(
            email=normalise_email(user.email),
            defaults={"requested_at": now, "language": site_language(get_language())},
        )
        subscription.user = user
        subscription.consent_source = Subscription.Source.ACCOUNT
        _confirm(subscription, now)
        save_choices(subscription, data)
    return subscription


def _confirm(subscription, now):
    subscription.confirmed_at = subscription.confirmed_at or now
    subscription.consent_at = now
    subscription.unsubscribed_at = None
    if subscription.last_digest_at is None or subscription.last_digest_at < now:
        subscription.last_digest_at = now  # the first digest covers what comes after consent


def confirm(subscription):
    """The owner followed the confirmation link. Idempotent."""
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if subscription.confirmed_at is None or subscription.unsubscribed_at:
            _confirm(subscription, timezone.now())
            subscription.save()
    return subscription


def unsubscribe(subscription):
    """Stop every message to this address (one click, no login). Idempotent."""
    Subscription.objects.filter(pk=subscription.pk, unsubscribed_at__isnull=True).update(
        unsubscribed_at=timezone.now(), updated=timezone.now()
    )


def delete_all_data(subscription):
    """Forget the address: the subscription and the stored copies of the messages sent to it."""
    from eca_site.lib.models import OutgoingMail

    with transaction.atomic():
        OutgoingMail.objects.filter(key__startswith=f"subscription:{subscription.pk}:").delete()
        OutgoingMail.objects.filter(to=[subscription.email]).delete()
        subscription.delete()


def suspend(subscriptions, reason):
    """Stop sending to these addresses (bounces, complaints, staff); a webhook of the mail
    provider can call this too. Returns how many were suspended."""
    return subscriptions.filter(suspended_at__isnull=True).update(
        suspended_at=timezone.now(), suspended_reason=reason, updated=timezone.now()
    )


def unsuspend(subscriptions):
    return subscriptions.exclude(suspended_at=None).update(
        suspended_at=None, suspended_reason="", updated=timezone.now()
    )
