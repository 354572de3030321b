"""`make backup` / `make restore`: a dump restored into a fresh database has the seed profile,
and no cache still holds what was there before."""

import os
import sqlite3
import subprocess
import sys

import dj_database_url
import pytest
from django.conf import settings
from django.db import connection

SEED_SLUG = "european-clusters-alliance"


# The tests' own Redis database (never another run's): a restore must empty the shared cache.
# ECA_TEST_REDIS_URL picks another database when several test runs share one Redis server.
REDIS_URL = os.environ.get("ECA_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


def make(*args, database_url, **extra_env):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "CACHE_", "REDIS_"))
    }
    env.update(DATABASE_URL=database_url, DJANGO_SECRET_KEY="x" * 60, DJANGO_LOG_LEVEL="WARNING")
    env.update(extra_env)
    result = subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def manage(*args, database_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(DATABASE_URL=database_url, DJANGO_SECRET_KEY="x" * 60, DJANGO_LOG_LEVEL="WARNING")
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        check=True,
        timeout=300,
    )


def redis_with_a_cached_page():
    """Redis database 7, holding one entry the way Django's cache stores it."""
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    except redis.exceptions.ConnectionError:  # pragma: no cover - Redis runs in CI
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    client.set(":1:page:old-version:/directory/", b"stale")
    return client


def test_sqlite_backup_restores_into_a_fresh_database(tmp_path):
    source = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    manage("migrate", "--noinput", database_url=source)
    manage("load_seed", database_url=source)

    dump = tmp_path / "backups" / "live.sqlite3"
    output = make("backup", f"BACKUP={dump}", database_url=source)
    assert f"to {dump}" in output
    assert dump.read_bytes().startswith(b"SQLite format 3")

    fresh = tmp_path / "fresh.sqlite3"
    cached = redis_with_a_cached_page()
    output = make(
        "restore", f"BACKUP={dump}", "YES=1", database_url=f"sqlite:///{fresh}", CACHE_URL=REDIS_URL
    )
    assert "caches cleared" in output
    # the stale page is gone; only the new content version (bumped by the restore) is left
    assert cached.keys("*") == [b":1:content-version"]
    with sqlite3.connect(fresh) as db:
        names = db.execute(
            "SELECT name FROM directory_organisation WHERE slug = ?", [SEED_SLUG]
        ).fetchall()
    assert names == [("European Clusters Alliance",)]


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "-m", "eca_site.lib.backup", "restore", str(bogus), "--yes"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "is not an SQLite database" in result.stderr
    assert not (tmp_path / "x.sqlite3").exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump/pg_restore need the PostgreSQL pass"
)
def test_postgresql_dump_restores_into_a_fresh_database(transactional_db, seeded, tmp_path):
    import psycopg

    conf = connection.settings_dict
    auth = conf["USER"] + (f":{conf['PASSWORD']}" if conf["PASSWORD"] else "")
    server = f"postgres://{auth}@{conf['HOST'] or '127.0.0.1'}:{conf['PORT'] or 5432}"
    # The restore target: `<configured database>_restore`, e.g. eca_restore in CI.
    restore_name = dj_database_url.parse(os.environ["DATABASE_URL"])["NAME"] + "_restore"

    dump = tmp_path / "eca.dump"
    make("backup", f"BACKUP={dump}", database_url=f"{server}/{conf['NAME']}")
    assert dump.read_bytes().startswith(b"PGDMP")

    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin_db:
        admin_db.execute(f'DROP DATABASE IF EXISTS "{restore_name}"')
        admin_db.execute(f'CREATE DATABASE "{restore_name}"')
    try:
        cached = redis_with_a_cached_page()
        make(
            "restore",
            f"BACKUP={dump}",
            "YES=1",
            database_url=f"{server}/{restore_name}",
            CACHE_URL=REDIS_URL,
        )
        # the stale page is gone; only the new content version (bumped by the restore) is left
        assert cached.keys("*") == [b":1:content-version"]
        with psycopg.connect(f"{server}/{restore_name}") as restored:
            names = restored.execute(
                "SELECT name FROM directory_organisation WHERE slug = %s", [SEED_SLUG]
            ).fetchall()
            members = restored.execute("SELECT count(*) FROM directory_membership").fetchone()
        assert names == [("European Clusters Alliance",)]
        assert members == (15,)
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin_db:
            admin_db.execute(f'DROP DATABASE IF EXISTS "{restore_name}"')
