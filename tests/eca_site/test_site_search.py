import re

import pytest
from django.urls import reverse

from eca_site.lib import site_search
from eca_site.lib.registry import search_providers
from eca_site.lib.site_search import SearchGroup, SearchResult
from tests.factories import make_best_practice, make_event, make_news_item, make_organisation

SEARCH = reverse("search")


@pytest.fixture
def profiles(db):
    make_organisation(name="Hydrogen Valley", about="<p>Electrolysers.</p>")
    for n in range(7):
        make_organisation(name=f"Hydrogen Hub {n}")
    make_organisation(name="Textile Cluster")


def test_empty_query_shows_the_form_only(db, anon):
    response = anon.get(SEARCH)
    assert response.status_code == 200
    assert response.context["groups"] == []
    assert response.content.decode().count("<h1") == 1


def test_results_are_grouped_by_type_with_a_link_to_all(profiles, anon):
    response = anon.get(f"{SEARCH}?q=hydrogen")
    groups = response.context["groups"]
    assert groups[0].label == "Cluster profiles"
    profiles_group = groups[0]
    assert profiles_group.total == 8
    assert len(profiles_group.results) == 5
    html = response.content.decode()
    assert 'href="/directory/?q=hydrogen">All 8 cluster profiles' in html
    assert "Textile Cluster" not in html


def test_other_apps_plug_in_their_own_provider(profiles, anon):
    def search_events(request, q, limit):
        return SearchGroup("Events", [SearchResult("Hydrogen Day", "/events/hydrogen-day/")], 1)

    site_search.register("test-events", "Events", search_events, order=20)
    try:
        response = anon.get(f"{SEARCH}?q=hydrogen")
    finally:
        search_providers.unregister("test-events")
    labels = [g.label for g in response.context["groups"]]
    assert labels.index("Cluster profiles") < labels.index("Events")
    assert 'href="/events/hydrogen-day/">Hydrogen Day</a>' in response.content.decode()


def test_header_has_a_site_search_box(db, anon):
    html = anon.get(reverse("home")).content.decode()
    assert f'action="{SEARCH}" role="search" aria-label="Site search"' in html
    assert '<label class="visually-hidden" for="site-search-q">Search the site</label>' in html


def test_site_search_query_count_is_bounded(profiles, anon, django_assert_num_queries):
    # profiles: count, first results, snippets; events, news, best practices, documents: page
    # and count; opportunities and calls (issue 16): page and count
    with django_assert_num_queries(15):
        anon.get(f"{SEARCH}?q=hydrogen")


def test_events_news_and_best_practices_are_searched_too(profiles, anon):
    organisation = make_organisation(name="Hydrogen Europe")
    make_event(title="Hydrogen Day", organiser=organisation)
    make_event(title="Hydrogen draft", organiser=organisation, is_published=False)
    make_news_item(title="Hydrogen news", organisation=organisation)
    make_best_practice(organisation, title="A hydrogen practice")
    make_best_practice(organisation, title="Hydrogen draft practice", status="draft")
    response = anon.get(f"{SEARCH}?q=hydrogen")
    groups = {g.label: [r.title for r in g.results] for g in response.context["groups"]}
    assert groups["Upcoming events"] == ["Hydrogen Day"]
    assert groups["News"] == ["Hydrogen news"]
    assert groups["Best practices"] == ["A hydrogen practice"]
    html = response.content.decode()
    assert "Hydrogen draft" not in html
    assert 'id="search-group-events"' in html


def test_a_nul_byte_is_dropped_and_an_overlong_query_is_a_form_error_not_a_500(anon, db):
    response = anon.get(SEARCH, {"q": "hydro\x00gen"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="hydro gen"' in html  # control characters become a space (issue 12, bug 1)
    response = anon.get(SEARCH, {"q": "x" * 201})
    assert response.status_code == 200
    assert "Ensure this value has at most 200 characters" in response.content.decode()


def test_empty_groups_are_hidden_and_plain_snippets_centre_on_the_marked_match(anon, db):
    from tests.factories import make_news_item

    filler = "Lorem ipsum dolor sit amet consectetur. " * 8
    make_news_item(title="Quarterly update", summary=f"{filler}Our hydrogen valley opens. {filler}")
    html = anon.get(reverse("search"), {"q": "hydrogen"}).text
    snippet = re.search(r'<p class="search-results__snippet">(.*?)</p>', html, re.S)[1]
    assert "<mark>hydrogen</mark>" in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "Events" not in re.findall(r"<h2 [^>]*>\s*(\w+)", html)  # no empty group
    nothing = anon.get(reverse("search"), {"q": "zzzqqq"}).text
    assert "Nothing found for “zzzqqq”" in nothing and "search-group" not in nothing


def test_documents_are_searched_too(anon, db):
    from tests.factories import make_document

    make_document(title="Hydrogen roadmap 2030", description="Position paper on hydrogen.")
    response = anon.get(reverse("search"), {"q": "hydrogen"})
    groups = {g.label: [r.title for r in g.results] for g in response.context["groups"]}
    assert groups["Documents"] == ["Hydrogen roadmap 2030"]
