"""Registering a profile at /my/organisations/new/ and filling in its steps."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from PIL import Image

from directory.models import Organisation, website_domain
from tests.accounts.self_service_helpers import (
    about_data,
    figures_data,
    formset_data,
    identity_data,
)
from tests.factories import make_contact, make_draft, make_organisation, make_term

NEW = {"kind": "cluster", "name": "Baltic Robotics Cluster", "country": "LV", "website": ""}


def step_url(organisation, step):
    return reverse("my:organisation_step", args=[organisation.slug, step])


def png_bytes(size=(40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "PNG")
    return buffer.getvalue()


# ----- the first step and duplicates ------------------------------------------------------
def test_new_page_offers_the_two_profile_types_first(manager_client):
    html = manager_client.get(reverse("my:organisation_new")).content.decode()
    assert html.count("<h1") == 1
    assert html.index('name="kind"') < html.index('name="name"')
    assert "Cluster organisation" in html
    assert "National or European cluster network / association" in html
    assert "Other organisation" not in html
    assert "register it anyway" not in html  # only shown with duplicates


def test_creating_a_draft_makes_the_user_its_manager(manager_client, manager_user):
    response = manager_client.post(reverse("my:organisation_new"), NEW)
    organisation = Organisation.objects.get()
    assert response.url == reverse("my:organisation_edit", args=[organisation.slug])
    assert organisation.slug == "baltic-robotics-cluster"
    assert organisation.status == Organisation.Status.DRAFT
    assert not organisation.is_published
    assert list(organisation.managers.all()) == [manager_user]


def test_same_website_domain_is_warned_about_with_a_link(manager_client):
    existing = make_organisation(name="Robotics Latvia", website="https://robotics.example.lv/x")
    response = manager_client.post(
        reverse("my:organisation_new"),
        {**NEW, "name": "Totally Different", "website": "http://www.robotics.example.lv/"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This organisation may be in the directory already" in html
    assert f'href="{existing.get_absolute_url()}"' in html
    assert 'value="Totally Different"' in html  # input kept
    assert Organisation.objects.count() == 1


def test_similar_name_in_the_same_country_is_a_duplicate_but_not_abroad(manager_client):
    make_organisation(name="Baltic Robotics Cluster Association", country="LV")
    make_organisation(name="Baltic Robotics Cluster Association", country="EE", slug="ee")
    response = manager_client.post(reverse("my:organisation_new"), NEW)
    assert [o.country.code for o in response.context["form"].duplicates] == ["LV"]
    assert Organisation.objects.count() == 2


def test_someone_elses_unpublished_profile_is_never_disclosed(manager_client, other_manager_user):
    """The duplicate warning names only published profiles and the user's own drafts."""
    make_draft(other_manager_user, name="Baltic Robotics Cluster", country="LV")
    make_organisation(
        name="Baltic Robotics", country="LV", status="withdrawn", website="https://brc.example.lv"
    )
    response = manager_client.post(reverse("my:organisation_new"), NEW)
    html = response.content.decode()
    assert "Baltic Robotics" not in html
    assert response.status_code == 302  # nothing visible to warn about: the draft is made


def test_ones_own_draft_is_named_without_a_link(manager_client, manager_user):
    draft = make_draft(manager_user, name="Baltic Robotics Cluster", country="LV")
    html = manager_client.post(reverse("my:organisation_new"), NEW).content.decode()
    assert "registration in progress" in html
    assert draft.get_absolute_url() not in html


def test_confirming_not_a_duplicate_creates_the_draft_with_a_unique_slug(manager_client):
    make_organisation(name="Baltic Robotics Cluster", country="LV", slug="baltic-robotics-cluster")
    response = manager_client.post(reverse("my:organisation_new"), NEW)
    assert "register it anyway" in response.content.decode()
    response = manager_client.post(
        reverse("my:organisation_new"), {**NEW, "confirm_not_duplicate": "on"}
    )
    assert response.status_code == 302
    assert Organisation.objects.filter(slug="baltic-robotics-cluster-2").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram similarity needs pg_trgm")
def test_trigram_similarity_finds_a_misspelt_name_on_postgresql(db):
    make_organisation(name="Baltic Robotics Cluster", country="LV")
    names = [
        o.name for o in Organisation.objects.likely_duplicates("Baltik Robotic Cluster", "LV", "")
    ]
    assert names == ["Baltic Robotics Cluster"]
    assert Organisation.objects.likely_duplicates("Latvian Food Cluster", "LV", "") == []


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite fallback")
def test_sqlite_fallback_matches_names_containing_a_long_word(db):
    make_organisation(name="Baltic Robotics Cluster", country="LV")
    assert [
        o.name for o in Organisation.objects.likely_duplicates("Robotics Latvia", "LV", "")
    ] == ["Baltic Robotics Cluster"]
    assert Organisation.objects.likely_duplicates("Food Valley", "LV", "") == []
    assert (
        Organisation.objects.likely_duplicates("Latvian Food Cluster", "LV", "") == []
    )  # "Cluster" is generic


def test_website_domain_ignores_scheme_www_and_path():
    assert website_domain("https://www.Example.eu/about") == "example.eu"
    assert website_domain("not a url") == ""


def test_invalid_website_and_missing_country_are_form_errors(manager_client):
    response = manager_client.post(
        reverse("my:organisation_new"), {**NEW, "country": "", "website": "not a website"}
    )
    errors = response.context["form"].errors
    assert errors.keys() == {"country", "website"}
    assert "Enter a valid URL." in response.content.decode()
    assert 'value="Baltic Robotics Cluster"' in response.content.decode()


# ----- the steps --------------------------------------------------------------------------
@pytest.fixture
def draft(manager_user):
    return make_draft(manager_user, name="Baltic Robotics Cluster", country="LV")


def test_every_step_renders_with_one_h1_and_marks_the_current_step(manager_client, draft):
    for step in ["identity", "contacts", "figures", "focus", "about"]:
        response = manager_client.get(step_url(draft, step))
        html = response.content.decode()
        assert response.status_code == 200, step
        assert html.count("<h1") == 1, step
        assert html.count('aria-current="step"') == 1, step
        assert "Submit for review" in html


def test_unknown_step_redirects_to_the_first(manager_client, draft):
    response = manager_client.get(step_url(draft, "nope"))
    assert response.url == reverse("my:organisation_edit", args=[draft.slug])


def test_save_and_continue_goes_to_the_next_step_and_save_stays(manager_client, draft):
    response = manager_client.post(step_url(draft, "figures"), figures_data(action="next"))
    assert response.url == step_url(draft, "focus")
    response = manager_client.post(step_url(draft, "figures"), figures_data())
    assert response.url == step_url(draft, "figures")


def test_identity_step_saves_a_draft_without_recording_changes(manager_client, draft):
    manager_client.post(step_url(draft, "identity"), identity_data(draft, region="Vidzeme"))
    draft.refresh_from_db()
    assert draft.region == "Vidzeme"
    assert draft.profile_changes.count() == 0  # drafts are not public: no change log


def test_contacts_step_adds_edits_and_deletes_contacts(manager_client, draft):
    old = make_contact(draft, name="Old Person")
    data = formset_data(
        "contacts",
        [
            {"id": str(old.pk), "name": "Old Person", "position": "0", "DELETE": "on"},
            {"name": "New Person", "role": "CEO", "position": "1"},
        ],
        initial=1,
    )
    manager_client.post(step_url(draft, "contacts"), {**data, "action": "save"})
    assert [c.name for c in draft.contacts.all()] == ["New Person"]


def test_a_foreign_contact_id_in_the_formset_cannot_touch_another_profile(manager_client, draft):
    foreign = make_contact(make_organisation(), name="Not Yours")
    data = formset_data(
        "contacts", [{"id": str(foreign.pk), "name": "Hijacked", "position": "0"}], initial=1
    )
    manager_client.post(step_url(draft, "contacts"), {**data, "action": "save"})
    # the formset only knows this profile's contacts: the foreign row is skipped
    assert not draft.contacts.exists()
    foreign.refresh_from_db()
    assert foreign.name == "Not Yours"
    assert foreign.organisation != draft


def test_focus_step_saves_terms_of_every_vocabulary(manager_client, draft):
    sector = make_term(vocabulary="sectoral_industry")
    service = make_term(vocabulary="service")
    manager_client.post(
        step_url(draft, "focus"),
        {"sectoral_industry": [sector.pk], "service": [service.pk], "action": "save"},
    )
    assert set(draft.terms.all()) == {sector, service}


def test_focus_step_refuses_an_unknown_term_id(manager_client, draft):
    response = manager_client.post(step_url(draft, "focus"), {"service": ["99999"]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_negative_member_count_is_a_form_error_keeping_other_input(manager_client, draft):
    response = manager_client.post(
        step_url(draft, "figures"), figures_data(members_sme="-1", members_research="7")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 0." in html
    assert 'name="members_research" value="7"' in html
    draft.refresh_from_db()
    assert draft.members_research is None


def test_invalid_website_in_identity_step_keeps_other_input(manager_client, draft):
    response = manager_client.post(
        step_url(draft, "identity"), identity_data(draft, website="htp:/nope", region="Kurzeme")
    )
    assert "Enter a valid URL." in response.content.decode()
    assert 'value="Kurzeme"' in response.content.decode()


def test_logo_that_is_not_an_image_is_refused_keeping_the_about_text(manager_client, draft):
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = manager_client.post(
        step_url(draft, "about"), about_data(about="<p>Kept text</p>", logo=fake)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This file is a PDF document, which is not accepted here." in html
    assert "Kept text" in html
    draft.refresh_from_db()
    assert not draft.logo


def test_svg_logo_is_refused(manager_client, draft):
    svg = SimpleUploadedFile(
        "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'
    )
    response = manager_client.post(step_url(draft, "about"), about_data(logo=svg))
    assert response.status_code == 200
    draft.refresh_from_db()
    assert not draft.logo


def test_a_real_png_logo_is_stored(manager_client, draft):
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    response = manager_client.post(step_url(draft, "about"), about_data(logo=logo))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.logo.name.startswith("logos/")


def test_100_kb_about_text_with_scripts_is_refused_with_a_clear_error(manager_client, draft):
    huge = "<p>Robots</p><script>alert(1)</script>" * 2700  # ~100 KB
    assert len(huge) > 100_000
    response = manager_client.post(
        step_url(draft, "about"), about_data(about=huge, membership_info="<p>Members kept</p>")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value has at most 20000 characters" in html
    assert "Members kept" in html
    assert "<script>alert(1)</script>" not in html  # escaped in the textarea
    draft.refresh_from_db()
    assert draft.about == ""


def test_about_text_with_scripts_is_saved_sanitised(manager_client, draft, anon):
    manager_client.post(
        step_url(draft, "about"),
        about_data(about='<p onclick="x()">Robots<script>alert(1)</script></p>'),
    )
    draft.refresh_from_db()
    assert draft.about_html == "<p>Robots</p>"


# ----- submitting -------------------------------------------------------------------------
def test_submitting_needs_a_contact_and_an_about_text(manager_client, draft):
    response = manager_client.post(reverse("my:organisation_submit", args=[draft.slug]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Organisation.Status.DRAFT
    page = manager_client.get(response.url).content.decode()
    assert "add a contact person and an about text" in page


def test_submitted_profile_is_locked_until_staff_decide(manager_client, draft):
    make_contact(draft)
    draft.about = "<p>About</p>"
    draft.save()
    manager_client.post(reverse("my:organisation_submit", args=[draft.slug]))
    draft.refresh_from_db()
    assert draft.status == Organisation.Status.NEEDS_REVIEW
    response = manager_client.get(step_url(draft, "identity"))
    assert response.url == reverse("my:organisation_list")
    again = manager_client.post(reverse("my:organisation_submit", args=[draft.slug]))
    assert again.status_code == 302


def test_submit_is_post_only(manager_client, draft):
    assert (
        manager_client.get(reverse("my:organisation_submit", args=[draft.slug])).status_code == 405
    )


@pytest.mark.parametrize("contacts", [1, 15])
def test_contacts_step_query_count_does_not_grow_with_contacts(
    contacts, manager_client, draft, django_assert_num_queries
):
    for _ in range(contacts):
        make_contact(draft)
    # session, user, account profile, organisation, pending changes, contacts
    with django_assert_num_queries(6):
        response = manager_client.get(step_url(draft, "contacts"))
    assert response.content.decode().count("<fieldset") >= contacts


# session, user, account profile, organisation, pending changes, then per step:
# identity: languages, chosen languages; figures: none; focus: terms, chosen terms;
# about: social links
STEP_QUERIES = {"identity": 7, "figures": 5, "focus": 7, "about": 6}


@pytest.mark.parametrize("step", STEP_QUERIES)
def test_other_steps_have_a_fixed_query_count(
    step, manager_client, draft, django_assert_num_queries
):
    for vocabulary in ["sectoral_industry", "service", "s3_priority_area"]:
        make_term(vocabulary=vocabulary)
    with django_assert_num_queries(STEP_QUERIES[step]):
        assert manager_client.get(step_url(draft, step)).status_code == 200


def test_about_step_saves_social_links_and_reports_an_incomplete_one(manager_client, draft):
    links = formset_data(
        "social_links",
        [{"network": "linkedin", "handle": "Baltic Robotics", "url": "https://linkedin.example/b"}],
    )
    response = manager_client.post(step_url(draft, "about"), {**about_data(), **links})
    assert response.status_code == 302
    assert [str(link) for link in draft.social_links.all()] == ["LinkedIn: Baltic Robotics"]
    broken = formset_data("social_links", [{"network": "", "handle": "@nobody", "url": ""}])
    response = manager_client.post(step_url(draft, "about"), {**about_data(), **broken})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert 'value="@nobody"' in response.content.decode()
