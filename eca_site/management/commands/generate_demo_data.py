"""Generate realistic random DEMO data for development, tests and benchmarks.

    python manage.py generate_demo_data --organisations 10000 [--events E] [--seed S] [--force]

Refuses to run unless DEBUG is on or --force is given. Each app contributes its steps through
`eca_site.lib.registry.demo_data` (profiles, then events ...), so this command names no app.
Every step gets the options and one `random.Random(seed)`, in registry order, inside one
transaction: the same seed gives the same data.
"""

import random

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from eca_site.lib import content_version
from eca_site.lib.registry import demo_data


class Command(BaseCommand):
    help = "Create random demo data (profiles, events ...); replaces earlier demo data."

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, required=True, metavar="N")
        parser.add_argument("--seed", type=int, default=1, metavar="S")
        parser.add_argument(
            "--events",
            type=int,
            default=None,
            metavar="E",
            help="Demo events over the past and next 12 months (default: one per 10 profiles).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even though DEBUG is off (never in prod)."
        )

    def handle(self, *args, **options):
        if not (settings.DEBUG or options["force"]):
            raise CommandError("Refusing to create demo data with DEBUG off; pass --force.")
        for name in ("organisations", "events"):
            if (options[name] or 0) < 0:
                raise CommandError(f"--{name} must be 0 or more.")
        if options["events"] is None:
            options["events"] = options["organisations"] // 10
        call_command("load_seed", stdout=self.stdout)  # taxonomies first; changes nothing twice
        rng = random.Random(options["seed"])
        with transaction.atomic():
            for step in demo_data:
                step(options, rng, self.stdout)
            content_version.changed()  # bulk writes send no signals
        self.stdout.write(self.style.SUCCESS(f"Demo data ready (seed {options['seed']})."))
