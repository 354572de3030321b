import pytest
from django.contrib import admin
from django.urls import reverse

from directory.models import Contact, Language, Membership, Organisation, SocialLink, Term
from tests.factories import make_contact, make_membership, make_organisation, make_term

DIRECTORY_MODELS = [Organisation, Term, Language, Membership, Contact, SocialLink]


@pytest.fixture
def one_of_each(db):
    network = make_organisation(kind=Organisation.Kind.NETWORK)
    membership = make_membership(network)
    return {
        Organisation: network,
        Term: make_term(),
        Language: Language.objects.create(code="xx", name="Xish"),
        Membership: membership,
        Contact: make_contact(network),
        SocialLink: SocialLink.objects.create(organisation=network, network="twitter", handle="x"),
    }


def _admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_directory_model_is_registered():
    for model in DIRECTORY_MODELS:
        assert admin.site.is_registered(model)


@pytest.mark.parametrize("model", DIRECTORY_MODELS, ids=lambda m: m.__name__)
def test_staff_can_open_changelist_add_and_change_forms(model, one_of_each, staff_client):
    obj = one_of_each[model]
    for url in (
        _admin_url(model, "changelist"),
        _admin_url(model, "add"),
        _admin_url(model, "change", obj.pk),
    ):
        assert staff_client.get(url).status_code == 200, url


@pytest.mark.parametrize("model", DIRECTORY_MODELS, ids=lambda m: m.__name__)
def test_anonymous_is_sent_to_the_admin_login(model, one_of_each, anon):
    response = anon.get(_admin_url(model, "change", one_of_each[model].pk))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_non_staff_user_cannot_use_the_admin(manager_client, one_of_each):
    response = manager_client.get(_admin_url(Organisation, "changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_changelist_shows_completeness_and_sorts_by_it(staff_client, db):
    make_organisation(name="Sparse", country="")
    make_organisation(name="Fuller", region="Flanders", website="https://example.org")
    response = staff_client.get(_admin_url(Organisation, "changelist"), {"o": "-5"})
    html = response.content.decode()
    assert "15%" in html and "5%" in html
    assert html.index("Fuller") < html.index("Sparse")


def test_staff_edit_in_admin_saves_sanitised_about_and_inlines(staff_client, db):
    organisation = make_organisation()
    url = _admin_url(Organisation, "change", organisation.pk)
    data = {
        "kind": "cluster",
        "name": "Edited Cluster",
        "slug": organisation.slug,
        "country": "FR",
        "region": "Occitanie",
        "about": "<p>Hello<script>alert(1)</script></p>",
        "about_language": "en",
        "tags": "",
        "is_published": "on",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": "Marie Curie",
        "contacts-0-role": "Director",
        "contacts-0-email": "marie@example.org",
        "contacts-0-position": "0",
        "social_links-TOTAL_FORMS": "0",
        "social_links-INITIAL_FORMS": "0",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    organisation.refresh_from_db()
    assert organisation.name == "Edited Cluster"
    assert organisation.about_html == "<p>Hello</p>"
    assert organisation.contacts.get().name == "Marie Curie"
    assert organisation.completeness == 5 + 5 + 15 + 10  # name, location, about, contact


def test_view_on_site_links_to_the_public_profile(staff_client, db):
    organisation = make_organisation()
    html = staff_client.get(_admin_url(Organisation, "change", organisation.pk)).content.decode()
    assert "View on site" in html
