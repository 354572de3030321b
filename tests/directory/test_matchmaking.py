from types import SimpleNamespace

import pytest
from django.urls import reverse

from directory.matchmaking import attach_shared_terms, explain, partners_for
from directory.models import Organisation, Vocabulary
from tests.client import committed
from tests.factories import make_organisation, make_term


@pytest.fixture
def world(db):
    """An origin in Belgium and candidates whose order follows from matchmaking.WEIGHTS."""
    w = SimpleNamespace()
    w.sector = make_term(Vocabulary.SECTORAL_INDUSTRY, name="Automotive")  # 3 points
    w.ecosystem = make_term(Vocabulary.INDUSTRIAL_ECOSYSTEM, name="Mobility")  # 3 points
    w.tech = make_term(Vocabulary.TECHNOLOGY_FIELD, name="Photonics")  # 2 points
    w.service1 = make_term(Vocabulary.SERVICE, name="Internationalisation")  # 1 point
    w.service2 = make_term(Vocabulary.SERVICE, name="Innovation projects")  # 1 point
    w.unshared = make_term(Vocabulary.SECTORAL_INDUSTRY, name="Textiles")
    w.origin = make_organisation(name="Origin", country="BE")
    w.origin.terms.add(w.sector, w.ecosystem, w.tech, w.service1, w.service2)

    def candidate(name, country, *terms, **extra):
        organisation = make_organisation(name=name, country=country, **extra)
        organisation.terms.add(*terms)
        return organisation

    # 6 points abroad: score 6 x 3 = 18
    w.france = candidate("French Mobility", "FR", w.sector, w.ecosystem, kind="network")
    # 8 points at home: 8 x 2 = 16, below the foreign profile with fewer points
    w.belgium = candidate("Belgian Photonics", "BE", w.sector, w.ecosystem, w.tech)
    # 3 points abroad each: 9; equal scores and shared counts fall back to name order
    w.zebra = candidate("Zebra Cars", "ES", w.sector)
    w.aardvark = candidate("Aardvark Cars", "ES", w.sector, w.unshared)
    # 2 points abroad each: 6; two shared services beat one shared technology
    w.germany = candidate("German Services", "DE", w.service1, w.service2)
    w.netherlands = candidate("Dutch Photonics", "NL", w.tech)
    # never suggested: nothing shared, unpublished
    candidate("Unrelated", "IT", w.unshared)
    candidate("Hidden Mobility", "FR", w.sector, w.ecosystem, status="draft")
    w.expected = [
        "French Mobility",
        "Belgian Photonics",
        "Aardvark Cars",
        "Zebra Cars",
        "German Services",
        "Dutch Photonics",
    ]
    return w


def test_partners_are_ranked_by_weighted_overlap_preferring_other_countries(world):
    partners = list(partners_for(world.origin))
    assert [p.name for p in partners] == world.expected
    assert [p.match_score for p in partners] == [18, 16, 9, 9, 6, 6]
    assert [p.shared_points for p in partners] == [6, 8, 3, 3, 2, 2]
    assert [p.is_abroad for p in partners] == [1, 0, 1, 1, 1, 1]


def test_ranking_is_deterministic(world):
    first = [p.pk for p in partners_for(world.origin)]
    assert all([p.pk for p in partners_for(world.origin)] == first for _ in range(3))


def test_each_suggestion_explains_what_it_shares(world):
    partners = attach_shared_terms(world.origin, partners_for(world.origin))
    # in vocabulary order: industrial_ecosystem sorts before sectoral_industry
    assert [t.name for t in partners[0].shared_terms] == ["Mobility", "Automotive"]
    assert "Textiles" not in [t.name for t in partners[2].shared_terms]
    assert explain(partners[1]) == (
        "Shares " + ", ".join(t.name for t in partners[1].shared_terms)
        + "; 8 points; in the same country."
    )  # fmt: skip


def test_partners_page_lists_suggestions_with_shared_terms(world, anon):
    response = anon.get(reverse("directory:partners", args=[world.origin.slug]))
    assert response.status_code == 200
    assert [p.name for p in response.context["partners"]] == world.expected
    html = response.content.decode()
    assert "<h1>Potential partners of Origin</h1>" in html
    assert "Match score 18: 6 points for 2 shared terms, \u00d71.5 for another country." in html
    assert "<li>Photonics</li>" in html
    assert "Hidden Mobility" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=ES", ["Aardvark Cars", "Zebra Cars"]),
        ("country=BE", ["Belgian Photonics"]),
        ("kind=network", ["French Mobility"]),
    ],
)
def test_partners_page_filters_by_country_and_kind(world, anon, query, expected):
    url = reverse("directory:partners", args=[world.origin.slug])
    response = anon.get(f"{url}?{query}")
    assert [p.name for p in response.context["partners"]] == expected


def test_invalid_partner_filter_is_a_form_error(world, anon):
    url = reverse("directory:partners", args=[world.origin.slug])
    response = anon.get(f"{url}?country=XX&kind=moon")
    assert response.status_code == 200
    assert set(response.context["filter"].errors) == {"country", "kind"}
    assert "Some filters could not be applied" in response.content.decode()


def test_partners_of_an_unpublished_profile_are_404_for_anonymous(world, anon):
    hidden = Organisation.objects.get(name="Hidden Mobility")
    assert anon.get(reverse("directory:partners", args=[hidden.slug])).status_code == 404


def test_profile_shows_the_top_partners_and_links_to_all(world, anon):
    response = anon.get(world.origin.get_absolute_url())
    html = response.content.decode()
    assert [p.name for p in response.context["partners"]] == world.expected[:5]
    assert '<h2 id="partners-heading">Potential partners</h2>' in html
    assert reverse("directory:partners", args=[world.origin.slug]) in html


def test_profile_without_terms_explains_why_there_are_no_suggestions(db, anon):
    organisation = make_organisation()
    html = anon.get(organisation.get_absolute_url()).content.decode()
    assert "No suggestions yet" in html


@pytest.mark.parametrize("extra", [0, 40])
def test_partners_page_query_count_does_not_grow(world, anon, django_assert_num_queries, extra):
    with committed():
        for n in range(extra):
            make_organisation(name=f"Extra {n}", country="PL").terms.add(world.sector)
    url = reverse("directory:partners", args=[world.origin.slug])
    # organisation, its terms, count, page of partners, their shared terms
    with django_assert_num_queries(5):
        assert anon.get(url).status_code == 200
    # again: the count and the page's rows come from the cache (this content version)
    with django_assert_num_queries(2):
        assert anon.get(url).status_code == 200


def test_partners_page_follows_changes_at_once(world, anon, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = reverse("directory:partners", args=[world.origin.slug])
    before = anon.get(url)
    with committed():
        make_organisation(name="Newcomer Cluster", country="PL").terms.add(world.sector)

    after = anon.get(url)

    assert "Newcomer Cluster" not in before.content.decode()
    assert "Newcomer Cluster" in after.content.decode()
    assert (
        after.context["page_obj"].paginator.count == before.context["page_obj"].paginator.count + 1
    )


@pytest.mark.parametrize("extra", [0, 40])
def test_profile_query_count_with_partners_does_not_grow(
    world, anon, django_assert_num_queries, extra
):
    with committed():
        for n in range(extra):
            make_organisation(name=f"Extra {n}", country="PL").terms.add(world.sector)
    # organisation, contacts, memberships, terms, networks it is a member of, languages, social
    # links, tags, top partners, their shared terms, the events week (span, week, next: 3),
    # latest news/documents/practices (3), live opportunities (1)
    with django_assert_num_queries(17):
        assert anon.get(world.origin.get_absolute_url()).status_code == 200
