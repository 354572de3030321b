"""Back up and restore the database named by DATABASE_URL (imports no app; no settings needed).

    python -m eca_site.lib.backup backup [FILE]       # default: var/backups/<db>-<UTC time>.<ext>
    python -m eca_site.lib.backup restore FILE [--yes]

PostgreSQL: `pg_dump --format=custom` / `pg_restore --clean --if-exists --no-owner` (the
client tools must be installed). SQLite: Python's sqlite3 online-backup API, so no `sqlite3`
program is needed and a running site can be backed up safely.
"""

import argparse
import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"  # as in settings.py
BACKUP_DIR = BASE_DIR / "var" / "backups"


def database_url():
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def _engine(url):
    config = dj_database_url.parse(url)
    if config["ENGINE"].endswith("postgresql"):
        return "postgresql", config
    if config["ENGINE"].endswith("sqlite3"):
        return "sqlite", config
    raise SystemExit(f"Backups support PostgreSQL and SQLite, not {config['ENGINE']}.")


def _libpq_url(url):
    """pg_dump takes a libpq URI: `postgres://` and `postgresql://` only."""
    scheme, rest = url.split("://", 1)
    return f"postgresql://{rest}" if scheme.startswith("postgres") or scheme == "pgsql" else url


def _tool(name):
    path = shutil.which(name)
    if path is None:
        raise SystemExit(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return path


def default_backup_path(url):
    engine, config = _engine(url)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    name = Path(str(config["NAME"])).stem if engine == "sqlite" else config["NAME"]
    return BACKUP_DIR / f"{name}-{stamp}.{'dump' if engine == 'postgresql' else 'sqlite3'}"


def backup(url, path):
    engine, config = _engine(url)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if engine == "postgresql":
        subprocess.run(
            [_tool("pg_dump"), "--format=custom", f"--file={path}", f"--dbname={_libpq_url(url)}"],
            check=True,
        )
    else:
        source = sqlite3.connect(f"file:{config['NAME']}?mode=ro", uri=True)
        target = sqlite3.connect(path)
        with target:
            source.backup(target)
        source.close()
        target.close()
    return path


def restore(url, path):
    """Replace the database's contents with the backup at `path`."""
    engine, config = _engine(url)
    path = Path(path)
    if not path.is_file():
        raise SystemExit(f"No backup file at {path}.")
    magic = path.read_bytes()[:16]
    if engine == "postgresql":
        if not magic.startswith(b"PGDMP"):
            raise SystemExit(f"{path} is not a pg_dump custom-format file.")
        subprocess.run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                f"--dbname={_libpq_url(url)}",
                str(path),
            ],
            check=True,
        )
    else:
        if not magic.startswith(b"SQLite format 3"):
            raise SystemExit(f"{path} is not an SQLite database.")
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        target = sqlite3.connect(config["NAME"])
        with target:
            source.backup(target)
        source.close()
        target.close()


def _describe(url):
    engine, config = _engine(url)
    if engine == "sqlite":
        return f"SQLite database {config['NAME']}"
    return f"PostgreSQL database {config['NAME']} on {config.get('HOST') or 'localhost'}"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m eca_site.lib.backup", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    backup_parser = commands.add_parser("backup", help="write a backup file")
    backup_parser.add_argument("file", nargs="?", help="where to write (default: var/backups/)")
    restore_parser = commands.add_parser("restore", help="replace the database with a backup")
    restore_parser.add_argument("file")
    restore_parser.add_argument("--yes", action="store_true", help="do not ask to confirm")
    args = parser.parse_args(argv)

    url = database_url()
    if args.command == "backup":
        path = backup(url, args.file or default_backup_path(url))
        print(f"Backed up the {_describe(url)} to {path}")
        return 0
    if not args.yes:
        answer = input(f"Replace everything in the {_describe(url)} with {args.file}? [y/N] ")
        if answer.strip().lower() not in {"y", "yes"}:
            print("Restore cancelled.")
            return 1
    restore(url, args.file)
    print(f"Restored {args.file} into the {_describe(url)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
