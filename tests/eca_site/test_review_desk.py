"""The review desk on the admin index (issue 15): what waits for staff, oldest first, with how
long it has waited; other apps add rows through `eca_site.lib.registry.review_queues`."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import ProfileChange
from eca_site.lib.registry import ReviewQueue, review_queues
from news.models import BestPractice
from tests.conftest import logged_in
from tests.factories import make_best_practice, make_organisation

INDEX = reverse("admin:index")
NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC)


def ago(days):
    return NOW - datetime.timedelta(days=days)


@pytest.fixture
def waiting(db):
    newer = make_organisation(name="Newer Cluster", status="needs_review", submitted_at=ago(2))
    older = make_organisation(name="Older Cluster", status="needs_review", submitted_at=ago(9))
    make_organisation(name="Published Cluster")
    change = ProfileChange.objects.create(
        organisation=newer, field="name", label="Name", new_value="X", new_display="X"
    )
    ProfileChange.objects.filter(pk=change.pk).update(created=ago(3))
    make_best_practice(
        title="Smart specialisation", status=BestPractice.Status.NEEDS_REVIEW, submitted_at=ago(20)
    )
    return older, newer


@time_machine.travel(NOW, tick=False)
def test_staff_see_each_queue_oldest_first_with_its_waiting_time(waiting, staff_client):
    older, newer = waiting
    response = staff_client.get(INDEX)
    assert response.status_code == 200
    desk = {row["label"]: row for row in response.context["review_desk"]}
    assert list(desk) == [
        "Profiles needing review",
        "Profile changes waiting for approval",
        "Best practices to moderate",
        "Opportunities to review",
    ]
    profiles = desk["Profiles needing review"]
    assert profiles["count"] == 2
    assert [title for title, _url, _since in profiles["items"]] == [older.name, newer.name]
    assert profiles["url"] == (
        reverse("admin:directory_organisation_changelist") + "?status__exact=needs_review"
    )
    html = response.text
    assert "Review desk: waiting for staff, oldest first" in html
    assert "waiting 1\xa0week, 2\xa0days" in html  # the older profile
    assert "waiting 2\xa0days" in html
    assert "waiting 2\xa0weeks, 6\xa0days" in html  # the best practice
    assert reverse("admin:directory_organisation_change", args=[older.pk]) in html
    # Each queue's link opens a list that holds exactly what the desk counted.
    for row in desk.values():
        listed = staff_client.get(row["url"])
        assert listed.status_code == 200
        assert listed.context["cl"].result_count == row["count"], row["label"]


def test_the_desk_costs_two_queries_per_queue(waiting, staff_client, django_assert_num_queries):
    staff_client.get(INDEX)
    with django_assert_num_queries(11):  # session, user, 2 x 4 queues, recent actions
        staff_client.get(INDEX)


def test_another_app_adds_a_row_through_the_registry(waiting, staff_client):
    review_queues.register(
        "more-profiles",
        ReviewQueue("Drafts", lambda: type(waiting[0]).objects.filter(status="draft"), "created"),
        order=90,
    )
    try:
        desk = staff_client.get(INDEX).context["review_desk"]
    finally:
        review_queues.unregister("more-profiles")
    assert desk[-1]["label"] == "Drafts"
    assert desk[-1]["count"] == 0


def test_staff_see_only_the_queues_they_may_view(waiting, django_user_model):
    editor = django_user_model.objects.create_user("editor", "e@example.org", "pw", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_bestpractice"))
    desk = logged_in(editor).get(INDEX).context["review_desk"]
    assert [row["label"] for row in desk] == ["Best practices to moderate"]


def test_non_staff_never_see_the_desk(waiting, manager_client, anon):
    for client in (manager_client, anon):
        response = client.get(INDEX)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_an_empty_desk_says_nothing_waits(db, staff_client):
    make_organisation()
    response = staff_client.get(INDEX)
    assert response.text.count("Nothing waits.") == 4
