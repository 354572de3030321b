"""Derive every profile again: completeness and the search index (idempotent).

The profile write path (directory.services) keeps both current after every change; run this
after changes that bypassed it (raw SQL, a restored backup from an older version), or after a
change to how they are computed.
"""

from django.core.management.base import BaseCommand

from directory import services
from directory.models import Organisation


class Command(BaseCommand):
    help = "Recompute completeness and the search index of every organisation."

    def handle(self, *args, **options):
        pks = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
        services.refresh_profiles(pks)
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt for {len(pks)} organisations."))
