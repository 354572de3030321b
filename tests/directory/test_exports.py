import csv
import datetime
import io
import json
import re

import pytest
from django.urls import reverse

from directory.exports import COLUMNS
from directory.models import Vocabulary
from tests.factories import (
    make_contact,
    make_language,
    make_membership,
    make_organisation,
    make_term,
)

CSV = reverse("directory:export_csv")
JSON = reverse("directory:export_json")


@pytest.fixture
def data(db):
    automotive = make_term(Vocabulary.SECTORAL_INDUSTRY, name="Automotive", slug="automotive")
    service = make_term(Vocabulary.SERVICE, name="Internationalisation", slug="intl")
    spanish = make_organisation(
        name='Spanish Cluster, "Quoted"',
        slug="spanish",
        country="ES",
        region="Catalonia",
        city="Barcelona",
        website="https://example.org/",
        date_of_establishment=datetime.date(2010, 3, 1),
        members_sme=10,
        members_large=2,
    )
    spanish.terms.add(automotive, service)
    spanish.languages.add(make_language("es", name="Spanish"), make_language("en", name="English"))
    spanish.tags.add("batteries", "ai")
    make_organisation(name="German Cluster", slug="german", country="DE")
    make_organisation(name="Hidden", slug="hidden", country="ES", status="withdrawn")
    return spanish


def body(response):
    return b"".join(response.streaming_content).decode()


def test_csv_export_has_stable_columns_and_applies_filters(data, anon):
    response = anon.get(f"{CSV}?country=ES")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="cluster-directory.csv"'
    assert response.streaming
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert list(rows[0]) == COLUMNS
    assert len(rows) == 1
    row = rows[0]
    assert row["name"] == 'Spanish Cluster, "Quoted"'
    assert row["country"] == "ES"
    assert row["country_name"] == "Spain"
    assert row["profile_url"] == "http://testserver/directory/spanish/"
    assert row["sectoral_industries"] == "Automotive"
    assert row["services"] == "Internationalisation"
    assert row["languages"] == "en; es"
    assert row["tags"] == "ai; batteries"
    assert row["member_count"] == "12"
    assert row["date_of_establishment"] == "2010-03-01"


def test_csv_columns_are_the_documented_ones():
    assert COLUMNS == [
        "slug", "name", "short_name", "kind", "country", "country_name", "region", "city",
        "website", "profile_url", "date_of_establishment", "languages", "sectoral_industries",
        "cross_sectoral_industries", "industrial_ecosystems", "industrial_alliances",
        "technology_fields", "s3_priority_areas", "services", "tags", "member_count",
        "completeness", "updated",
    ]  # fmt: skip


def test_json_export_is_a_list_of_objects_with_the_same_columns(data, anon):
    response = anon.get(f"{JSON}?q=spanish")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="cluster-directory.json"'
    rows = json.loads(body(response))
    assert [row["slug"] for row in rows] == ["spanish"]
    assert list(rows[0]) == COLUMNS
    assert rows[0]["sectoral_industries"] == ["Automotive"]
    assert rows[0]["languages"] == ["en", "es"]


def test_export_without_filters_lists_every_published_profile_by_name(data, anon):
    rows = json.loads(body(anon.get(JSON)))
    assert [row["slug"] for row in rows] == ["german", "spanish"]


def test_export_with_an_invalid_filter_lists_what_the_page_lists_and_names_it(data, anon):
    page = anon.get(reverse("directory:list") + "?country=XX&language=es")
    response = anon.get(f"{JSON}?country=XX&language=es")
    assert response.status_code == 200
    assert "country" in response["X-Ignored-Filters"]
    slugs = [row["slug"] for row in json.loads(body(response))]
    assert slugs == ["spanish"]
    assert 'href="/directory/spanish/"' in page.text and "/directory/german/" not in page.text


def test_export_of_nothing_is_valid(data, anon):
    assert json.loads(body(anon.get(f"{JSON}?country=FR"))) == []
    assert body(anon.get(f"{CSV}?country=FR")).splitlines() == [",".join(COLUMNS)]


@pytest.mark.parametrize("extra", [0, 30])
def test_export_query_count_is_fixed_per_chunk(data, anon, django_assert_num_queries, extra):
    for n in range(extra):
        make_organisation(name=f"Extra {n}", country="PL")
    # terms, languages, tags in use; organisations; then per chunk: terms, languages, tags
    with django_assert_num_queries(7):
        body(anon.get(CSV))


# ----- JSON-LD ---------------------------------------------------------------------------
def jsonld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_profile_has_schema_org_organization_json_ld(data, anon):
    network = make_organisation(name="Network", slug="network", kind="network", country="BE")
    make_contact(network, name="Ana Director", role="President", email="ana@example.org")
    make_membership(network, data)
    network.terms.add(*data.terms.all())
    html = anon.get(network.get_absolute_url()).content.decode()
    ld = jsonld(html)
    assert ld["@context"] == "https://schema.org"
    assert ld["@type"] == "Organization"
    assert ld["name"] == "Network"
    assert ld["url"] == "http://testserver/directory/network/"
    assert ld["address"] == {"@type": "PostalAddress", "addressCountry": "BE"}
    assert ld["member"] == [
        {
            "@type": "Organization",
            "name": 'Spanish Cluster, "Quoted"',
            "url": "http://testserver/directory/spanish/",
        }
    ]
    assert ld["contactPoint"] == [
        {"@type": "ContactPoint", "name": "Ana Director", "contactType": "President"}
    ]
    assert sorted(ld["knowsAbout"]) == ["Automotive", "Internationalisation"]
    assert "ana@example.org" not in html


def test_json_ld_cannot_break_out_of_its_script_element(db, anon):
    organisation = make_organisation(
        name="</script><script>alert(1)</script> & Co", about="<p>Fine & dandy</p>"
    )
    html = anon.get(organisation.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    ld = jsonld(html)
    assert ld["name"] == "</script><script>alert(1)</script> & Co"
    assert ld["description"] == "Fine & dandy"


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_quoted_and_json_stays_exact(db, anon):
    """Issue 12, vulnerability 4 (OWASP CSV injection): =, +, -, @, tab and CR lead to a '."""
    formula = '=HYPERLINK("http://evil.example/","Click")'
    make_organisation(
        name=formula,
        slug="formula",
        short_name="+cmd|' /C calc'!A0",
        region="-2+3",
        city="@SUM(1,2)",
        members_sme=3,
    ).tags.add("=1+1")
    rows = list(csv.DictReader(io.StringIO(body(anon.get(CSV)))))
    row = next(r for r in rows if r["slug"] == "formula")
    assert row["name"] == "'" + formula
    assert row["short_name"] == "'+cmd|' /C calc'!A0"
    assert row["region"] == "'-2+3"
    assert row["city"] == "'@SUM(1,2)"
    assert row["tags"] == "'=1+1"
    assert row["member_count"] == "3"  # numbers are written as they are
    exact = next(r for r in json.loads(body(anon.get(JSON))) if r["slug"] == "formula")
    assert exact["name"] == formula
    assert exact["city"] == "@SUM(1,2)"


def test_every_csv_of_the_site_is_written_by_the_one_neutralising_writer():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    writers = [
        str(path.relative_to(root))
        for app in (
            "accounts",
            "directory",
            "events",
            "news",
            "eca_site",
            "opportunities",
            "subscriptions",
        )
        for path in (root / app).rglob("*.py")
        if re.search(r"\b(csv\.)?(writer|DictWriter)\(", path.read_text())
    ]
    assert writers == ["eca_site/lib/csv_export.py"]
