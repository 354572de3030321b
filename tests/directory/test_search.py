import os

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from directory import services
from directory.models import Organisation, Vocabulary
from tests.factories import derive, make_organisation, make_term

LIST = reverse("directory:list")
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text and trigram search need PostgreSQL"
)
sqlite_only = pytest.mark.skipif(
    connection.vendor == "postgresql", reason="tests the fallback used on other databases"
)


def found(q):
    return list(Organisation.objects.published().search(q).values_list("name", flat=True))


@pytest.fixture
def profiles(db):
    automotive = make_term(Vocabulary.SECTORAL_INDUSTRY, name="Automotive", slug="automotive")
    ai = make_term(Vocabulary.TECHNOLOGY_FIELD, name="Artificial Intelligence", slug="ai")
    stuttgart = make_organisation(
        name="Stuttgart Mobility Cluster", country="DE", region="Baden-Württemberg"
    )
    stuttgart.terms.add(automotive)
    derive(stuttgart)
    make_organisation(
        name="Hydrogen Valley",
        country="NL",
        region="Groningen",
        about="<p>Electrolysers and fuel cells.</p>",
    )
    make_organisation(
        name="Energy Partners",
        country="DK",
        about="<p>We connect <b>hydrogen</b> producers &amp; users across the North Sea.</p>",
    )
    madrid = make_organisation(name="Madrid Data Cluster", country="ES", region="Madrid")
    madrid.terms.add(ai)
    derive(madrid)
    berlin = make_organisation(name="Berlin Data Cluster", country="DE", region="Berlin")
    berlin.terms.add(ai)
    derive(berlin)
    make_organisation(name="Hidden Hydrogen", status="withdrawn")


def test_empty_query_returns_everything_unranked(profiles):
    assert Organisation.objects.published().search("  ").count() == 5


def test_query_matches_taxonomy_terms(profiles):
    assert found("automotive") == ["Stuttgart Mobility Cluster"]


def test_unpublished_profiles_are_never_found(profiles):
    assert "Hidden Hydrogen" not in found("hydrogen")


def test_search_index_follows_the_write_path_for_terms_tags_and_facts(profiles):
    organisation = Organisation.objects.get(name="Energy Partners")
    assert found("photonics") == []
    organisation.terms.add(make_term(Vocabulary.TECHNOLOGY_FIELD, name="Photonics"))
    derive(organisation)
    assert found("photonics") == ["Energy Partners"]
    organisation.tags.add("offshore wind")
    derive(organisation)
    assert found("offshore") == ["Energy Partners"]
    organisation.terms.clear()
    derive(organisation)
    assert found("photonics") == []
    organisation.name = "Energy Partners Zeeland"
    services.save_profile(organisation, fields=["name"])
    assert found("zeeland") == ["Energy Partners Zeeland"]


def test_results_page_shows_escaped_highlighted_snippets(profiles, anon):
    response = anon.get(f"{LIST}?q=hydrogen")
    html = response.content.decode()
    assert response.context["organisations"][1].name == "Energy Partners"
    assert "<mark>hydrogen</mark> producers &amp; users" in html
    assert "<b>hydrogen</b>" not in html


@postgresql_only
def test_name_match_beats_about_text_match(profiles):
    assert found("hydrogen") == ["Hydrogen Valley", "Energy Partners"]


@postgresql_only
def test_typo_still_finds_the_profile(profiles):
    assert found("automotiv") == ["Stuttgart Mobility Cluster"]
    assert found("stutgart")[0] == "Stuttgart Mobility Cluster"


@postgresql_only
@pytest.mark.parametrize("q", ["Baden-Wurttemberg", "Baden-Würtemberg", "baden wurttemberg"])
def test_accents_and_typos_in_places_still_match(profiles, q):
    assert found(q) == ["Stuttgart Mobility Cluster"]


@postgresql_only
def test_abbreviation_country_and_kind_narrow_a_sentence_query(profiles):
    assert found("AI clusters in Spain") == ["Madrid Data Cluster"]
    assert found("automotive in Baden") == ["Stuttgart Mobility Cluster"]


@postgresql_only
def test_search_vector_is_stored_and_indexed(profiles):
    organisation = Organisation.objects.get(name="Hydrogen Valley")
    assert "hydrogen" in str(organisation.search_vector)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'directory_organisation'"
            " AND indexdef LIKE '%%USING gin%%'"
        )
        assert {row[0] for row in cursor.fetchall()} == {
            "organisation_search_vector",
            "organisation_search_trgm",
        }


@sqlite_only
def test_fallback_is_case_and_accent_insensitive_and_puts_name_matches_first(profiles):
    assert found("HYDROGEN") == ["Hydrogen Valley", "Energy Partners"]
    assert found("baden-wurttemberg") == ["Stuttgart Mobility Cluster"]
    assert found("data cluster") == ["Berlin Data Cluster", "Madrid Data Cluster"]
    assert found("automotiv") == ["Stuttgart Mobility Cluster"]  # a prefix is a substring


def test_search_query_count_is_bounded(profiles, anon, django_assert_num_queries):
    # terms, languages, tags in use, count, page, main sectors, facets, snippets
    with django_assert_num_queries(8):
        assert anon.get(f"{LIST}?q=hydrogen").status_code == 200


def test_rebuild_search_index_restores_emptied_search_texts(profiles):
    Organisation.objects.update(
        search_document="", search_keywords="", search_place="", search_vector=None
    )
    assert found("automotive") == []
    with open(os.devnull, "w") as devnull:
        call_command("rebuild_search_index", stdout=devnull)
    assert found("automotive") == ["Stuttgart Mobility Cluster"]


def test_an_exact_or_prefix_name_match_ranks_first(db):
    matchmaking = make_term(Vocabulary.SERVICE, name="Clusters matchmaking", slug="cm")
    for n in range(8):
        demo = make_organisation(
            name=f"Demo Cluster {n}",
            about="<p>Clusters matchmaking: cluster of clusters, clustering clusters.</p>",
        )
        demo.terms.add(matchmaking)
        derive(demo)
    derive(make_organisation(name="Clustero", about="<p>The Romanian association.</p>"))
    derive(make_organisation(name="Clustero Innovation Hub"))
    names = [o.name for o in Organisation.objects.search("Clustero")[:2]]
    assert names == ["Clustero", "Clustero Innovation Hub"]


def test_a_term_alias_finds_its_profiles_and_follows_the_admin(db, staff_client):
    brokerage = make_term(Vocabulary.SERVICE, name="Brokerage events", aliases="Quokka meetings")
    with_term = make_organisation(name="Alias Cluster")
    with_term.terms.add(brokerage)
    derive(with_term)
    make_organisation(name="Other Cluster")
    assert found("quokka meetings") == ["Alias Cluster"]
    assert found("brokerage events") == ["Alias Cluster"]
    # Staff add an alias in the admin: the profiles are found by it at once.
    change = reverse("admin:directory_term_change", args=[brokerage.pk])
    data = {
        "vocabulary": "service", "name": "Brokerage events", "slug": brokerage.slug,
        "position": 0, "source": "", "aliases": "Quokka meetings; Wombat days",
    }  # fmt: skip
    assert staff_client.post(change, data).status_code == 302
    assert found("wombat") == ["Alias Cluster"]
