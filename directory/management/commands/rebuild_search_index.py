"""Recompute every organisation's stored search texts and vector (idempotent).

Saving a profile, or changing its terms or tags, keeps its index current; run this after
bulk changes that bypass save() (raw SQL, `queryset.update()`), or once after the
`0002_search_index` migration on a database that already holds profiles.
"""

from django.core.management.base import BaseCommand

from directory.caching import bump_generation
from directory.models import Organisation

BATCH = 1000


class Command(BaseCommand):
    help = "Recompute the search index of every organisation."

    def handle(self, *args, **options):
        pks = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), BATCH):
            Organisation.objects.filter(pk__in=pks[start : start + BATCH]).refresh_search_index()
        bump_generation()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt for {len(pks)} organisations."))
