"""A profile's about text in more languages (issue 18 §4): the visitor reads their language
when it exists, else the original, marked with its language and linked to the others."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from directory.models import Organisation
from eca_site.lib.translated_text import pick_text
from tests.factories import make_organisation
from tests.i18n import get_in, url_in

ABOUT_EN = "<p>We connect makers of electric vehicles.</p>"
ABOUT_DE = "<p>Wir vernetzen Hersteller von Elektrofahrzeugen.</p>"


@pytest.fixture
def profile(db, manager_user):
    organisation = make_organisation(
        name="E-Mobility Cluster",
        slug="e-mobility-cluster",
        about=ABOUT_EN,
        about_translations={"de": ABOUT_DE},
    )
    organisation.managers.add(manager_user)
    return organisation


def test_german_visitor_reads_the_german_about_text_marked_de(client, profile):
    r = get_in(client, "de", url_in("de", "directory:profile", profile.slug))
    assertContains(r, f'<div lang="de" class="rich-text">{ABOUT_DE}</div>', html=True)
    assertNotContains(r, '<div lang="en"')
    assertNotContains(r, "translated-text__note")


def test_french_visitor_reads_the_original_with_links_to_the_german_page(client, profile):
    r = get_in(client, "fr", url_in("fr", "directory:profile", profile.slug))
    assertContains(r, f'<div lang="en" class="rich-text">{ABOUT_EN}</div>', html=True)
    assertContains(r, "translated-text__note")
    german_page = url_in("de", "directory:profile", profile.slug)
    assertContains(r, f'<a href="{german_page}" hreflang="de" lang="de">Deutsch</a>', html=True)


def test_english_visitor_reads_the_original_and_is_told_of_the_german_version(client, profile):
    r = client.get(profile.get_absolute_url())
    assertContains(r, f'<div lang="en" class="rich-text">{ABOUT_EN}</div>', html=True)
    assertNotContains(r, "translated-text__note")  # their language is there: no note


def test_translations_are_sanitised_as_the_original_is(db):
    organisation = make_organisation(
        about="<p>Original</p>",
        about_translations={
            "de": '<p onclick="x()">Hallo<script>alert(1)</script></p>',
            "fr": "   ",  # empty: dropped
            "it": "<p>Not a language of the site</p>",  # dropped
            "en": "<p>The original's language</p>",  # dropped
        },
    )
    organisation.refresh_from_db()
    assert organisation.about_translations == {"de": "<p>Hallo</p>"}


def test_search_finds_a_profile_by_a_word_of_its_german_about_text(profile, client):
    found = Organisation.objects.published().search("Elektrofahrzeugen")
    assert list(found) == [profile]
    r = client.get(reverse("directory:list"), {"q": "Elektrofahrzeugen"})
    assertContains(r, "E-Mobility Cluster")
    r = client.get(reverse("search"), {"q": "Elektrofahrzeugen"})
    assertContains(r, "E-Mobility Cluster")


def test_pick_text_prefers_the_readers_language_then_the_original():
    translations = {"de": "Hallo", "fr": "Bonjour"}
    picked = pick_text("Hello", "en", translations, "de")
    assert (picked.text, picked.language, picked.is_fallback) == ("Hallo", "de", False)
    assert picked.available == ["en", "fr"]
    picked = pick_text("Hello", "en", translations, "pl")
    assert (picked.text, picked.language, picked.is_fallback) == ("Hello", "en", True)
    assert picked.available == ["de", "fr"]
    picked = pick_text("", "en", {"de": "Hallo"}, "pl")  # no original: a translation
    assert (picked.text, picked.language) == ("Hallo", "de")


# ----- the manager's form ----------------------------------------------------------------
def about_step(organisation):
    return reverse("my:organisation_step", args=[organisation.slug, "about"])


def about_post(organisation, **fields):
    from accounts import services

    data = {
        "about": ABOUT_EN,
        "about_language": "en",
        "membership_info": "",
        "action": "save",
        "version": services.version_of(organisation),
        "social_links-TOTAL_FORMS": "0",
        "social_links-INITIAL_FORMS": "0",
        "social_links-MIN_NUM_FORMS": "0",
        "social_links-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def test_manager_sees_a_textarea_per_translation_and_a_way_to_add_one(manager_client, profile):
    r = manager_client.get(about_step(profile))
    form = r.context["form"]
    assert form["about_translation_de"].value() == ABOUT_DE
    assert "de" not in dict(form.fields["about_add_language"].choices)
    assertContains(r, 'name="about_add_text"')


def test_manager_adds_edits_and_removes_translations(manager_client, profile):
    r = manager_client.post(
        about_step(profile),
        about_post(
            profile,
            about_translation_de="",  # removed
            about_add_language="fr",
            about_add_text="<p>Nous reliERONS<script>x</script></p>",
        ),
    )
    assert r.status_code == 302, r.context["form"].errors
    profile.refresh_from_db()
    assert profile.about_translations == {"fr": "<p>Nous reliERONS</p>"}


def test_manager_form_keeps_what_was_typed_on_errors(manager_client, profile):
    typed = "<p>Nous relions les constructeurs.</p>"
    r = manager_client.post(
        about_step(profile),
        about_post(profile, about_translation_de=ABOUT_DE + "<p>Mehr.</p>", about_add_text=typed),
    )
    assert r.status_code == 200
    form = r.context["form"]
    assert "about_add_language" in form.errors  # a text without its language
    assert form["about_add_text"].value() == typed
    assert form["about_translation_de"].value() == ABOUT_DE + "<p>Mehr.</p>"
    profile.refresh_from_db()
    assert profile.about_translations == {"de": ABOUT_DE}  # nothing saved


def test_a_translation_into_the_originals_language_is_refused(manager_client, profile):
    r = manager_client.post(
        about_step(profile), about_post(profile, about_language="de", about_translation_de=ABOUT_DE)
    )
    assert r.status_code == 200
    assert "about_language" in r.context["form"].errors
