"""The journey of issue 17's "Done when": subscribe, confirm, publish matching and
non-matching content, `send_digests`, exactly one digest with exactly the matching items (both
parts, one-click headers), one-click POST unsubscribes, the next run sends nothing. Once with
the immediate backend, once with a real worker process on PostgreSQL and a real SMTP server."""

import datetime
import re
import time

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from subscriptions.models import Subscription
from tests.client import Client, committed
from tests.factories import (
    make_best_practice,
    make_document,
    make_event,
    make_news_item,
    make_organisation,
    make_term,
)
from tests.subscriptions.helpers import subscribe_data

MATCHING = ["Matching profile", "Matching event", "Matching news", "Europe-wide news"]
NOT_MATCHING = [
    "Profile elsewhere",
    "Event in France",
    "Event on another topic",
    "Old event",
    "News on another topic",
    "A document",
    "A best practice",
]


def publish_content(term, other_term):
    """Content published now: what a subscriber to ES + `term`, events/news/profiles, gets."""
    now = timezone.now()
    spain = make_organisation(name="Matching profile", country="ES", reviewed_at=now)
    spain.terms.add(term)
    make_organisation(name="Profile elsewhere", country="FR", reviewed_at=now).terms.add(term)
    make_event(title="Matching event", country="ES", terms=[term], start=at_noon(10))
    make_event(title="Event in France", country="FR", terms=[term])
    make_event(title="Event on another topic", country="ES", terms=[other_term])
    news = make_news_item(title="Matching news", organisation=spain, published_at=now)
    news.terms.add(term)
    make_news_item(title="Europe-wide news", published_at=now).terms.add(
        term
    )  # no organisation: any country
    other_news = make_news_item(title="News on another topic", organisation=spain, published_at=now)
    other_news.terms.add(other_term)
    make_document(title="A document", organisation=spain)  # documents not chosen
    make_best_practice(spain, title="A best practice")  # best practices not chosen


def send_digests():
    """The command, then a commit (the test's transaction never commits by itself)."""
    with committed(), open("/dev/null", "w") as devnull:
        call_command("send_digests", stdout=devnull)


def at_noon(days):
    """Noon UTC `days` from now: 13:00 in Brussels in winter."""
    day = timezone.now().date() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


def choices(term):
    return subscribe_data(
        content_types=["profiles", "events", "news"], countries=["ES"], terms=[term.pk]
    )


def link(text, name):
    match = re.search(rf"https?://\S+/subscriptions/{name}/[^\s/]+/", text)
    assert match, f"no {name} link in {text!r}"
    return match.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def assert_one_digest(message_text, html, headers):
    for title in MATCHING:
        assert message_text.count(f"* {title}\n") == 1, title  # each item once
        assert html.count(f">{title}</a>") == 1, title
    for title in NOT_MATCHING:
        assert title not in message_text and title not in html, title
    assert "<h1" in html and "<h2" in html and 'lang="en"' in html
    assert re.search(r'href="https?://[^"]+/events/', html)  # absolute links
    assert "13:00 (Europe/Brussels)" in message_text  # the event in the recipient's time zone
    unsubscribe = headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http") and "/subscriptions/unsubscribe/" in unsubscribe
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    return unsubscribe.strip("<>")


@pytest.mark.django_db
def test_subscribe_confirm_digest_unsubscribe_with_the_immediate_backend(client):
    term, other_term = make_term(name="Health"), make_term(name="Textiles")
    make_event(title="Old event", country="ES", terms=[term])  # published before consent
    client.post("/subscriptions/", choices(term))
    client.post(link(mail.outbox[-1].body, "confirm"))
    assert Subscription.objects.get().status == "active"
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1)):
        publish_content(term, other_term)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        send_digests()
        send_digests()  # twice: still one digest
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    html = {mime: body for body, mime in digest.alternatives}["text/html"]
    unsubscribe = assert_one_digest(digest.body, html, digest.extra_headers)

    response = Client(enforce_csrf_checks=True).post(
        unsubscribe.split("://", 1)[1].split("/", 1)[1].join(["/", ""]),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        make_event(title="Matching event 2", country="ES", terms=[term])
        send_digests()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_no_digest_when_nothing_matches_yet_the_period_counts(client):
    term = make_term()
    client.post("/subscriptions/", choices(term))
    client.post(link(mail.outbox[-1].body, "confirm"))
    mail.outbox.clear()
    make_event(title="Event in France", country="FR", terms=[term])
    send_digests()
    assert mail.outbox == []
    assert Subscription.objects.get().last_digest_period


# ----- The same journey with a real worker process, PostgreSQL and an SMTP server -----------


@pytest.fixture
def postgres(transactional_db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the database task queue is tested on PostgreSQL (DATABASE_URL=postgres://…)")


def parts(message):
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text.replace("\r\n", "\n"), html


def test_the_journey_with_a_worker_process_on_postgresql(postgres, settings):
    from tests.workers import database_tasks, fake_smtp, worker_process

    with fake_smtp(refuse=1) as smtp, database_tasks(settings), worker_process(smtp):
        client = Client()
        term, other_term = make_term(name="Health"), make_term(name="Textiles")
        make_event(title="Old event", country="ES", terms=[term])
        assert client.post("/subscriptions/", choices(term)).status_code == 302
        confirmation = smtp.wait_for(1, timeout=60)[0]  # refused once, then delivered
        client.post(link(confirmation.get_content(), "confirm"))
        assert Subscription.objects.get().status == "active"
        publish_content(term, other_term)
        send_digests()
        send_digests()  # twice: still one digest
        messages = smtp.wait_for(2, timeout=60)
        time.sleep(1)  # nothing more arrives
        assert len(smtp.messages) == 2
        text, html = parts(messages[1])
        unsubscribe = assert_one_digest(text, html, messages[1])
        path = "/" + unsubscribe.split("://", 1)[1].split("/", 1)[1]
        response = Client(enforce_csrf_checks=True).post(
            path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 200
        assert Subscription.objects.active().count() == 0
        make_event(title="Matching event 2", country="ES", terms=[term])
        with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
            send_digests()
        time.sleep(1)
        assert len(smtp.messages) == 2
