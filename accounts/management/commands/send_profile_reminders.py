"""Remind managers of published profiles not updated for 12 months (run daily from cron)."""

from django.core.management.base import BaseCommand

from accounts import services


class Command(BaseCommand):
    help = (
        "E-mail the managers of published profiles not updated for 12 months. Idempotent: a "
        "profile is reminded at most once every 30 days (Organisation.last_reminded_at)."
    )

    def handle(self, *args, **options):
        reminded, skipped = services.send_profile_reminders()
        self.stdout.write(
            self.style.SUCCESS(
                f"Reminded {reminded} profile(s); {skipped} stale profile(s) have no manager."
            )
        )
