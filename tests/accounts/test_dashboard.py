"""/my/: the organisations a manager manages, and the panels other apps add (best practices)."""

import pytest
from django.urls import reverse

from news.models import BestPractice
from tests.factories import make_best_practice

Status = BestPractice.Status


def test_dashboard_lists_organisations_and_best_practices_by_status(
    manager_client, manager_user, organisation, other_organisation
):
    make_best_practice(
        organisation, title="My draft", status=Status.DRAFT, submitted_by=manager_user
    )
    make_best_practice(organisation, title="Waiting", status=Status.NEEDS_REVIEW)
    make_best_practice(organisation, title="Live one")
    make_best_practice(other_organisation, title="Not mine")
    html = manager_client.get(reverse("my:dashboard")).content.decode()
    assert "Alpha Cluster" in html and "Beta Cluster" not in html
    assert "<caption>Draft (1)</caption>" in html
    assert "<caption>Submitted for review (1)</caption>" in html
    assert "<caption>Published (1)</caption>" in html
    assert "Not mine" not in html
    assert "Submit a best practice" in html


def test_dashboard_of_someone_who_manages_nothing_says_so(other_manager_client):
    html = other_manager_client.get(reverse("my:dashboard")).content.decode()
    assert "You don't manage any organisation yet" in html
    assert "Submit a best practice" not in html


@pytest.mark.parametrize("count", [1, 20])
def test_dashboard_query_count_is_fixed(
    count, manager_client, manager_user, organisation, django_assert_num_queries
):
    for _ in range(count):
        make_best_practice(organisation, status=Status.DRAFT, submitted_by=manager_user)
    # session, user, organisations, best practices (+organisations, submitters), user's
    # permissions, group permissions, the digest subscription (issue 17); the opportunities
    # panel (issue 16): managed organisations and their terms, own opportunities, interests
    # (no terms: no matching); the language of the account's e-mails (issue 18)
    with django_assert_num_queries(12):
        manager_client.get(reverse("my:dashboard"))
