"""Time the directory's pages in-process and print median and p95 server time.

    make bench            # PostgreSQL, 10,000 demo profiles (see the Makefile)
    python manage.py bench_directory [--runs 30]

A benchmark, not a test: it asserts nothing. Each page is requested through Django's test
client (the whole middleware, view and template stack; no network), first with the cache
cleared before every request ("cold": facet counts computed), then as is ("warm": the facet
counts of an identical request come from the cache).
"""

import statistics
import time

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.models import Organisation


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Print median and p95 server time of the directory pages (a benchmark)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--export-runs", type=int, default=5)

    def handle(self, *args, runs, export_runs, **options):
        organisation = (
            Organisation.objects.published()
            .filter(slug__startswith="demo-", kind=Organisation.Kind.NETWORK)
            .order_by("pk")
            .first()
        )
        if organisation is None:
            raise CommandError("No demo profiles: run generate_demo_data first.")
        total = Organisation.objects.published().count()
        directory = reverse("directory:list")
        pages = [
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
            ("site search", f"{reverse('search')}?q=hydrogen", runs),
            ("CSV export (all rows)", reverse("directory:export_csv"), export_runs),
        ]
        client = Client()
        self.stdout.write(
            f"{total} published profiles, {connection.vendor}; server time in ms "
            f"(median / p95), SQL queries per request.\n"
        )
        header = f"{'page':24} {'cold median':>11} {'cold p95':>9} {'warm median':>11} "
        self.stdout.write(header + f"{'warm p95':>9} {'queries':>8} {'bytes':>9}")
        for label, url, n in pages:
            client.get(url)  # warm up the connection and template caches
            cold, warm = [], []
            for samples, clear in ((cold, True), (warm, False)):
                for _ in range(n):
                    if clear:
                        cache.clear()
                    with CaptureQueriesContext(connection) as queries:
                        started = time.perf_counter()
                        response = client.get(url)
                        size = (
                            sum(len(chunk) for chunk in response)
                            if response.streaming
                            else len(response.content)
                        )
                        samples.append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        raise CommandError(f"{url} answered {response.status_code}")
            self.stdout.write(
                f"{label:24} {statistics.median(cold):11.1f} {percentile(cold, 0.95):9.1f} "
                f"{statistics.median(warm):11.1f} {percentile(warm, 0.95):9.1f} "
                f"{len(queries.captured_queries):8} {size:9}"
            )
