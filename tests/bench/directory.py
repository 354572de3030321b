"""make bench: median and p95 server time of the directory's pages, in-process. Not a test.

    make bench                                  # PostgreSQL, 10,000 demo profiles (Makefile)
    .venv/bin/python tests/bench/directory.py [--runs 30] [--export-runs 5]

Each page is requested through Django's test client (the whole middleware, view and template
stack; no network), first with the cache cleared before every request ("cold": facet counts
computed), then as is ("warm": the facet counts of an identical request come from the cache).
It lives with the tests, not in the app, so it never ships as a management command.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def pages(runs, export_runs):
    from django.urls import reverse

    from directory.models import Organisation

    organisation = (
        Organisation.objects.published()
        .filter(slug__startswith="demo-", kind=Organisation.Kind.NETWORK)
        .order_by("pk")
        .first()
    )
    if organisation is None:
        sys.exit("No demo profiles: run generate_demo_data first.")
    directory = reverse("directory:list")
    today = datetime.date.today()
    return [
        ("home", reverse("home"), runs),
        ("unfiltered list", directory, runs),
        (
            "3-facet filter",
            f"{directory}?country=ES&industrial_ecosystem=digital&service=internationalisation",
            runs,
        ),
        ("text search", f"{directory}?q=automotive+in+Baden", runs),
        ("typo search", f"{directory}?q=automotiv", runs),
        ("profile", organisation.get_absolute_url(), runs),
        ("partners page", reverse("directory:partners", args=[organisation.slug]), runs),
        ("map", reverse("directory:map"), runs),
        ("events", reverse("events:list"), runs),
        ("month calendar", reverse("events:month", args=[today.year, today.month]), runs),
        ("news", reverse("news:list"), runs),
        ("site search (empty)", reverse("search"), runs),
        ("site search", f"{reverse('search')}?q=hydrogen", runs),
        ("CSV export (all rows)", reverse("directory:export_csv"), export_runs),
    ]


def measure(client, url, n, clear):
    """Server times in ms of `n` requests, the last response's query count and size."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    samples = []
    for _ in range(n):
        if clear:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            if response.streaming:
                size = sum(len(chunk) for chunk in response)
            else:
                size = len(response.content)
            samples.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
    return samples, len(queries.captured_queries), size


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--export-runs", type=int, default=5)
    parser.add_argument("--only", default="", help="comma-separated page labels to measure")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eca_site.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from directory.models import Organisation

    client = Client()
    total = Organisation.objects.published().count()
    print(
        f"{total} published profiles, {connection.vendor}; server time in ms "
        f"(median / p95), SQL queries per request.\n"
    )
    header = f"{'page':24} {'cold median':>11} {'cold p95':>9} {'warm median':>11} "
    print(header + f"{'warm p95':>9} {'queries':>8} {'bytes':>9}")
    only = {label.strip() for label in args.only.split(",") if label.strip()}
    for label, url, n in pages(args.runs, args.export_runs):
        if only and label not in only:
            continue
        client.get(url)  # warm up the connection and template caches
        cold, _, _ = measure(client, url, n, clear=True)
        warm, queries, size = measure(client, url, n, clear=False)
        print(
            f"{label:24} {statistics.median(cold):11.1f} {percentile(cold, 0.95):9.1f} "
            f"{statistics.median(warm):11.1f} {percentile(warm, 0.95):9.1f} "
            f"{queries:8} {size:9}"
        )


if __name__ == "__main__":
    main()
