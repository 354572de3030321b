"""Tell managers and followers of opportunities that expire within a week (daily from cron).

    python manage.py send_opportunity_notices

Each opportunity is announced once per expiry date (a new date earns a new notice).
"""

from django.core.management.base import BaseCommand

from opportunities.services import send_expiry_notices


class Command(BaseCommand):
    help = "E-mail managers and followers of opportunities expiring within 7 days (once)."

    def handle(self, *args, **options):
        sent = send_expiry_notices()
        self.stdout.write(self.style.SUCCESS(f"Expiry notices sent for {sent} opportunities."))
