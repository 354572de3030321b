"""Import or update profiles from a CSV or XLSX file with the columns of the CSV export.

    manage.py import_profiles FILE [--dry-run] [--user USERNAME]

Prints what would be created and updated and every error (line, column, message); writes
only without --dry-run and only when every row is valid (see directory/imports.py).
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from directory.imports import import_profiles


class Command(BaseCommand):
    help = "Import or update profiles from a CSV or XLSX file with the export's columns."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check and report only.")
        parser.add_argument("--user", help="Username recorded in the profiles' history.")

    def handle(self, *args, file, dry_run, user, **options):
        by = None
        if user:
            by = get_user_model().objects.filter(username=user).first()
            if by is None:
                raise CommandError(f"No user “{user}”.")
        if not file.is_file():
            raise CommandError(f"No file {file}.")
        with file.open("rb") as fileobj:
            report = import_profiles(fileobj, file.name, by=by, dry_run=dry_run)
        for change in report.changes:
            columns = f" ({', '.join(change.columns)})" if change.action == "update" else ""
            self.stdout.write(f"line {change.row}: {change.action} {change.slug}{columns}")
        if report.unlisted_changes:
            self.stdout.write(f"... and {report.unlisted_changes} more change(s)")
        for problem in report.problems:
            where = f"line {problem.row}" if problem.row else "file"
            column = f", {problem.column}" if problem.column else ""
            self.stderr.write(f"{where}{column}: {problem.message}")
        if report.unlisted_problems:
            self.stderr.write(f"... and {report.unlisted_problems} more error(s)")
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
