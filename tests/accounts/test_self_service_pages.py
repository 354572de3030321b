"""Fixed query counts of the self-service pages (page invariants: eca_site/test_every_page)."""

import pytest
from django.urls import reverse

from tests.client import committed
from tests.factories import make_draft, make_user


@pytest.fixture
def draft(manager_user):
    return make_draft(manager_user, name="Ours")


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
    with committed():
        for _ in range(co_editors):
            draft.managers.add(make_user())
    # session, user, account profile, organisation, first manager, managers
    with django_assert_num_queries(6):
        response = manager_client.get(reverse("my:organisation_managers", args=[draft.slug]))
    assert response.content.decode().count('<th scope="row">') == co_editors + 1
