"""The admin fitted to staff's job (issue 15): the review checklist, the country filter,
sortable lists, events published by default, no time-zone warning on date-only fields."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.models import Organisation
from tests.conftest import logged_in
from tests.factories import make_organisation

CHANGELIST = reverse("admin:directory_organisation_changelist")


def test_the_checklist_counts_listed_member_organisations_as_members(seeded, staff_client):
    """ECA lists its 15 member associations and gives no counts by type."""
    response = staff_client.get(reverse("admin:directory_organisation_change", args=[seeded.pk]))
    assert response.status_code == 200
    assert "At least 15 members <small>(15 members)</small>" in response.text
    assert "(0 members)" not in response.text


@pytest.fixture
def in_three_countries(db):
    make_organisation(name="Oslo Cluster", country="NO")
    make_organisation(name="Berlin Cluster", country="DE")
    make_organisation(name="Brussels Cluster", country="BE")
    make_organisation(name="Nowhere Cluster", country="")


def country_choices(response):
    spec = next(f for f in response.context["cl"].filter_specs if f.title == "country")
    return [choice["display"] for choice in spec.choices(response.context["cl"])]


def test_the_country_filter_lists_only_countries_in_use_eu_first(in_three_countries, staff_client):
    response = staff_client.get(CHANGELIST)
    assert country_choices(response) == ["All", "Belgium", "Germany", "Norway"]
    narrowed = staff_client.get(CHANGELIST, {"country__exact": "DE"})
    assert [o.name for o in narrowed.context["cl"].result_list] == ["Berlin Cluster"]
    assert staff_client.get(CHANGELIST, {"country__exact": "ZZ"}).status_code == 200


def test_contacts_and_events_filter_by_countries_in_use_too(in_three_countries, staff_client):
    from tests.factories import make_contact, make_event

    make_contact(Organisation.objects.get(name="Oslo Cluster"))
    make_event(country="FR")
    contacts = staff_client.get(reverse("admin:directory_contact_changelist"))
    assert country_choices(contacts) == ["All", "Norway"]
    events = staff_client.get(reverse("admin:events_event_changelist"))
    assert country_choices(events) == ["All", "France"]


@pytest.mark.parametrize(
    ("column", "ascending"),
    [
        ("completeness_column", ["Nowhere", "Brussels", "Berlin", "Oslo"]),
        ("status", ["Brussels", "Oslo", "Berlin", "Nowhere"]),  # by stored value
        ("updated", ["Nowhere", "Berlin", "Brussels", "Oslo"]),
    ],
)
def test_the_profile_list_sorts_by_completeness_status_and_last_update(
    in_three_countries, staff_client, column, ascending
):
    now = timezone.now()
    facts = {  # name: (completeness, status, days since the last update)
        "Oslo": (90, "needs_review", 1),
        "Berlin": (50, "published", 3),
        "Brussels": (20, "changes_requested", 2),
        "Nowhere": (0, "withdrawn", 4),
    }
    for name, (completeness, status, days) in facts.items():
        Organisation.objects.filter(name=f"{name} Cluster").update(
            completeness=completeness, status=status, updated=now - timedelta(days=days)
        )
    cl = staff_client.get(CHANGELIST).context["cl"]
    index = cl.list_display.index(column)
    for order, expected in ((str(index), ascending), (f"-{index}", ascending[::-1])):
        response = staff_client.get(CHANGELIST, {"o": order})
        names = [o.name.removesuffix(" Cluster") for o in response.context["cl"].result_list]
        assert names == expected, order


def test_non_staff_cannot_open_the_profile_list(manager_client, django_user_model):
    assert manager_client.get(CHANGELIST).status_code == 302
    viewer = django_user_model.objects.create_user("viewer", "v@example.org", "pw", is_staff=True)
    assert logged_in(viewer).get(CHANGELIST).status_code == 403


def test_the_about_text_is_previewed_as_the_sanitiser_kept_it(staff_client):
    organisation = make_organisation(
        about='<p onclick="x()">We <strong>help</strong><script>alert(1)</script></p>'
    )
    response = staff_client.get(
        reverse("admin:directory_organisation_change", args=[organisation.pk])
    )
    assert '<div class="about-preview"><p>We <strong>help</strong></p></div>' in response.text
    assert "alert(1)</script>" not in response.text.split("about-preview")[1][:200]
