from django.core.management.base import BaseCommand

from subscriptions.digest import enqueue_digests
from subscriptions.models import Subscription


class Command(BaseCommand):
    help = (
        "Enqueue one digest task per subscriber (weekly: Monday morning from cron; daily: "
        "every morning with --frequency daily). Running it twice sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--frequency", choices=Subscription.Frequency.values, default="weekly")

    def handle(self, *args, frequency, **options):
        count = enqueue_digests(frequency)
        self.stdout.write(self.style.SUCCESS(f"{count} {frequency} digest(s) enqueued."))
