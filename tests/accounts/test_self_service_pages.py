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


def test_identity_step_labels_fields_for_the_profile_type_and_groups_languages(
    manager_client, organisation
):
    from directory.models import Language

    Language.objects.get_or_create(
        code="xx", defaults={"name": "Aaa-test", "is_eu_official": False}
    )
    Language.objects.get_or_create(code="yy", defaults={"name": "Zzz-test", "is_eu_official": True})
    url = reverse("my:organisation_step", args=[organisation.slug, "identity"])
    html = manager_client.get(url).text
    assert organisation.kind == "cluster"
    assert "Legal form of the cluster organisation" in html
    assert "Legal form of the cluster network" not in html
    official = html.index("Official EU languages")
    other = html.index("Other languages")
    assert official < html.index("Zzz-test") < other < html.index("Aaa-test")
    # Countries: the EU's members first (Austria ... Sweden), then the rest (Albania ...).
    assert html.index(">Sweden<") < html.index(">Albania<")
    assert html.index(">Austria<") < html.index(">Belgium<")


def test_contacts_step_offers_empty_rows_without_position_or_delete(manager_client, organisation):
    from tests.accounts.self_service_helpers import formset_data

    url = reverse("my:organisation_step", args=[organisation.slug, "contacts"])
    html = manager_client.get(url).text
    assert 'name="contacts-TOTAL_FORMS" value="3"' in html  # three rows, no save needed
    assert 'name="contacts-0-DELETE"' not in html
    assert '<input type="hidden" name="contacts-0-position"' in html
    data = {
        **formset_data(
            "contacts",
            [
                {"name": "Ada", "role": "Manager", "position": "0"},
                {"name": "Bo", "role": "Assistant", "position": "0"},
                {"name": "", "role": "", "position": "0"},
            ],
        ),
        **formset_data("social_links", []),
        "action": "save",
    }
    response = manager_client.post(url, data)
    assert response.status_code == 302, response.text[:2000]
    assert sorted(organisation.contacts.values_list("name", flat=True)) == ["Ada", "Bo"]
    html = manager_client.get(url).text
    assert 'name="contacts-0-DELETE"' in html  # saved rows can be deleted
    assert 'name="contacts-TOTAL_FORMS" value="5"' in html


def test_focus_step_lists_each_s3_area_before_its_sub_areas(manager_client, organisation):
    from directory.models import Term, Vocabulary

    s3 = Vocabulary.S3_PRIORITY_AREA
    Term.objects.filter(vocabulary=s3).delete()
    digital = Term.objects.create(vocabulary=s3, name="Digital", slug="digital", position=2)
    Term.objects.create(vocabulary=s3, name="AI", slug="ai", parent=digital, position=0)
    Term.objects.create(vocabulary=s3, name="Energy", slug="energy", position=1)
    url = reverse("my:organisation_step", args=[organisation.slug, "focus"])
    html = manager_client.get(url).text
    assert html.index(">\n Energy") < html.index(">\n Digital") < html.index("Digital: AI")


def test_a_manager_previews_their_draft_marked_as_such_and_noindex(
    manager_client, other_manager_client, anon, manager_user
):
    draft = make_draft(manager_user, name="Preview Cluster")
    edit = manager_client.get(reverse("my:organisation_step", args=[draft.slug, "identity"]))
    assert f'<a href="{draft.get_absolute_url()}">Preview the public page</a>' in edit.text
    html = manager_client.get(draft.get_absolute_url()).text
    assert "<h1>Preview Cluster</h1>" in html
    assert "Not published (preview)" in html
    assert '<meta name="robots" content="noindex, follow">' in html
    assert anon.get(draft.get_absolute_url()).status_code == 404
    assert other_manager_client.get(draft.get_absolute_url()).status_code == 404
