"""Bulk import and update of profiles (issue 15): export → edit → import, idempotent, all or
nothing, a clear error per problem. Real CSV and XLSX files, the real command, the real admin."""

import csv
import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from directory import imports
from directory.exports import COLUMNS
from directory.models import Organisation, Vocabulary
from tests.conftest import logged_in
from tests.factories import make_language, make_organisation, make_term

CSV = reverse("directory:export_csv")


def exported_rows(client):
    """The public CSV export, as a spreadsheet opens it: a list of dicts."""
    response = client.get(CSV)
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def csv_file(path, rows, columns=COLUMNS, encoding="utf-8"):
    with path.open("w", newline="", encoding=encoding) as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def xlsx_file(path, rows, columns=COLUMNS, formula=None):
    """An XLSX workbook as a spreadsheet saves it; `formula=(row index, column, "=...")`."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(column, "") for column in columns])
    if formula:
        index, column, text = formula
        sheet.cell(row=index + 2, column=columns.index(column) + 1, value=text)
    workbook.save(path)
    return path


def run(path, *args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_profiles", str(path), *args, stdout=out, stderr=err)
    except CommandError as error:
        return False, out.getvalue(), err.getvalue() + str(error)
    return True, out.getvalue(), err.getvalue()


def history_rows():
    return Organisation.history.count()


@pytest.fixture
def vocabulary(db):
    make_term(Vocabulary.SECTORAL_INDUSTRY, name="Automotive", slug="automotive")
    make_term(Vocabulary.SERVICE, name="Internationalisation", slug="internationalisation")
    make_language("en", name="English")
    make_language("fr", name="French")


@pytest.fixture
def profiles(vocabulary):
    make_organisation(name="Alpha Cluster", slug="alpha", country="BE", website="https://alpha.eu/")
    make_organisation(name="Beta Cluster", slug="beta", country="FR", city="Lyon")


def test_reimporting_an_unedited_export_reports_zero_changes_and_writes_nothing(
    seeded, anon, tmp_path
):
    rows = exported_rows(anon)
    assert len(rows) == 16
    before = history_rows()
    ok, out, _err = run(csv_file(tmp_path / "export.csv", rows))
    assert ok, out
    assert "16 row(s): 0 to create, 0 to update, 16 unchanged, 0 error(s) (imported)." in out
    assert history_rows() == before


def test_export_edit_import_csv_changes_the_public_profile(seeded, anon, staff_user, tmp_path):
    rows = exported_rows(anon)
    row = next(r for r in rows if r["slug"] == "go-cluster")
    row["city"] = "Berlin"
    row["languages"] = "de; English"
    row["services"] = "Internationalisation"  # a term by name
    path = csv_file(tmp_path / "edited.csv", rows)

    ok, out, _err = run(path, "--dry-run")
    assert ok
    assert "update go-cluster (city, languages, services)" in out
    assert "0 to create, 1 to update, 15 unchanged" in out
    assert "(dry run, nothing written)" in out
    assert Organisation.objects.get(slug="go-cluster").city == ""

    ok, out, _err = run(path, "--user", staff_user.username)
    assert ok, out
    page = anon.get(reverse("directory:profile", args=["go-cluster"]))
    assert b"Berlin" in page.content
    assert b"Internationalisation" in page.content
    profile = Organisation.objects.get(slug="go-cluster")
    assert sorted(profile.languages.values_list("code", flat=True)) == ["de", "en"]
    record = profile.history.first()
    assert (record.history_user, record.history_change_reason) == (staff_user, "import")
    assert profile.history.filter(history_change_reason="import").count() == 1
    assert sorted(record.snapshot("languages")) == sorted(
        profile.languages.values_list("pk", flat=True)
    )
    assert profile.completeness > 0  # derived through the write path

    before = history_rows()
    ok, out, _err = run(path)
    assert "0 to create, 0 to update, 16 unchanged" in out
    assert history_rows() == before


def test_export_edit_import_xlsx_through_the_admin_changes_the_public_profile(
    seeded, anon, staff_client, staff_user, tmp_path
):
    rows = exported_rows(anon)
    row = next(r for r in rows if r["slug"] == "go-cluster")
    row["region"] = "Berlin Region"
    new = dict.fromkeys(COLUMNS, "") | {
        "name": "Brand New Cluster",
        "kind": "cluster",
        "country": "Austria",
        "website": "https://brand-new.example.at/",
        "date_of_establishment": "2019-05-01",
    }
    path = xlsx_file(tmp_path / "edited.xlsx", [*rows, new])
    url = reverse("admin:directory_organisation_import")

    with path.open("rb") as f:
        preview = staff_client.post(url, {"file": f})
    assert preview.status_code == 200
    assert "1 to create, 1 to update, 15 unchanged, 0 error(s)" in preview.text
    assert Organisation.objects.get(slug="go-cluster").region == ""
    token = preview.context["token"]

    done = staff_client.post(url, {"token": token}, follow=True)
    assert done.status_code == 200
    assert "1 to create, 1 to update" in done.text
    assert b"Berlin Region" in anon.get(reverse("directory:profile", args=["go-cluster"])).content
    created = Organisation.objects.get(name="Brand New Cluster")
    assert (created.slug, created.country.code, created.status) == (
        "brand-new-cluster",
        "AT",
        Organisation.Status.DRAFT,
    )
    first = created.history.last()
    assert (first.history_type, first.history_user, first.history_change_reason) == (
        "+",
        staff_user,
        "import",
    )


def test_a_row_without_slug_is_matched_by_its_website_domain(profiles, tmp_path):
    row = dict.fromkeys(COLUMNS, "") | {
        "name": "Alpha Cluster Renamed",
        "kind": "Cluster organisation",  # the label works too
        "country": "be",
        "website": "http://www.alpha.eu/about",
    }
    ok, out, err = run(csv_file(tmp_path / "a.csv", [row]))
    assert ok, err
    assert "update alpha (name, website)" in out
    assert Organisation.objects.get(slug="alpha").name == "Alpha Cluster Renamed"


def test_one_invalid_row_means_nothing_is_written(profiles, tmp_path):
    rows = [
        dict.fromkeys(COLUMNS, "") | {"slug": "alpha", "name": "Alpha", "kind": "cluster"},
        dict.fromkeys(COLUMNS, "")
        | {
            "slug": "beta",
            "name": "Beta",
            "kind": "cluster",
            "country": "Atlantis",
            "sectoral_industries": "Automotive; Basket weaving",
            "languages": "Klingon",
            "website": "not a url",
        },
    ]
    ok, _out, err = run(csv_file(tmp_path / "bad.csv", rows))
    assert not ok
    assert "line 3, country: Unknown country “Atlantis”" in err
    unknown_term = (
        "line 3, sectoral_industries: Not among the sectoral industries: “Basket weaving”."
    )
    assert unknown_term in err
    assert "line 3, languages: Not among the languages: “Klingon”." in err
    assert "line 3, website: Enter a valid URL." in err
    assert "nothing written" in err
    assert Organisation.objects.get(slug="alpha").name == "Alpha Cluster"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda p: csv_file(p, [{"slug": "alpha", "name": "Alphé"}], encoding="cp1252"),
            "The file is not UTF-8 text",
        ),
        (
            lambda p: csv_file(p, [{"slug": "alpha"}], columns=COLUMNS[:-1]),
            "missing column(s): updated",
        ),
        (
            lambda p: csv_file(p, [{"slug": "alpha"}], columns=[*COLUMNS, "notes"]),
            "unknown column(s): notes",
        ),
        (
            lambda p: csv_file(p, [{"slug": "alpha"}, {"slug": "alpha"}]),
            "line 3, slug: repeats line 2 (same slug).",
        ),
        (
            lambda p: csv_file(p, [{"slug": "alpha", "city": '=HYPERLINK("x")'}]),
            'line 2, city: a formula (=HYPERLINK("x")): type the value.',
        ),
        (
            lambda p: xlsx_file(p, [{"slug": "alpha"}], formula=(0, "city", "=1+1")),
            "line 2, city: a formula (=1+1): type the value.",
        ),
        (
            lambda p: p.write_bytes(b"PK\x03\x04 not really a workbook") and p,
            "The file is not a readable XLSX workbook",
        ),
    ],
    ids=["encoding", "missing", "unknown", "duplicate", "csv-formula", "xlsx-formula", "zip"],
)
def test_a_bad_file_gets_a_clear_message_and_nothing_is_written(profiles, tmp_path, make, message):
    before = history_rows()
    path = make(tmp_path / "bad.csv")
    ok, _out, err = run(path)
    assert not ok
    assert message in err
    assert history_rows() == before


def test_too_many_rows_are_refused_before_any_database_work(
    profiles, tmp_path, django_assert_num_queries
):
    rows = [{"slug": f"row-{n}", "name": f"Row {n}"} for n in range(10_000)]
    path = csv_file(tmp_path / "big.csv", rows)
    with django_assert_num_queries(0), path.open("rb") as f:
        report = imports.import_profiles(f, path.name, dry_run=False)
    assert [p.message for p in report.problems] == [
        "The file has more than 5000 rows: split it into smaller files."
    ]


def test_a_file_over_50_mb_is_refused_unread(profiles, tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as f:
        f.write(",".join(COLUMNS).encode() + b"\n")
        f.truncate(51 * 1024 * 1024)
    ok, _out, err = run(path)
    assert not ok
    assert "The file has 51 MB; at most 50 MB can be imported at once: split it." in err


IMPORT = reverse("admin:directory_organisation_import")


def test_the_import_page_is_linked_from_the_profile_list(staff_client):
    response = staff_client.get(reverse("admin:directory_organisation_changelist"))
    assert f'href="{IMPORT}"' in response.text
    page = staff_client.get(IMPORT)
    assert page.status_code == 200
    assert "<h1>Import profiles</h1>" in page.text


def test_non_staff_are_sent_to_log_in_and_staff_without_permission_get_403(
    manager_client, django_user_model, tmp_path
):
    assert manager_client.get(IMPORT).status_code == 302
    assert manager_client.get(IMPORT)["Location"].startswith(reverse("admin:login"))
    viewer = django_user_model.objects.create_user("viewer", "v@example.org", "pw", is_staff=True)
    assert logged_in(viewer).get(IMPORT).status_code == 403


def test_a_bad_upload_lists_each_problem_and_offers_no_import(profiles, staff_client, tmp_path):
    rows = [dict.fromkeys(COLUMNS, "") | {"slug": "alpha", "name": "A", "country": "Mars"}]
    with csv_file(tmp_path / "bad.csv", rows).open("rb") as f:
        response = staff_client.post(IMPORT, {"file": f})
    assert response.status_code == 200
    assert "Nothing was written" in response.text
    assert "Unknown country “Mars”" in response.text
    assert response.context["token"] is None
    assert 'name="token"' not in response.text


def test_an_upload_over_50_mb_is_refused_with_its_size(profiles, staff_client):
    big = io.BytesIO(b"x" * (51 * 1024 * 1024))
    big.name = "big.csv"
    response = staff_client.post(IMPORT, {"file": big})
    assert response.status_code == 200
    assert "The file has 51 MB; at most 50 MB can be imported at once" in response.text


def test_confirming_an_unknown_upload_asks_for_the_file_again(staff_client):
    response = staff_client.post(IMPORT, {"token": "not-mine"}, follow=True)
    assert "That upload has expired: choose the file again." in response.text
    assert not Organisation.objects.exists()


def test_an_empty_post_says_the_file_is_required(staff_client):
    response = staff_client.post(IMPORT, {})
    assert response.status_code == 200
    assert "This field is required." in response.text


def test_the_admin_takes_at_most_500_rows_and_points_to_the_command(
    profiles, staff_client, tmp_path
):
    rows = [{"slug": f"row-{n}", "name": f"Row {n}"} for n in range(501)]
    with csv_file(tmp_path / "many.csv", rows).open("rb") as f:
        response = staff_client.post(IMPORT, {"file": f})
    assert response.status_code == 200
    assert (
        "The file has more than 500 rows: split it into smaller files, or use "
        "manage.py import_profiles (up to 5000)."
    ) in response.text


def test_the_import_page_still_checks_the_csrf_token(staff_user, tmp_path):
    """The view sets its upload handlers before Django reads the body, so it is csrf_exempt
    outside and csrf_protect inside: a forged POST must still be refused."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    with csv_file(tmp_path / "a.csv", []).open("rb") as f:
        response = client.post(IMPORT, {"file": f})
    assert response.status_code == 403
    assert client.post(IMPORT, {"token": "x"}).status_code == 403


def test_uploads_never_confirmed_are_removed_after_a_day(profiles, staff_client, tmp_path):
    import os
    import time

    from directory.admin_import import STORE

    STORE.mkdir(mode=0o700, exist_ok=True)
    forgotten, recent = STORE / "forgotten-test-upload", STORE / "recent-test-upload"
    for path in (forgotten, recent):
        path.write_bytes(b"old")
    os.utime(forgotten, (time.time() - 2 * 24 * 3600,) * 2)
    rows = [dict.fromkeys(COLUMNS, "") | {"slug": "beta", "name": "Beta 2", "kind": "cluster"}]
    with csv_file(tmp_path / "edit.csv", rows).open("rb") as f:
        response = staff_client.post(IMPORT, {"file": f})
    assert response.context["token"]
    assert not forgotten.exists()
    assert recent.exists()
    recent.unlink()
    (STORE / response.context["token"]).unlink()


def test_a_neutralised_export_cell_imports_back_unchanged(vocabulary, anon, tmp_path):
    """The export quotes a cell a spreadsheet would run ("+Plus" -> "'+Plus"); the import
    reads it back as typed, so the round trip changes nothing."""
    make_organisation(name="+Plus Cluster", slug="plus", city="-Minus")
    rows = exported_rows(anon)
    assert rows[0]["name"] == "'+Plus Cluster"
    ok, out, _err = run(csv_file(tmp_path / "export.csv", rows))
    assert ok, out
    assert "0 to create, 0 to update, 1 unchanged, 0 error(s)" in out
    assert Organisation.objects.get(slug="plus").city == "-Minus"
