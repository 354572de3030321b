"""Staff: subscriptions counted by choice, any subscriber's digest preview, suspending, and
the queue of outgoing e-mail (issue 17)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from eca_site.lib.mail import deliver
from subscriptions.models import Subscription
from tests.factories import make_event, make_term
from tests.workers import database_tasks

pytestmark = pytest.mark.django_db


def active(email, **fields):
    now = timezone.now() - timezone.timedelta(days=1)
    return Subscription.objects.create(
        email=email, confirmed_at=now, consent_at=now, last_digest_at=now, **fields
    )


def test_the_list_counts_active_subscriptions_by_choice(staff_client):
    term = make_term(name="Health")
    active("a@cluster.example.eu", content_types=["events", "news"], countries=["ES"])
    active("b@cluster.example.eu", content_types=["events"], countries=["ES", "FR"])
    active("c@cluster.example.eu", content_types=["news"]).terms.add(term)
    Subscription.objects.create(email="d@cluster.example.eu", content_types=["events"])
    response = staff_client.get(reverse("admin:subscriptions_subscription_changelist"))
    html = response.content.decode()
    assert response.status_code == 200
    for label, n in [("Events", 2), ("News", 2), ("Spain", 2), ("Health", 1), ("pending", 1)]:
        assert f'<th scope="row">{label}</th><td>{n}</td>' in html, label


def test_staff_preview_the_digest_of_any_subscriber_without_sending_it(staff_client):
    subscription = active("a@cluster.example.eu", content_types=["events"])
    make_event(title="Cluster summit")
    url = reverse("admin:subscriptions_subscription_preview", args=[subscription.pk])
    response = staff_client.get(url)
    assert response.status_code == 200
    assert ">Cluster summit</a>" in response.content.decode()
    assert mail.outbox == []
    subscription.refresh_from_db()
    assert subscription.last_digest_period == ""


def test_the_preview_is_for_staff_only(manager_client):
    subscription = active("a@cluster.example.eu", content_types=["events"])
    url = reverse("admin:subscriptions_subscription_preview", args=[subscription.pk])
    assert manager_client.get(url).status_code == 302  # to the admin login


def test_the_suspend_action_stops_sending(staff_client):
    subscription = active("a@cluster.example.eu", content_types=["events"])
    response = staff_client.post(
        reverse("admin:subscriptions_subscription_changelist"),
        {"action": "suspend", "_selected_action": [subscription.pk]},
        follow=True,
    )
    assert "1 subscription(s) suspended." in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == "suspended" and subscription.suspended_reason == "staff"
    assert Subscription.objects.active().count() == 0


def test_the_outgoing_mail_list_shows_the_queue(staff_client, settings):
    with database_tasks(settings):
        deliver.enqueue(12345)
        response = staff_client.get(reverse("admin:eca_site_outgoingmail_changelist"))
    html = response.content.decode()
    assert "Tasks waiting for a worker</th><td>1</td>" in html
    assert "Messages given up on" in html
