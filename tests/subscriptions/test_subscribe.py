"""/subscriptions/: double opt-in, rate-limited confirmations, bad addresses (issue 17)."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from subscriptions.models import Subscription
from tests.factories import make_organisation, make_user
from tests.subscriptions.helpers import last_mail_to, link_in, subscribe_data

pytestmark = pytest.mark.django_db

URL = "/subscriptions/"


def test_the_page_has_one_h1_and_labelled_choices(anon):
    make_organisation(country="ES")
    response = anon.get(URL)
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert '<label for="id_email">' in html
    for key in ["profiles", "events", "news", "documents", "best-practices"]:
        assert f'value="{key}"' in html, key
    assert "Spain" in html  # countries that have profiles


def test_subscribing_sends_only_a_confirmation_and_stores_nothing_active(anon):
    response = anon.post(URL, subscribe_data(email="Reader@Cluster.Example.EU"))
    assert response.status_code == 302 and response.url == reverse("subscriptions:requested")
    subscription = Subscription.objects.get()
    assert subscription.email == "reader@cluster.example.eu"
    assert subscription.status == "pending" and subscription.consent_at is None
    assert subscription.content_types == ["events", "news"]
    message = last_mail_to("reader@cluster.example.eu")
    assert len(mail.outbox) == 1 and "Confirm" in message.subject
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_confirming_records_consent_time_and_source(anon):
    anon.post(URL, subscribe_data())
    confirm = link_in(last_mail_to("reader@cluster.example.eu"), "subscriptions:confirm")
    assert "Yes, confirm" in anon.get(confirm).content.decode()  # a GET (link scanner) does not
    assert Subscription.objects.get().status == "pending"
    response = anon.post(confirm)
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.status == "active"
    assert subscription.consent_at and subscription.consent_source == "form"


def test_a_second_request_within_the_hour_sends_nothing_more(anon):
    for _ in range(3):
        assert anon.post(URL, subscribe_data()).status_code == 302
    assert len(mail.outbox) == 1
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61)):
        anon.post(URL, subscribe_data())
    assert len(mail.outbox) == 2


def test_an_already_subscribed_address_gets_a_manage_link_and_keeps_its_choices(anon):
    anon.post(URL, subscribe_data())
    anon.post(link_in(last_mail_to("reader@cluster.example.eu"), "subscriptions:confirm"))
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        response = anon.post(URL, subscribe_data(content_types=["documents"]))
    assert response.url == reverse("subscriptions:requested")  # the same answer as for anyone
    assert "Manage" in mail.outbox[-1].subject
    assert Subscription.objects.get().content_types == ["events", "news"]


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("not-an-address", "Enter a valid email address."),
        ("someone@mailinator.com", "throw-away"),
        ("someone@eu.yopmail.com", "throw-away"),
        ("someone@localhost", "throw-away"),
    ],
)
def test_invalid_or_disposable_addresses_are_refused_with_the_input_kept(anon, email, message):
    response = anon.post(URL, subscribe_data(email=email))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and f'value="{email}"' in html
    assert Subscription.objects.count() == 0 and mail.outbox == []


def test_no_content_type_is_an_error(anon):
    response = anon.post(URL, subscribe_data(content_types=[]))
    assert "Choose at least one kind of content." in response.content.decode()


def test_unconfirmed_requests_expire(anon):
    anon.post(URL, subscribe_data())
    later = timezone.now() + datetime.timedelta(days=8)
    assert Subscription.objects.expired_unconfirmed(now=later).count() == 1
    confirm = link_in(last_mail_to("reader@cluster.example.eu"), "subscriptions:confirm")
    with time_machine.travel(later):
        assert anon.post(confirm).status_code == 404


def test_a_verified_signed_in_user_subscribes_without_a_round_trip(client):
    user = make_user(email="member@cluster.example.eu")
    client.force_login(user)
    response = client.post(URL, subscribe_data(email="member@cluster.example.eu"))
    subscription = Subscription.objects.get()
    assert response.url == subscription.get_absolute_url()
    assert subscription.status == "active" and subscription.consent_source == "account"
    assert subscription.user == user and mail.outbox == []
    dashboard = client.get(reverse("my:dashboard")).content.decode()
    assert "receives the weekly digest" in dashboard
