"""Rate limits, honeypots and history on the account, news and events forms and models."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import make_best_practice, make_event, make_news_item, make_organisation


@pytest.mark.django_db
def test_login_posts_past_the_limit_get_a_429_page(anon):
    for _ in range(20):
        anon.post(reverse("accounts:login"), {"username": "nobody", "password": "wrong"})
    response = anon.post(reverse("accounts:login"), {"username": "nobody", "password": "wrong"})
    assert response.status_code == 429
    assert "Retry-After" in response.headers


@pytest.mark.django_db
def test_password_reset_is_limited_to_five_an_hour(anon):
    for _ in range(5):
        assert (
            anon.post(reverse("accounts:password_reset"), {"email": "a@example.org"}).status_code
            == 302
        )
    assert (
        anon.post(reverse("accounts:password_reset"), {"email": "a@example.org"}).status_code == 429
    )


def test_password_reset_with_the_honeypot_filled_sends_nothing(anon, manager_user):
    response = anon.post(
        reverse("accounts:password_reset"), {"email": manager_user.email, "homepage": "http://spam"}
    )
    assert response.status_code == 200
    assert "looked automated" in response.content.decode()
    assert mail.outbox == []
    response = anon.post(reverse("accounts:password_reset"), {"email": manager_user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_login_form_carries_the_honeypot_and_drops_filled_ones(anon, manager_user):
    assert 'name="homepage"' in anon.get(reverse("accounts:login")).content.decode()
    response = anon.post(
        reverse("accounts:login"),
        {"username": "manager", "password": "pw-manager-1", "homepage": "x"},
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in anon.session


@pytest.mark.django_db
@pytest.mark.parametrize("factory", ["event", "news_item", "best_practice"])
def test_content_edits_are_versioned(factory):
    organisation = make_organisation()
    obj = {
        "event": lambda: make_event(organiser=organisation),
        "news_item": lambda: make_news_item(organisation=organisation),
        "best_practice": lambda: make_best_practice(organisation),
    }[factory]()
    obj.title = "A new title"
    obj.save()
    titles = [version.title for version in obj.history.order_by("history_id")]
    assert titles[-1] == "A new title"
    assert len(titles) >= 2


def test_sitemap_lists_events_news_and_best_practices(anon, db):
    organisation = make_organisation()
    event = make_event(organiser=organisation)
    news = make_news_item(organisation=organisation)
    text = anon.get(reverse("sitemap")).content.decode()
    assert event.get_absolute_url() in text
    assert news.get_absolute_url() in text
