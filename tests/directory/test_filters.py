import datetime
import os
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.urls import reverse

from directory.models import Organisation, Term, Vocabulary
from eca_site.lib.registry import DirectoryFilter, directory_filters
from tests.client import committed
from tests.factories import make_language, make_organisation, make_term

LIST = reverse("directory:list")


@pytest.fixture
def catalogue(db):
    """Three published profiles (and one hidden) whose facets we can count by hand."""
    t = SimpleNamespace()
    t.automotive = make_term(Vocabulary.SECTORAL_INDUSTRY, name="Automotive", slug="automotive")
    t.textiles = make_term(Vocabulary.SECTORAL_INDUSTRY, name="Textiles", slug="textiles")
    t.digital = make_term(Vocabulary.INDUSTRIAL_ECOSYSTEM, name="Digital", slug="digital")
    t.s3 = make_term(Vocabulary.S3_PRIORITY_AREA, name="Digital transformation", slug="dt")
    t.s3_ai = make_term(Vocabulary.S3_PRIORITY_AREA, name="AI systems", slug="ai", parent=t.s3)
    t.export = make_term(Vocabulary.SERVICE, name="Internationalisation", slug="intl")
    t.english, t.german = make_language("en", name="English"), make_language("de", name="German")

    t.alpha = make_organisation(
        name="Alpha Automotive",
        country="DE",
        region="Bavaria",
        date_of_establishment=datetime.date(2001, 5, 1),
    )
    t.alpha.terms.add(t.automotive, t.digital)
    t.alpha.languages.add(t.german, t.english)
    t.alpha.tags.add("batteries")
    t.beta = make_organisation(
        name="Beta Textiles",
        country="ES",
        region="Catalonia",
        kind=Organisation.Kind.NETWORK,
        date_of_establishment=datetime.date(2015, 1, 1),
    )
    t.beta.terms.add(t.textiles, t.s3_ai, t.export)
    t.beta.languages.add(t.english)
    t.gamma = make_organisation(name="Gamma Digital", country="ES", region="Basque Country")
    t.gamma.terms.add(t.digital, t.automotive)
    t.gamma.tags.add("batteries", "hydrogen")
    t.hidden = make_organisation(name="Hidden Automotive", country="FR", status="withdrawn")
    t.hidden.terms.add(t.automotive)
    return t


def names(response):
    return [organisation.name for organisation in response.context["organisations"]]


def facet(response, name):
    """{option value: count} of one facet in the page's context."""
    facets = {f["name"]: f for f in response.context["facets"]}
    return {o["value"]: o["count"] for o in facets[name]["options"]}


def test_unfiltered_list_shows_published_profiles_by_name(catalogue, anon):
    response = anon.get(LIST)
    assert response.status_code == 200
    assert names(response) == ["Alpha Automotive", "Beta Textiles", "Gamma Digital"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=ES", ["Beta Textiles", "Gamma Digital"]),
        ("country=ES&country=DE", ["Alpha Automotive", "Beta Textiles", "Gamma Digital"]),
        ("region=Bavaria", ["Alpha Automotive"]),
        ("region=Catalonia&region=Bavaria", ["Alpha Automotive", "Beta Textiles"]),
        ("kind=network", ["Beta Textiles"]),
        ("sectoral_industry=automotive", ["Alpha Automotive", "Gamma Digital"]),
        ("sectoral_industry=textiles&sectoral_industry=automotive", ["Alpha Automotive",
                                                                     "Beta Textiles",
                                                                     "Gamma Digital"]),
        ("industrial_ecosystem=digital", ["Alpha Automotive", "Gamma Digital"]),
        ("service=intl", ["Beta Textiles"]),
        ("s3_priority_area=ai", ["Beta Textiles"]),
        ("language=de", ["Alpha Automotive"]),
        ("language=en", ["Alpha Automotive", "Beta Textiles"]),
        ("tag=hydrogen", ["Gamma Digital"]),
        ("tag=batteries", ["Alpha Automotive", "Gamma Digital"]),
        ("established_after=2010", ["Beta Textiles"]),
        ("established_before=2001", ["Alpha Automotive"]),
        ("established_after=2001&established_before=2015", ["Alpha Automotive", "Beta Textiles"]),
    ],
)  # fmt: skip
def test_each_facet_filters_the_list(catalogue, anon, query, expected):
    response = anon.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert names(response) == expected
    assert not response.context["filter"].errors


@pytest.mark.parametrize("vocabulary", list(Vocabulary))
def test_every_vocabulary_is_a_facet(catalogue, anon, vocabulary):
    term = make_term(vocabulary, name="Only Gamma", slug="only-gamma")
    catalogue.gamma.terms.add(term)
    response = anon.get(f"{LIST}?{vocabulary.value}=only-gamma")
    assert names(response) == ["Gamma Digital"]
    assert facet(response, vocabulary.value)["only-gamma"] == 1


def test_s3_area_selects_its_sub_areas(catalogue, anon):
    response = anon.get(f"{LIST}?s3_priority_area=dt")
    assert names(response) == ["Beta Textiles"]


def test_facets_combine_with_and_between_them(catalogue, anon):
    response = anon.get(f"{LIST}?country=ES&sectoral_industry=automotive&tag=batteries")
    assert names(response) == ["Gamma Digital"]


def test_facet_counts_describe_the_published_result_set(catalogue, anon):
    response = anon.get(LIST)
    assert facet(response, "country") == {"DE": 1, "ES": 2}  # hidden FR profile not counted
    assert facet(response, "kind") == {"cluster": 2, "network": 1}
    assert facet(response, "sectoral_industry") == {"automotive": 2, "textiles": 1}
    assert facet(response, "s3_priority_area") == {"dt": 1, "ai": 1}
    assert facet(response, "language") == {"en": 2, "de": 1}
    assert facet(response, "tag") == {"batteries": 2, "hydrogen": 1}
    assert facet(response, "region") == {"Bavaria": 1, "Basque Country": 1, "Catalonia": 1}


def test_an_active_facet_keeps_counting_its_alternatives(catalogue, anon):
    response = anon.get(f"{LIST}?country=ES")
    # Other facets count the Spanish profiles only ...
    assert facet(response, "sectoral_industry") == {"automotive": 1, "textiles": 1}
    assert facet(response, "kind") == {"cluster": 1, "network": 1}
    # ... while the country facet still shows what adding Germany would add.
    assert facet(response, "country") == {"DE": 1, "ES": 2}
    options = {f["name"]: f for f in response.context["facets"]}["country"]["options"]
    assert [o["value"] for o in options if o["selected"]] == ["ES"]


def test_facet_counts_follow_the_search(catalogue, anon):
    response = anon.get(f"{LIST}?q=textiles")
    assert names(response) == ["Beta Textiles"]
    assert facet(response, "country") == {"ES": 1}


def test_facet_options_render_as_checkboxes_with_counts(catalogue, anon):
    response = anon.get(f"{LIST}?country=ES")
    html = response.content.decode()
    assert 'name="country" value="ES" id="filter-country-es" checked' in html
    assert 'Spain <span class="facet__count">(2)</span>' in html
    assert 'Germany <span class="facet__count">(1)</span>' in html


def test_sort_by_completeness_and_newest(catalogue, anon):
    Organisation.objects.filter(pk=catalogue.gamma.pk).update(completeness=90)
    Organisation.objects.filter(pk=catalogue.beta.pk).update(completeness=50)
    response = anon.get(f"{LIST}?sort=completeness")
    assert names(response) == ["Gamma Digital", "Beta Textiles", "Alpha Automotive"]
    for days, organisation in enumerate([catalogue.beta, catalogue.alpha, catalogue.gamma]):
        created = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(days)
        Organisation.objects.filter(pk=organisation.pk).update(created=created)
    response = anon.get(f"{LIST}?sort=newest")
    assert names(response) == ["Gamma Digital", "Alpha Automotive", "Beta Textiles"]
    assert names(anon.get(f"{LIST}?sort=name")) == [
        "Alpha Automotive",
        "Beta Textiles",
        "Gamma Digital",
    ]


def test_relevance_without_a_query_falls_back_to_name(catalogue, anon):
    response = anon.get(f"{LIST}?sort=relevance")
    assert names(response) == ["Alpha Automotive", "Beta Textiles", "Gamma Digital"]
    assert response.context["filter"].sort_order == "name"


def test_invalid_parameters_show_form_errors_and_apply_the_rest(catalogue, anon):
    query = (
        "country=XX&established_after=abc&sort=bogus&sectoral_industry=nope&language=zz"
        "&tag=no-such-tag&kind=planet&established_before=99999&region=Catalonia"
    )
    response = anon.get(f"{LIST}?{query}")
    assert response.status_code == 200
    errors = response.context["filter"].errors
    assert set(errors) == {
        "country",
        "established_after",
        "sort",
        "sectoral_industry",
        "language",
        "tag",
        "kind",
        "established_before",
    }
    html = response.content.decode()
    assert "Some filters could not be applied" in html
    assert "Select a valid choice. XX is not one of the available choices." in html
    assert names(response) == ["Beta Textiles"]  # the valid region still applies


def test_list_answers_get_only(catalogue, anon):
    assert anon.post(LIST, {"country": "ES"}).status_code == 405


def test_pagination_keeps_the_filters(db, anon):
    for n in range(30):
        make_organisation(name=f"Spanish {n:02}", country="ES")
    make_organisation(name="French", country="FR")
    response = anon.get(f"{LIST}?country=ES&sort=name")
    assert response.context["page_obj"].paginator.count == 30
    html = response.content.decode()
    assert 'href="?country=ES&amp;sort=name&amp;page=2"' in html
    second = anon.get(f"{LIST}?country=ES&sort=name&page=2")
    assert names(second) == ["Spanish 24", "Spanish 25", "Spanish 26", "Spanish 27",
                             "Spanish 28", "Spanish 29"]  # fmt: skip


def test_active_filters_link_to_the_list_without_that_value(catalogue, anon):
    response = anon.get(f"{LIST}?country=ES&country=DE&kind=network&page=1")
    active = {a["label"]: a["url"] for a in response.context["active_filters"]}
    assert active["Country: Spain"] == f"{LIST}?country=DE&kind=network"
    assert active["Type: National or European cluster network / association"] == (
        f"{LIST}?country=ES&country=DE"
    )


def test_term_links_open_the_filtered_directory(catalogue, anon):
    assert catalogue.automotive.get_absolute_url() == f"{LIST}?sectoral_industry=automotive"
    assert catalogue.english.get_absolute_url() == f"{LIST}?language=en"
    assert names(anon.get(catalogue.automotive.get_absolute_url())) == [
        "Alpha Automotive",
        "Gamma Digital",
    ]


def test_other_apps_add_yes_no_filters_through_the_registry(catalogue, anon):
    def only_alpha(queryset):
        return queryset.filter(name__startswith="Alpha")

    directory_filters.register(
        "alpha_only", DirectoryFilter("alpha_only", "Alpha only", only_alpha)
    )
    try:
        response = anon.get(LIST, {"alpha_only": "true"})
        assert names(response) == ["Alpha Automotive"]
        assert 'name="alpha_only"' in response.content.decode()
    finally:
        directory_filters.unregister("alpha_only")


def test_search_box_and_exports_keep_the_current_filters(catalogue, anon):
    html = anon.get(f"{LIST}?country=ES&q=digital&page=1").content.decode()
    assert '<input type="hidden" name="country" value="ES">' in html
    assert f'href="{reverse("directory:export_csv")}?country=ES&amp;q=digital"' in html


# ----- query counts ----------------------------------------------------------------------
def _demo(count):
    with open(os.devnull, "w") as devnull:
        call_command("generate_demo_data", organisations=count, force=True, stdout=devnull)


@pytest.mark.parametrize("count", [1, 50])
@pytest.mark.parametrize(
    ("query", "queries"),
    [
        # terms, languages, tags in use, count, page, its rows' main sectors (issue 13), all
        # facet counts (one statement) ... the unfiltered list keeps its counts per content
        # version in the database: the first visit after a change also reads (missing) and
        # stores that snapshot
        ("", 9),
        ("?country=ES&industrial_ecosystem=digital&service=internationalisation&tag=skills", 7),
        ("?language=en&established_after=2000&sort=completeness&kind=cluster", 7),
        # ... plus the highlighted snippets of the page's rows
        ("?q=automotive", 8),
        ("?q=cluster&country=ES&industrial_ecosystem=digital", 8),
    ],
)
def test_list_query_count_does_not_grow_with_profiles(
    db, anon, django_assert_num_queries, count, query, queries
):
    with committed():
        _demo(count)
        # One profile surely matches every filter above, however the demo data fell.
        match = make_organisation(
            name="Automotive Cluster Digital",
            country="ES",
            date_of_establishment=datetime.date(2005, 1, 1),
        )
        match.terms.add(*Term.objects.filter(slug__in=["digital", "internationalisation"]))
        match.languages.add(make_language("en"))
        match.tags.add("skills")
    with django_assert_num_queries(queries):
        response = anon.get(f"{LIST}{query}")
    assert response.status_code == 200


def test_cached_facet_counts_follow_changes_at_once(catalogue, anon, django_assert_num_queries):
    assert facet(anon.get(LIST), "country") == {"DE": 1, "ES": 2}
    # the facet counts, the count and the page's rows (with their main sectors) come from the
    # cache
    with django_assert_num_queries(3):
        assert facet(anon.get(LIST), "country") == {"DE": 1, "ES": 2}
    with committed():  # a write bumps the content version when it commits
        make_organisation(name="Italian", country="IT")
    assert facet(anon.get(LIST), "country") == {"DE": 1, "ES": 2, "IT": 1}
    with committed():
        catalogue.alpha.terms.remove(catalogue.automotive)
    assert facet(anon.get(LIST), "sectoral_industry") == {"automotive": 1, "textiles": 1}


def _facet_statements(queries):
    return [q["sql"] for q in queries if "UNION ALL" in q["sql"]]


def test_unfiltered_facet_counts_survive_a_cleared_cache_as_one_small_query(catalogue, anon):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    anon.get(LIST)  # computes the counts once for this content version
    cache.clear()  # a cold cache: another server, a restart, an eviction

    with CaptureQueriesContext(connection) as queries:
        assert facet(anon.get(LIST), "country") == {"DE": 1, "ES": 2}

    assert _facet_statements(queries) == []
    assert any("aggregatesnapshot" in q["sql"] for q in queries)
    with CaptureQueriesContext(connection) as queries:  # a filtered list still counts its own
        assert facet(anon.get(LIST, {"country": "DE"}), "country") == {"DE": 1, "ES": 2}
    assert len(_facet_statements(queries)) == 1


def test_the_unfiltered_snapshot_follows_changes_at_once(catalogue, anon):
    from django.core.cache import cache

    anon.get(LIST)
    with committed():
        make_organisation(name="Italian", country="IT")
    cache.clear()

    assert facet(anon.get(LIST), "country") == {"DE": 1, "ES": 2, "IT": 1}


def test_a_repeated_search_takes_its_count_and_rows_from_the_cache(
    catalogue, anon, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # a signed-in visitor's view of the same list
    first = anon.get(LIST, {"q": "automotive", "page": "1"})
    # terms, languages, tags in use; count, page, snippets and facet counts are cached
    with django_assert_num_queries(3):
        again = anon.get(LIST, {"q": "automotive", "page": "1"})
    assert names(again) == names(first)
    with committed():
        make_organisation(name="Automotive Newcomer", country="DE").terms.add(catalogue.automotive)
    assert "Automotive Newcomer" in names(anon.get(LIST, {"q": "automotive", "page": "1"}))
