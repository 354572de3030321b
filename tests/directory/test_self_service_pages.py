"""Invariants of every self-service page: one <h1>, no inline script or style, fixed queries."""

import re

import pytest
from django.urls import reverse

from directory import services
from tests.factories import make_draft, make_user


@pytest.fixture
def draft(manager_user):
    return make_draft(manager_user, name="Ours")


def page_urls(draft):
    return [
        reverse("my:organisation_list"),
        reverse("my:organisation_new"),
        reverse("my:organisation_managers", args=[draft.slug]),
        *(
            reverse("my:organisation_step", args=[draft.slug, step])
            for step in ["identity", "contacts", "figures", "focus", "about"]
        ),
        reverse("accounts:signup_done"),
        reverse("accounts:verify", args=["bad-token"]),
        reverse("my:accept_invitation", args=[services.invitation_token(draft, "x@example.org")]),
    ]


def test_every_self_service_page_has_one_h1_and_no_inline_script_or_style(manager_client, draft):
    for url in page_urls(draft):
        html = manager_client.get(url).content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        assert "<script" not in html, url
        assert " style=" not in html, url
        assert 'href="#main"' in html, url


def test_anonymous_pages_have_one_h1(anon, draft):
    for url in [
        reverse("accounts:signup"),
        reverse("my:accept_invitation", args=[services.invitation_token(draft, "x@example.org")]),
    ]:
        html = anon.get(url).content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url


@pytest.mark.parametrize("profiles", [1, 12])
def test_my_list_query_count_does_not_grow_with_profiles(
    profiles, manager_client, manager_user, django_assert_num_queries
):
    for _ in range(profiles):
        make_draft(manager_user)
    # session, user, account profile, organisations
    with django_assert_num_queries(4):
        response = manager_client.get(reverse("my:organisation_list"))
    assert response.content.decode().count('<th scope="row">') == profiles


@pytest.mark.parametrize("co_editors", [1, 12])
def test_managers_page_query_count_does_not_grow_with_co_editors(
    co_editors, manager_client, draft, django_assert_num_queries
):
    for _ in range(co_editors):
        draft.managers.add(make_user())
    # session, user, account profile, organisation, first manager, managers
    with django_assert_num_queries(6):
        response = manager_client.get(reverse("my:organisation_managers", args=[draft.slug]))
    assert response.content.decode().count('<th scope="row">') == co_editors + 1
