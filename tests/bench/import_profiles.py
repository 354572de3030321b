"""Time `import_profiles` on the demo profiles' own export (issue 15). Not a test.

    DATABASE_URL=postgres://… .venv/bin/python tests/bench/import_profiles.py [--rows 2000]

Needs `load_seed` and `generate_demo_data` first. Writes the export of the first N demo
profiles to CSV and XLSX, then times: a dry run of the unchanged file, its real import (0
changes), a file where every row's city changed (dry run, then import), and the same rows as
new profiles (slugs cleared, names and websites changed). Everything it imported is deleted
again at the end, so it can run twice.
"""

import argparse
import csv
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def write_csv(path, rows, columns):
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def write_xlsx(path, rows, columns):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(columns)
    for row in rows:
        sheet.append([row[c] for c in columns])
    workbook.save(path)


def timed(label, path, dry_run):
    from directory.imports import import_profiles

    start = time.perf_counter()
    with path.open("rb") as f:
        report = import_profiles(f, path.name, dry_run=dry_run)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label:<30} {seconds:6.1f} s  (process peak {peak:4.0f} MB)  {report.summary()}")
    return report


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eca_site.settings")
    import django

    django.setup()
    from directory.exports import COLUMNS, csv_value, rows
    from directory.models import Organisation

    demo = Organisation.objects.filter(slug__startswith="demo-").order_by("pk")[: args.rows]
    exported = [
        {c: csv_value(c, v) for c, v in row.items()}
        for row in rows(Organisation.objects.filter(pk__in=demo.values("pk")))
    ]
    if len(exported) < args.rows:
        sys.exit(f"Only {len(exported)} demo profiles: run generate_demo_data first.")
    folder = Path(tempfile.mkdtemp())
    same, edited, new = folder / "same.csv", folder / "edited.csv", folder / "new.csv"
    write_csv(same, exported, COLUMNS)
    write_xlsx(folder / "same.xlsx", exported, COLUMNS)
    write_csv(edited, [r | {"city": (r["city"] or "") + " (edited)"} for r in exported], COLUMNS)
    fresh = [
        r | {"slug": "", "name": "Imported " + r["name"], "website": f"https://new-{n}.example/"}
        for n, r in enumerate(exported)
    ]
    write_csv(new, fresh, COLUMNS)
    print(f"{args.rows} rows; {same.stat().st_size / 1024:.0f} KB of CSV")
    timed("unchanged CSV, dry run", same, True)
    timed("unchanged CSV, import", same, False)
    timed("unchanged XLSX, import", folder / "same.xlsx", False)
    timed("every city edited, dry run", edited, True)
    timed("every city edited, import", edited, False)
    timed("edited again (0 changes)", edited, False)
    timed("as new profiles, import", new, False)
    timed("restore the cities", same, False)
    Organisation.objects.filter(name__startswith="Imported ", slug__startswith="imported-").delete()


if __name__ == "__main__":
    main()
