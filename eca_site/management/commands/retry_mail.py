from datetime import timedelta

from django.core.management.base import BaseCommand

from eca_site.lib.mail import retry_due_mail


class Command(BaseCommand):
    help = (
        "Enqueue again the e-mail whose delivery is overdue (a worker killed mid-task, or the "
        "immediate backend, which cannot defer a retry). Run it every few minutes from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace",
            type=int,
            default=600,
            help="Seconds a message may be overdue before it is enqueued again (default 600).",
        )

    def handle(self, *args, grace, **options):
        count = retry_due_mail(grace=timedelta(seconds=grace))
        self.stdout.write(self.style.SUCCESS(f"{count} message(s) enqueued again."))
