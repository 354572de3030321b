"""Managing, unsubscribing (RFC 8058 one-click POST, no login) and deleting all data."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from eca_site.lib.models import OutgoingMail
from subscriptions import services
from subscriptions.models import Subscription
from tests.client import Client
from tests.factories import make_term
from tests.subscriptions.helpers import subscribe_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscription():
    subscription = Subscription.objects.create(
        email="reader@cluster.example.eu",
        content_types=["events"],
        confirmed_at=timezone.now(),
        consent_at=timezone.now(),
    )
    return subscription


def test_one_click_post_unsubscribes_without_login_or_csrf_token(subscription):
    client = Client(enforce_csrf_checks=True)
    url = reverse("subscriptions:unsubscribe", args=[subscription.token("unsubscribe")])
    response = client.post(url, "List-Unsubscribe=One-Click", content_type="text/plain")
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == "unsubscribed"
    assert Subscription.objects.active().count() == 0


def test_the_unsubscribe_link_opened_in_a_browser_asks_first(anon, subscription):
    url = reverse("subscriptions:unsubscribe", args=[subscription.token("unsubscribe")])
    response = anon.get(url)
    assert response.status_code == 200 and "<h1>Unsubscribe</h1>" in response.content.decode()
    assert Subscription.objects.get().status == "active"


@pytest.mark.parametrize("purpose", ["unsubscribe", "manage", "confirm"])
def test_a_tampered_or_foreign_token_is_a_404(anon, subscription, purpose):
    token = subscription.token("manage" if purpose != "manage" else "unsubscribe")  # wrong salt
    url = reverse(f"subscriptions:{purpose}", args=[token])
    assert anon.post(url).status_code == 404
    assert anon.get(reverse(f"subscriptions:{purpose}", args=["x" + token])).status_code == 404
    assert Subscription.objects.get().status == "active"


def test_the_manage_page_changes_choices_and_keeps_bad_input(anon, subscription):
    term = make_term()
    url = subscription.get_absolute_url()
    page = anon.get(url)
    assert page.status_code == 200 and "no-cache" in page.headers["Cache-Control"]
    data = subscribe_data(content_types=["news", "documents"], terms=[term.pk])
    del data["email"]
    assert anon.post(url, data).status_code == 302
    subscription.refresh_from_db()
    assert subscription.content_types == ["news", "documents"]
    assert list(subscription.terms.all()) == [term]
    bad = anon.post(url, {**data, "content_types": [], "sectoral_industry": ["nope"]})
    assert bad.status_code == 200 and "Choose at least one kind of content." in bad.content.decode()


def test_delete_all_data_forgets_the_address_and_its_messages(anon, subscription):
    services.request_subscription(subscription.email, {})  # a manage link: one stored message
    assert OutgoingMail.objects.filter(to=[subscription.email]).count() == 1
    url = reverse("subscriptions:delete", args=[subscription.token("manage")])
    assert anon.get(url).status_code == 200
    response = anon.post(url)
    assert "Your data is deleted" in response.content.decode()
    assert Subscription.objects.count() == 0
    assert OutgoingMail.objects.filter(to=[subscription.email]).count() == 0
    assert len(mail.outbox) == 1  # sent before, nothing new


def test_a_suspended_address_gets_nothing(anon, subscription):
    services.suspend(Subscription.objects.all(), Subscription.SuspendReason.BOUNCE)
    subscription.refresh_from_db()
    assert subscription.status == "suspended" and subscription.suspended_reason == "bounce"
    anon.post("/subscriptions/", subscribe_data())
    assert mail.outbox == []
