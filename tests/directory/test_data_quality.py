"""The admin's data-quality list and its CSV (issue 15): each problem found, each row linked
to the profile to fix, staff only."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from directory.models import Organisation
from tests.conftest import logged_in
from tests.factories import make_contact, make_organisation

QUALITY = reverse("admin:directory_organisation_quality")


def aged(organisation, days):
    Organisation.objects.filter(pk=organisation.pk).update(
        updated=organisation.updated - datetime.timedelta(days=days)
    )


@pytest.fixture
def profiles(db):
    good = make_organisation(name="Good Cluster", website="https://good.eu/")
    Organisation.objects.filter(pk=good.pk).update(completeness=80)
    make_contact(good)
    stale = make_organisation(name="Sleepy Cluster", website="https://sleepy.eu/")
    make_contact(stale)
    Organisation.objects.filter(pk=stale.pk).update(completeness=80)
    aged(stale, 400)
    plain = make_organisation(name="Plain Cluster", website="http://plain.eu/")
    bare = make_organisation(name="Bare Cluster", website="bare.eu")
    twin_a = make_organisation(name="Automotive Cluster Bavaria", website="https://auto.de/")
    twin_b = make_organisation(
        name="Bavaria automotive association", website="https://www.auto.de/x"
    )
    make_organisation(name="Gone Cluster", status="withdrawn")
    return {"good": good, "stale": stale, "plain": plain, "bare": bare, "a": twin_a, "b": twin_b}


def listed(response):
    return {f.organisation.name: f.problems for f in response.context["rows"]}


def test_each_problem_is_found_and_explained(profiles, staff_client):
    response = staff_client.get(QUALITY)
    assert response.status_code == 200
    rows = listed(response)
    assert "Good Cluster" not in rows
    assert "Gone Cluster" not in rows  # withdrawn
    assert set(rows["Sleepy Cluster"]) == {"stale"}
    assert rows["Plain Cluster"]["website"] == "not HTTPS: http://plain.eu/"
    assert rows["Bare Cluster"]["website"] == "no scheme: bare.eu"
    assert {"incomplete", "no_contact"} <= set(rows["Bare Cluster"])
    duplicate = rows["Automotive Cluster Bavaria"]["duplicate"]
    assert duplicate == (
        "same website domain as Bavaria automotive association; "
        "same name as Bavaria automotive association"
    )
    change = reverse("admin:directory_organisation_change", args=[profiles["stale"].pk])
    assert f'href="{change}"' in response.text
    assert "<h1>Data quality</h1>" in response.text


def test_a_problem_filter_narrows_the_list_and_unknown_values_show_all(profiles, staff_client):
    rows = listed(staff_client.get(QUALITY, {"problem": "stale"}))
    assert list(rows) == ["Sleepy Cluster"]
    everything = listed(staff_client.get(QUALITY))
    assert listed(staff_client.get(QUALITY, {"problem": "<script>"})) == everything


def test_the_list_downloads_as_csv_with_links_to_fix(profiles, staff_client):
    response = staff_client.get(QUALITY, {"problem": "website", "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="data-quality.csv"'
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["name"] for r in rows] == ["Bare Cluster", "Plain Cluster"]
    assert rows[1]["problems"] == (
        "Under 50 % complete (10 %); No contact person; "
        "Website looks broken (not HTTPS: http://plain.eu/)"
    )
    url = reverse("admin:directory_organisation_change", args=[profiles["plain"].pk])
    assert rows[1]["admin_url"] == f"http://testserver{url}"


def test_the_page_is_linked_from_the_profile_list(profiles, staff_client):
    response = staff_client.get(reverse("admin:directory_organisation_changelist"))
    assert f'href="{QUALITY}"' in response.text


def test_non_staff_are_sent_to_log_in_and_staff_without_permission_get_403(
    profiles, manager_client, django_user_model
):
    response = manager_client.get(QUALITY)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    viewer = django_user_model.objects.create_user("viewer", "v@example.org", "pw", is_staff=True)
    assert logged_in(viewer).get(QUALITY).status_code == 403
    assert logged_in(viewer).get(QUALITY, {"format": "csv"}).status_code == 403
