"""A network's manager lists its member organisations by name (issue 13): a plain GET search
with an "Add" button per match, removal, and an e-mail invitation for members without a
profile."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from directory.models import Membership
from eca_site.lib import content_version
from tests.factories import make_membership, make_organisation


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def network(db, manager_user):
    network = make_organisation(name="Nordic Cluster Network", kind="network")
    network.managers.add(manager_user)
    return network


def members_url(network):
    return reverse("my:organisation_members", args=[network.slug])


def post(client, network, action, member, q=""):
    return client.post(members_url(network), {"action": action, "member": member.pk, "q": q})


def test_search_lists_published_profiles_with_an_add_button_without_javascript(
    manager_client, network
):
    make_organisation(name="Robotics Valley")
    make_organisation(name="Robotics Draft", status="draft")
    listed = make_organisation(name="Robotics Listed")
    make_membership(network, listed)
    html = manager_client.get(members_url(network), {"q": "robotics"}).text
    search = html[html.index('id="add-heading"') : html.index('id="invite-heading"')]
    assert 'method="get"' in search and 'name="q" value="robotics"' in search
    assert ">Robotics Valley<" in search and ">Add<span" in search
    assert "Robotics Draft" not in search  # unpublished profiles cannot be listed
    assert "Robotics Listed" not in search  # already a member
    assert html.count("<h1") == 1


def test_adding_a_member_lists_it_on_the_public_profile_both_ways(manager_client, network, anon):
    member = make_organisation(name="Robotics Valley")
    version = content_version.current()
    response = post(manager_client, network, "add", member, q="robotics")
    assert response.status_code == 302
    assert response["Location"] == f"{members_url(network)}?q=robotics"
    assert Membership.objects.filter(network=network, member=member).count() == 1
    assert content_version.current() != version
    assert network.history.first().history_change_reason == (
        "self-service: member Robotics Valley added"
    )
    assert "Robotics Valley" in anon.get(network.get_absolute_url()).text
    assert "Nordic Cluster Network" in anon.get(member.get_absolute_url()).text
    post(manager_client, network, "add", member)  # a double click adds nothing
    assert Membership.objects.filter(network=network, member=member).count() == 1


def test_removing_a_member(manager_client, network):
    member = make_organisation(name="Robotics Valley")
    make_membership(network, member)
    assert "Robotics Valley" in manager_client.get(members_url(network)).text
    post(manager_client, network, "remove", member)
    assert not Membership.objects.filter(network=network).exists()
    html = manager_client.get(members_url(network)).text
    assert "No member organisation is listed yet" in html


@pytest.mark.parametrize(
    "data",
    [
        {"action": "add", "member": "abc"},
        {"action": "add", "member": ""},
        {"action": "explode", "member": "1"},
        {"action": "remove", "member": "999999"},
    ],
)
def test_bad_input_is_a_message_never_a_500(manager_client, network, data):
    response = manager_client.post(members_url(network), data, follow=True)
    assert response.status_code == 200
    assert "cannot be added or removed here" in response.text
    assert not Membership.objects.filter(network=network).exists()


def test_a_network_cannot_list_itself_or_a_draft(manager_client, network):
    draft = make_organisation(name="Draft", status="draft")
    for member in (network, draft):
        post(manager_client, network, "add", member)
    assert not Membership.objects.filter(network=network).exists()


@pytest.mark.parametrize("q", ["\x00", "a" * 500, "%", "' OR 1=1 --", "ü"])
def test_any_search_text_is_answered(manager_client, network, q):
    assert manager_client.get(members_url(network), {"q": q}).status_code == 200


def test_another_manager_and_anonymous_visitors_cannot_change_members(
    other_manager_client, anon, network
):
    member = make_organisation(name="Robotics Valley")
    assert other_manager_client.get(members_url(network)).status_code == 404
    assert post(other_manager_client, network, "add", member).status_code == 404
    response = post(anon, network, "add", member)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    invite = reverse("my:invite_member", args=[network.slug])
    assert (
        other_manager_client.post(invite, {"name": "X", "email": "x@example.org"}).status_code
        == 404
    )
    assert not Membership.objects.exists()
    assert mail.outbox == []


def test_only_networks_list_members(manager_client, organisation):
    assert manager_client.get(members_url(organisation)).status_code == 404
    edit = manager_client.get(reverse("my:organisation_edit", args=[organisation.slug])).text
    assert members_url(organisation) not in edit


def test_the_profile_form_links_a_network_to_its_members(manager_client, network):
    edit = manager_client.get(reverse("my:organisation_edit", args=[network.slug])).text
    assert f'href="{members_url(network)}"' in edit and "Member organisations" in edit


def test_inviting_a_missing_member_sends_a_sign_up_link(manager_client, network):
    response = manager_client.post(
        reverse("my:invite_member", args=[network.slug]),
        {"name": "Baltic Photonics", "email": "Info@Baltic.example"},
    )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["info@baltic.example"]
    assert "Baltic Photonics" in message.subject and "Nordic Cluster Network" in message.subject
    assert "http://testserver/accounts/signup/?next=/my/organisations/new/" in message.body


def test_an_invalid_invitation_keeps_the_input(manager_client, network):
    response = manager_client.post(
        reverse("my:invite_member", args=[network.slug]),
        {"name": "Baltic Photonics", "email": "not an address"},
    )
    assert response.status_code == 200
    assert "Enter a valid email address." in response.text
    assert 'value="Baltic Photonics"' in response.text
    assert mail.outbox == []


def test_invitations_are_rate_limited(manager_client, network):
    url = reverse("my:invite_member", args=[network.slug])
    codes = [
        manager_client.post(url, {"name": f"Org {n}", "email": f"o{n}@example.org"}).status_code
        for n in range(6)
    ]
    assert codes == [302] * 5 + [429]


@pytest.mark.parametrize("count", [1, 20])
def test_members_page_query_count_does_not_grow_with_members(
    manager_client, network, django_assert_num_queries, count
):
    for n in range(count):
        make_membership(network, make_organisation(name=f"Member {n}"))
    # session, user, account profile, network, listed members, matches
    with django_assert_num_queries(6):
        response = manager_client.get(members_url(network), {"q": "member"})
    assert response.text.count(">Remove<span") == count


def test_search_shows_ten_matches_and_says_so(manager_client, network):
    for n in range(12):
        make_organisation(name=f"Candidate {n:02d}")
    html = manager_client.get(members_url(network), {"q": "candidate"}).text
    assert html.count(">Add<span") == 10
    assert "The 10 best matches: type more of the name" in html
