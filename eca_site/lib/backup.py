"""`make backup` / `make restore`: django-dbbackup's commands with our defaults and checks.

    python -m eca_site.lib.backup backup [FILE]       # default: var/backups/<db>-<UTC time>.<ext>
    python -m eca_site.lib.backup restore FILE [--yes]

django-dbbackup does the work: `pg_dump --format=custom` / `pg_restore --clean --if-exists
--single-transaction` for PostgreSQL (the client tools must be installed), SQLite's online
backup API for SQLite; it writes `FILE.metadata` beside the backup, and its restore refuses a
backup made from another database engine. This module adds what `make` needs: a default file
name, refusing a file that is not a backup before anything is touched, a question before data
is replaced, and clearing every cache once a restore has succeeded (`clear_caches`), so that no
page or count cached from the replaced data is served.
"""

import argparse
import datetime
import os
import sys
from pathlib import Path

# What a backup file starts with, per database: checked before anything is replaced.
_MAGIC = {
    "postgresql": (b"PGDMP", "a pg_dump custom-format file"),
    "sqlite": (b"SQLite format 3", "an SQLite database"),
}


def _setup_django():
    """Load the settings (DATABASE_URL, CACHES) unless this already runs inside Django."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eca_site.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def _database():
    from django.db import connection

    if connection.vendor not in _MAGIC:
        raise SystemExit(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor, connection.settings_dict


def _describe():
    vendor, config = _database()
    if vendor == "sqlite":
        return f"SQLite database {config['NAME']}"
    return f"PostgreSQL database {config['NAME']} on {config.get('HOST') or 'localhost'}"


def default_backup_path():
    from django.conf import settings

    vendor, config = _database()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    name = Path(str(config["NAME"])).stem if vendor == "sqlite" else config["NAME"]
    folder = Path(settings.STORAGES["dbbackup"]["OPTIONS"]["location"])
    return folder / f"{name}-{stamp}.{'dump' if vendor == 'postgresql' else 'sqlite3'}"


def backup(path):
    from django.core.management import call_command

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    call_command("dbbackup", f"--output-path={path}", "--noinput", "--quiet")
    return path


def clear_caches(**kwargs):
    """Empty every configured cache (pages, facet counts, rate-limit counters): they describe
    the data a restore just replaced. Then give the content a new version: the restored row
    holds an older number, and a per-process page cache of a server that is still running
    (out of reach here) may hold pages under numbers from after the backup; the new number
    is one no page was ever cached under. Also a receiver of dbbackup's post_restore.
    """
    from django.core.cache import caches

    from eca_site.lib import content_version

    for cache in caches.all():
        cache.clear()
    content_version.bump()


def check_backup_file(path):
    """Refuse (SystemExit) a missing file, or one that is not a backup for this database."""
    vendor, _config = _database()
    path = Path(path)
    if not path.is_file():
        raise SystemExit(f"No backup file at {path}.")
    magic, kind = _MAGIC[vendor]
    with path.open("rb") as backup_file:
        if backup_file.read(len(magic)) != magic:
            raise SystemExit(f"{path} is not {kind}.")


def restore(path):
    """Replace the database's contents with the backup at `path`; the caches are cleared."""
    from django.core.management import call_command

    check_backup_file(path)
    vendor, config = _database()
    if vendor == "sqlite":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # dbrestore sends post_restore, which runs clear_caches (connected in EcaSiteConfig).
    call_command("dbrestore", f"--input-path={path}", "--noinput", "--quiet")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m eca_site.lib.backup", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    backup_parser = commands.add_parser("backup", help="write a backup file")
    backup_parser.add_argument("file", nargs="?", help="where to write (default: var/backups/)")
    restore_parser = commands.add_parser("restore", help="replace the database with a backup")
    restore_parser.add_argument("file")
    restore_parser.add_argument("--yes", action="store_true", help="do not ask to confirm")
    args = parser.parse_args(argv)

    _setup_django()
    if args.command == "backup":
        path = backup(args.file or default_backup_path())
        print(f"Backed up the {_describe()} to {path}")
        return 0
    check_backup_file(args.file)
    if not args.yes:
        answer = input(f"Replace everything in the {_describe()} with {args.file}? [y/N] ")
        if answer.strip().lower() not in {"y", "yes"}:
            print("Restore cancelled.")
            return 1
    restore(args.file)
    print(f"Restored {args.file} into the {_describe()}; caches cleared")
    return 0


if __name__ == "__main__":
    sys.exit(main())
