"""make bench: median and p95 server time of every page, in-process, beside a static file.

    make bench                                  # PostgreSQL, 10,000 demo profiles (Makefile)
    .venv/bin/python tests/bench/directory.py [--runs 30] [--export-runs 5] [--only home,events]

Each page is requested through Django's test client (the whole middleware, view and template
stack; no network), in one run and side by side with the static CSS file (WhiteNoise, run
`collectstatic` first): uncached with the cache cleared before every request ("cold": facet
counts and other aggregates computed, unless the database keeps them), uncached as is ("warm":
aggregates from the cache), and from the anonymous page cache ("cached"). "x static" is the
page's throughput on one connection as a share of the static file's (its median time over the
page's). Query counts are those of a warm uncached request and of a cached one.
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


def measure(client, url, n, clear, expect_hit=False):
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
        if expect_hit and response.get("X-Page-Cache") != "hit":
            return None, 0, size
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
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.templatetags.static import static
    from django.test import Client, override_settings

    from directory.models import Organisation

    client = Client()
    total = Organisation.objects.published().count()
    print(
        f"{total} published profiles, {connection.vendor}, "
        f"cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}"
        f"; server time in ms (p50 / p95), {args.runs} requests each; x static: throughput on one"
        " connection as a share of the static file's.\n"
    )
    static_url = static("css/site.css")
    if client.get(static_url).status_code != 200:
        sys.exit(f"{static_url} is not served: run collectstatic first (make bench does).")
    static_times, _, static_size = measure(client, static_url, args.runs, clear=False)
    static_p50 = statistics.median(static_times)
    header = (
        f"{'page':22} {'cold p50':>8} {'p95':>6} {'warm p50':>8} {'p95':>6} {'x static':>8}"
        f" {'cached p50':>10} {'p95':>6} {'x static':>8} {'queries':>8} {'bytes':>8}"
    )
    print(header)
    print(
        f"{'static css':22} {'':>8} {'':>6} {'':>8} {'':>6} {'':>8} {static_p50:10.2f}"
        f" {percentile(static_times, 0.95):6.2f} {1:8.2f} {0:8} {static_size:8}"
    )
    only = {label.strip() for label in args.only.split(",") if label.strip()}
    for label, url, n in pages(args.runs, args.export_runs):
        if only and label not in only:
            continue
        client.get(url)  # warm up the connection and template caches
        cold, _, _ = measure(client, url, n, clear=True)
        warm, queries, size = measure(client, url, n, clear=False)
        warm_p50 = statistics.median(warm)
        with override_settings(PAGE_CACHE_SECONDS=600):
            caches["pages"].clear()
            client.get(url)  # stores the page
            cached, cached_queries, _ = measure(client, url, n, clear=False, expect_hit=True)
            caches["pages"].clear()
        if cached is None:
            cached_cells = f"{'not cached':>10} {'':>6} {'':>8}"
            query_cells = f"{queries:>8}"
        else:
            cached_p50 = statistics.median(cached)
            cached_cells = (
                f"{cached_p50:10.2f} {percentile(cached, 0.95):6.2f} {static_p50 / cached_p50:8.2f}"
            )
            query_cells = f"{f'{queries}/{cached_queries}':>8}"
        print(
            f"{label:22} {statistics.median(cold):8.1f} {percentile(cold, 0.95):6.1f} "
            f"{warm_p50:8.1f} {percentile(warm, 0.95):6.1f} {static_p50 / warm_p50:8.3f} "
            f"{cached_cells} {query_cells} {size:8}"
        )


if __name__ == "__main__":
    main()
