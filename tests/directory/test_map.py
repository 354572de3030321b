import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from directory.models import Vocabulary
from directory.statistics import class_bounds, colour_class, map_shapes
from tests.factories import make_organisation, make_term

MAP = reverse("directory:map")


@pytest.fixture
def spread(db):
    automotive = make_term(Vocabulary.SECTORAL_INDUSTRY, name="Automotive", slug="automotive")
    digital = make_term(Vocabulary.INDUSTRIAL_ECOSYSTEM, name="Digital", slug="digital")
    for n in range(3):
        make_organisation(name=f"Spanish {n}", country="ES").terms.add(automotive)
    make_organisation(name="German", country="DE").terms.add(automotive, digital)
    make_organisation(name="Maltese", country="MT")
    make_organisation(name="Hidden", country="FR", status="withdrawn").terms.add(digital)


def test_map_asset_is_small_and_covers_europe():
    data = map_shapes()
    codes = {shape["code"] for shape in data["countries"]}
    assert {"ES", "DE", "FR", "MT", "CY", "IS", "FI", "PT", "IE", "GR", "LU"} <= codes
    assert data["width"] == 1000
    assert all(re.fullmatch(r"[MLZ0-9. -]+", shape["d"]) for shape in data["countries"])


def test_each_country_with_profiles_links_to_the_filtered_directory(spread, anon):
    response = anon.get(MAP)
    assert response.status_code == 200
    html = response.content.decode()
    directory = reverse("directory:list")
    assert f'<a href="{directory}?country=ES" class="map__link">' in html
    assert "<title>Spain: 3 profiles</title>" in html
    assert "<title>Malta: 1 profile</title>" in html
    assert f'<a href="{directory}?country=FR" class="map__link">' not in html  # hidden only
    assert anon.get(f"{directory}?country=ES").context["page_obj"].paginator.count == 3


def test_the_same_numbers_are_in_an_accessible_table(spread, anon):
    html = anon.get(MAP).content.decode()
    rows = re.findall(r'<tr><th scope="row"><a href="([^"]+)">([^<]+)</a></th><td>(\d+)</td>', html)
    assert rows[:3] == [
        ("/directory/?country=ES", "Spain", "3"),
        ("/directory/?country=DE", "Germany", "1"),
        ("/directory/?country=MT", "Malta", "1"),
    ]
    assert "<caption>Published profiles per country</caption>" in html


def test_bar_charts_count_profiles_per_sector_and_ecosystem(spread, anon):
    response = anon.get(MAP)
    sectors = {row["term"].name: row["count"] for row in response.context["sectors"]}
    ecosystems = {row["term"].name: row["count"] for row in response.context["ecosystems"]}
    assert sectors == {"Automotive": 4}
    assert ecosystems["Digital"] == 1  # the hidden profile is not counted
    html = response.content.decode()
    assert '<rect width="100.0" height="10"/>' in html
    assert "style=" not in html


def test_map_page_has_one_h1_and_a_fixed_number_of_queries(spread, anon, django_assert_num_queries):
    with django_assert_num_queries(3):  # countries, term counts, terms
        html = anon.get(MAP).content.decode()
    assert html.count("<h1") == 1


@pytest.mark.parametrize(
    ("maximum", "expected"), [(0, []), (1, [1]), (3, [1, 2, 3]), (1000, [3, 15, 62, 250, 1000])]
)
def test_colour_classes_use_a_log_scale(maximum, expected):
    assert class_bounds(maximum) == expected
    if expected:
        assert colour_class(0, expected) == 0
        assert colour_class(maximum, expected) == len(expected)


def test_empty_statistics_are_one_line_not_tables_of_zeros(anon, db):
    html = anon.get(reverse("directory:map")).text
    assert "No published profile lists a sector yet." in html
    assert "No published profile lists an industrial ecosystem yet." in html
    assert "The 0 sectors" not in html
    assert "Published profiles per industrial ecosystem" not in html


def test_no_profile_is_hatched_and_the_country_table_is_not_cut(anon, db):
    html = anon.get(reverse("directory:map")).text
    assert '<pattern id="map-none"' in html
    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
    assert ".map-c0 { fill: url(#map-none); }" in css
    assert "max-height: 40rem" not in css


def test_the_legend_starts_with_the_hatched_none():
    from directory.statistics import legend

    assert legend([1, 3])[:2] == [
        {"css_class": 0, "label": "none"},
        {"css_class": 1, "label": "1"},
    ]
