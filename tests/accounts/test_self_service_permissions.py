"""Who may use which self-service page, tested from the outside for every persona."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts import services
from directory.models import Organisation
from tests.accounts.self_service_helpers import identity_data
from tests.client import Client
from tests.factories import make_contact, make_draft, make_user

PERSONAS = ["anonymous", "unverified", "other_manager", "manager", "co_editor", "staff"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def world(db, manager_user, other_manager_user, staff_user):
    """A draft managed by `manager` (first) and a co-editor; another draft of `other`."""
    co_editor = make_user(email="co@example.org")
    organisation = make_draft(manager_user, name="Ours")
    organisation.managers.add(co_editor)
    theirs = make_draft(other_manager_user, name="Theirs")
    users = {
        "anonymous": None,
        "unverified": make_user(email="new@example.org", verified=False),
        "other_manager": other_manager_user,
        "manager": manager_user,
        "co_editor": co_editor,
        "staff": staff_user,
    }
    return {"organisation": organisation, "theirs": theirs, "users": users}


def client_for(world, persona):
    client = Client()
    if world["users"][persona] is not None:
        client.force_login(world["users"][persona])
    return client


def slug_pages(slug):
    return [
        reverse("my:organisation_edit", args=[slug]),
        reverse("my:organisation_step", args=[slug, "about"]),
        reverse("my:organisation_managers", args=[slug]),
    ]


EXPECTED_GET = {
    "anonymous": 302,  # to the login page
    "unverified": 403,
    "other_manager": 404,  # another profile's slug in the URL: not found
    "manager": 200,
    "co_editor": 200,
    "staff": 404,  # staff edit profiles in the admin
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_profile_pages_answer_each_persona(persona, world):
    client = client_for(world, persona)
    for url in slug_pages(world["organisation"].slug):
        response = client.get(url)
        assert response.status_code == EXPECTED_GET[persona], (persona, url)
        if persona == "anonymous":
            assert "login" in response.url and "next=" in response.url


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_and_new_pages(persona, world):
    client = client_for(world, persona)
    for name in ["my:organisation_list", "my:organisation_new"]:
        expected = {"anonymous": 302, "unverified": 403}.get(persona, 200)
        assert client.get(reverse(name)).status_code == expected, (persona, name)


def test_the_list_shows_only_the_users_own_profiles(world):
    html = client_for(world, "other_manager").get(reverse("my:organisation_list")).content.decode()
    assert "Theirs" in html and "Ours" not in html
    html = client_for(world, "staff").get(reverse("my:organisation_list")).content.decode()
    assert "Ours" not in html and "Theirs" not in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_posting_a_step_changes_the_profile_only_for_its_managers(persona, world):
    organisation = world["organisation"]
    url = reverse("my:organisation_step", args=[organisation.slug, "identity"])
    response = client_for(world, persona).post(url, identity_data(organisation, region="Hacked"))
    organisation.refresh_from_db()
    if persona in {"manager", "co_editor"}:
        assert response.status_code == 302
        assert organisation.region == "Hacked"
    else:
        assert response.status_code == EXPECTED_GET[persona]
        assert organisation.region == ""


@pytest.mark.parametrize("persona", PERSONAS)
def test_submitting_works_only_for_managers(persona, world):
    organisation = world["organisation"]
    make_contact(organisation)
    Organisation.objects.filter(pk=organisation.pk).update(about="<p>x</p>")
    response = client_for(world, persona).post(
        reverse("my:organisation_submit", args=[organisation.slug])
    )
    organisation.refresh_from_db()
    submitted = organisation.status == Organisation.Status.NEEDS_REVIEW
    assert submitted == (persona in {"manager", "co_editor"}), persona
    if not submitted:
        assert response.status_code == EXPECTED_GET[persona]


def test_changing_the_slug_in_the_url_never_reaches_another_profile(world):
    client = client_for(world, "manager")
    theirs = world["theirs"]
    for url in slug_pages(theirs.slug):
        assert client.get(url).status_code == 404
    url = reverse("my:organisation_step", args=[theirs.slug, "identity"])
    assert client.post(url, identity_data(theirs, region="Hacked")).status_code == 404
    theirs.refresh_from_db()
    assert theirs.region == ""


def test_workflow_fields_posted_into_a_step_are_ignored(world):
    organisation = world["organisation"]
    other = world["users"]["other_manager"]
    url = reverse("my:organisation_step", args=[organisation.slug, "identity"])
    data = identity_data(
        organisation, is_published="on", status="published", managers=[other.pk],
        slug="stolen", reviewer_comment="x", criteria_waived="on",
    )  # fmt: skip
    client_for(world, "manager").post(url, data)
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.DRAFT
    assert not organisation.is_published
    assert organisation.slug != "stolen"
    assert not organisation.criteria_waived
    assert other not in organisation.managers.all()


def test_removing_a_manager_of_another_profile_by_id_does_nothing(world):
    theirs = world["theirs"]
    other = world["users"]["other_manager"]
    url = reverse("my:remove_manager", args=[world["organisation"].slug])
    client_for(world, "manager").post(url, {"user": other.pk})
    assert other in theirs.managers.all()
    response = client_for(world, "manager").post(url, {"user": "not-a-number"}, follow=True)
    assert "not a co-editor" in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_first_manager_removes_co_editors(persona, world):
    organisation = world["organisation"]
    co_editor = world["users"]["co_editor"]
    url = reverse("my:remove_manager", args=[organisation.slug])
    response = client_for(world, persona).post(url, {"user": co_editor.pk})
    removed = co_editor not in organisation.managers.all()
    assert removed == (persona == "manager"), persona
    if persona in {"anonymous", "unverified", "other_manager", "staff"}:
        assert response.status_code == EXPECTED_GET[persona]


def test_first_manager_is_never_removed_and_a_profile_keeps_a_manager(world):
    organisation = world["organisation"]
    manager = world["users"]["manager"]
    co_editor = world["users"]["co_editor"]
    url = reverse("my:remove_manager", args=[organisation.slug])
    client = client_for(world, "manager")
    client.post(url, {"user": manager.pk})
    assert manager in organisation.managers.all()
    client.post(url, {"user": co_editor.pk})
    assert list(organisation.managers.all()) == [manager]
    assert services.remove_manager(organisation, manager.pk) is False
    assert organisation.managers.count() == 1


def test_remove_and_submit_are_post_only(world):
    client = client_for(world, "manager")
    slug = world["organisation"].slug
    assert client.get(reverse("my:remove_manager", args=[slug])).status_code == 405
    assert client.get(reverse("my:organisation_submit", args=[slug])).status_code == 405
