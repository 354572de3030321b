"""E-mails in the subscriber's language (issue 18 §5): the subscription keeps the language of
the page it was made on (changeable on the manage page); its e-mails are rendered in it, say
so in `Content-Language`, and format dates in it (Django's own catalogues name the months)."""

import datetime
import re

import pytest
import time_machine
from django.core import mail

from subscriptions import digest
from subscriptions.models import Subscription
from tests.client import committed
from tests.factories import make_event, make_opportunity, make_term
from tests.i18n import url_in
from tests.subscriptions.helpers import subscribe_data

# A month whose German name differs from its English one.
MARCH = datetime.datetime(2027, 3, 10, 9, 0, tzinfo=datetime.UTC)


def confirm_link(message):
    match = re.search(r"https?://[^/\s]+(/(?:\S*/)?subscriptions/confirm/[^\s/]+/)", message.body)
    assert match, message.body
    return match.group(1)


def subscribe(client, page_language, **data):
    term = make_term(name="Health")
    data.setdefault("content_types", ["events"])
    client.post(
        url_in(page_language, "subscriptions:subscribe"),
        subscribe_data(terms=[term.pk], **data),
        HTTP_ACCEPT_LANGUAGE=page_language,
    )
    return term


@pytest.mark.django_db
def test_a_subscription_takes_the_language_of_the_page(client):
    subscribe(client, "de")
    assert Subscription.objects.get().language == "de"
    confirmation = mail.outbox[-1]
    assert confirmation.extra_headers["Content-Language"] == "de"


@pytest.mark.django_db
def test_the_manage_page_changes_the_language(client):
    subscribe(client, "en")
    subscription = Subscription.objects.get()
    assert subscription.language == "en"
    data = subscribe_data(content_types=["events"], language="pl")
    data.pop("email")
    client.post(subscription.get_absolute_url(), data)
    subscription.refresh_from_db()
    assert subscription.language == "pl"


def digest_for(client, language):
    with time_machine.travel(MARCH):
        term = subscribe(client, "en", language=language, content_types=["events", "opportunities"])
        client.post(confirm_link(mail.outbox[-1]))
        mail.outbox.clear()
    with time_machine.travel(MARCH + datetime.timedelta(minutes=1)):
        make_event(title="Health day", terms=[term], start=MARCH + datetime.timedelta(days=3))
        make_opportunity(
            summary="Partners wanted.",
            summary_translations={"de": "Partner gesucht."},
            terms=[term],
        )
    until = MARCH + datetime.timedelta(minutes=2)
    with time_machine.travel(until), committed():
        subscription = Subscription.objects.get()
        assert digest.send_digest_now(subscription.pk, until, "2027-W10") == "sent"
    assert len(mail.outbox) == 1
    return mail.outbox[0]


@pytest.mark.django_db
def test_a_german_subscribers_digest_is_written_in_german(client):
    message = digest_for(client, "de")
    assert message.extra_headers["Content-Language"] == "de"
    assert "März 2027" in message.body  # the period, dated by Django's German catalogue
    assert "March" not in message.body
    html = {mime: body for body, mime in message.alternatives}["text/html"]
    assert '<html lang="de">' in html
    assert "Partner gesucht." in message.body  # the summary's German version


@pytest.mark.django_db
def test_an_english_subscribers_digest_stays_english(client):
    message = digest_for(client, "en")
    assert message.extra_headers["Content-Language"] == "en"
    assert "March 2027" in message.body
    assert "Partners wanted." in message.body
