"""Taxonomy names in the visitor's language (issue 18 §3): the seed's term names are catalogue
entries with the context "taxonomy"; languages spoken are named by CLDR; search finds a
profile by a term's name in any of the site's languages."""

import json

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from pytest_django.asserts import assertContains

from directory.management.commands.taxonomy_messages import (
    MODULE,
    SEED_FILE,
    render_module,
    term_names,
)
from directory.models import Organisation, Vocabulary
from tests.factories import derive, make_language, make_organisation, make_term
from tests.i18n import get_in, url_in


def test_the_messages_module_lists_every_term_name_of_the_seed():
    taxonomies = json.loads(SEED_FILE.read_text())
    assert MODULE.read_text() == render_module(taxonomies), "run manage.py taxonomy_messages"
    names = term_names(taxonomies)
    assert "Networking and matchmaking" in names
    for name in names:
        assert f'"{name}"' in MODULE.read_text()


def test_the_messages_module_imports_and_gives_each_name_the_taxonomy_context(db, catalogue):
    from directory import taxonomy_messages

    catalogue("de", {("taxonomy", "Apparel"): "Bekleidung", "Apparel": "Falsch"})
    names = [str(name) for name in taxonomy_messages.TERM_NAMES]
    assert names == term_names(json.loads(SEED_FILE.read_text()))
    with translation.override("de"):
        assert "Bekleidung" in [str(name) for name in taxonomy_messages.TERM_NAMES]


def test_the_command_checks_the_module(capsys):
    call_command("taxonomy_messages", "--check")
    assert "up to date" in capsys.readouterr().out


def test_a_term_shows_its_name_in_the_visitors_language(db, catalogue):
    catalogue("de", {("taxonomy", "Automotive"): "Automobilindustrie"})
    term = make_term(Vocabulary.SECTORAL_INDUSTRY, name="Automotive", slug="automotive")
    with translation.override("de"):
        assert term.display_name == "Automobilindustrie"
        assert str(term) == "Automobilindustrie"
    with translation.override("fr"):  # the real French catalogue
        assert term.display_name == "Automobile"
    unknown = make_term(Vocabulary.SECTORAL_INDUSTRY, name="Hydrogen valleys", slug="h2")
    with translation.override("fr"):
        assert unknown.display_name == "Hydrogen valleys"  # in no catalogue: as written
    assert str(term) == "Automotive"


def test_profile_page_shows_terms_and_languages_in_the_visitors_language(client, db, catalogue):
    catalogue("de", {("taxonomy", "Automotive"): "Automobilindustrie"})
    term = make_term(Vocabulary.SECTORAL_INDUSTRY, name="Automotive", slug="automotive")
    organisation = make_organisation(name="Motor Cluster", slug="motor-cluster")
    organisation.terms.add(term)
    organisation.languages.add(make_language("fr", "French"))
    derive(organisation)
    r = get_in(client, "de", url_in("de", "directory:profile", organisation.slug))
    assertContains(r, "Automobilindustrie")
    assertContains(r, "Französisch")  # CLDR's German name of French


def test_search_finds_a_profile_by_a_terms_name_in_another_language(db, catalogue, client):
    catalogue("de", {("taxonomy", "Automotive"): "Automobilindustrie"})
    term = make_term(Vocabulary.SECTORAL_INDUSTRY, name="Automotive", slug="automotive")
    organisation = make_organisation(name="Motor Cluster", slug="motor-cluster")
    organisation.terms.add(term)
    derive(organisation)
    found = Organisation.objects.published().search("Automobilindustrie")
    assert list(found) == [organisation]
    r = client.get(reverse("directory:list"), {"q": "automobilindustrie"})
    assertContains(r, "Motor Cluster")
