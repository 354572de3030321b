"""make bench-digest: time and queries per digest as the number of subscribers grows. Not a
test.

    make bench-digest                            # PostgreSQL (Makefile), 100 / 1,000 / 10,000
    .venv/bin/python tests/bench/digest.py [--scales 100,1000,10000]

It creates (once) 10,000 demo profiles' worth of content in the window being digested — 200
newly published profiles, 100 events, 60 news items — and, per scale, that many subscribers
with deterministic random choices (content types, 0-3 countries, 0-2 topics). Then it sends
every subscriber's digest the way a worker does (`send_digest_now`: build, store the message,
record the period; the immediate task backend delivers it on commit, to the dummy mail
backend), timing each and counting its queries. Constant figures across scales are the goal:
each digest costs the same whatever the number of subscribers.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def content(rng, window_start):
    """Content published after `window_start` (idempotent: tagged `bench-digest`)."""
    from django.utils import timezone

    from directory.models import Organisation, Term, Vocabulary
    from events.models import Event
    from news.models import NewsItem

    if Event.objects.filter(slug__startswith="bench-digest-").exists():
        return
    now = timezone.now()
    published = Organisation.objects.published().order_by("pk")
    ids = list(published.values_list("pk", flat=True)[:200])
    Organisation.objects.filter(pk__in=ids).update(reviewed_at=now)
    terms = list(Term.objects.filter(vocabulary=Vocabulary.SECTORAL_INDUSTRY))
    countries = ["ES", "FR", "DE", "IT", "PL", "BE", "NL", "SE", "PT", "AT"]
    for n in range(100):
        start = now + timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 10))
        event = Event.objects.create(
            title=f"Bench event {n}",
            slug=f"bench-digest-{n}",
            start=start,
            end=start + timedelta(hours=3),
            city="Somewhere",
            country=rng.choice(countries),
            is_published=True,
        )
        event.terms.add(*rng.sample(terms, 2))
    organisations = list(published[:50])
    for n in range(60):
        item = NewsItem.objects.create(
            title=f"Bench news {n}",
            slug=f"bench-digest-news-{n}",
            summary="What happened in the cluster this week.",
            organisation=rng.choice([*organisations, None]),
            is_published=True,
            published_at=now - timedelta(minutes=n),
        )
        item.terms.add(*rng.sample(terms, 2))


def subscribers(rng, count, since):
    """Exactly `count` active bench subscribers, their period reset."""
    from directory.models import Term, Vocabulary
    from subscriptions.models import Subscription

    existing = Subscription.objects.filter(email__endswith="@bench.cluster.example.eu")
    have = existing.count()
    keys = ["profiles", "events", "news", "documents", "best-practices"]
    terms = list(
        Term.objects.filter(
            vocabulary__in=[Vocabulary.SECTORAL_INDUSTRY, Vocabulary.TECHNOLOGY_FIELD]
        )
    )
    countries = ["ES", "FR", "DE", "IT", "PL", "BE", "NL", "SE", "PT", "AT"]
    new = [
        Subscription(
            email=f"reader{n}@bench.cluster.example.eu",
            content_types=rng.sample(keys, rng.randint(1, len(keys))),
            countries=rng.sample(countries, rng.randint(0, 3)),
            confirmed_at=since,
            consent_at=since,
        )
        for n in range(have, count)
    ]
    created = Subscription.objects.bulk_create(new, batch_size=1000)
    links = [
        Subscription.terms.through(subscription_id=s.pk, term_id=t.pk)
        for s in created
        for t in rng.sample(terms, rng.randint(0, 2))
    ]
    Subscription.terms.through.objects.bulk_create(links, batch_size=5000)
    existing.update(last_digest_at=since, last_digest_period="")
    return list(existing.order_by("pk").values_list("pk", flat=True)[:count])


def run(scales):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from eca_site.lib.models import OutgoingMail
    from subscriptions.digest import period_label, send_digest_now
    from subscriptions.models import Subscription

    rng = random.Random(17)
    since = timezone.now() - timedelta(hours=1)
    content(rng, since)
    print(
        "queries/digest = fixed part + one per content type chosen (S; documents cost none when"
        " a topic is chosen, hence two values)"
    )
    print(f"{'subscribers':>11} {'sent':>6} {'empty':>6} {'ms/digest p50':>14} {'p95':>7} "
          f"{'queries sent':>13} {'queries empty':>14} {'total s':>8}")  # fmt: skip
    for scale in scales:
        ids = subscribers(rng, scale, since)
        until = timezone.now()
        period = f"bench-{scale}-{period_label(until, 'weekly')}"
        chosen = dict(Subscription.objects.filter(pk__in=ids).values_list("pk", "content_types"))
        times, results = [], {"sent": 0, "empty": 0}
        fixed = {"sent": set(), "empty": set()}
        started = time.perf_counter()
        for subscription_id in ids:
            reset_queries()  # the query log keeps 9,000 entries at most
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                result = send_digest_now(subscription_id, until, period)
                times.append((time.perf_counter() - t0) * 1000)
            results[result] = results.get(result, 0) + 1
            sections = len(chosen[subscription_id])
            fixed.setdefault(result, set()).add(len(captured.captured_queries) - sections)
        total = time.perf_counter() - started
        sent = "/".join(f"{n}+S" for n in sorted(fixed["sent"])) or "-"
        empty = "/".join(f"{n}+S" for n in sorted(fixed["empty"])) or "-"
        print(
            f"{scale:>11} {results['sent']:>6} {results['empty']:>6} "
            f"{statistics.median(times):>14.1f} {percentile(times, 0.95):>7.1f} "
            f"{sent:>13} {empty:>14} {total:>8.1f}",
            flush=True,
        )
        OutgoingMail.objects.filter(key__contains=":digest:bench-").delete()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="100,1000,10000")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eca_site.settings")
    os.environ["DJANGO_TASKS_BACKEND"] = "immediate"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)  # one line per task otherwise
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("Run it on PostgreSQL: make bench-digest (or DATABASE_URL=postgres://…).")
    settings.DEBUG = False
    run([int(n) for n in args.scales.split(",")])


if __name__ == "__main__":
    main()
