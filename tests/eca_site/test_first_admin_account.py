"""The README's admin section works on a fresh clone: `make superuser` creates the first staff
account (issue 15: `createsuperuser` as the README wrote it failed without `DJANGO_DEBUG=1`)."""

import os
import shutil
import sqlite3
import subprocess

from django.conf import settings


def fresh_clone(target):
    """The tracked files of the repository, as `git clone` would lay them, with the shared
    virtualenv (installing it again would only repeat the same pinned packages)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=settings.BASE_DIR, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = settings.BASE_DIR / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / ".venv").symlink_to((settings.BASE_DIR / ".venv").resolve())
    return target


def test_readme_tells_to_run_make_superuser():
    readme = (settings.BASE_DIR / "README.md").read_text()
    assert "**An admin account**: `make superuser`" in readme
    assert "createsuperuser`, then" not in readme  # the command that failed without debug


def test_make_superuser_creates_a_staff_account_on_a_fresh_clone(tmp_path):
    clone = fresh_clone(tmp_path / "clone")
    # A new developer's shell: no Django or database variable set.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SUPERUSER_USERNAME="admin",
        DJANGO_SUPERUSER_EMAIL="admin@example.org",
        DJANGO_SUPERUSER_PASSWORD="a-long-admin-password-1",
    )
    result = subprocess.run(
        ["make", "--no-print-directory", "superuser"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Superuser created successfully." in result.stdout
    with sqlite3.connect(clone / "var" / "db.sqlite3") as db:
        rows = db.execute(
            "SELECT username, email, is_staff, is_superuser FROM auth_user"
        ).fetchall()
    assert rows == [("admin", "admin@example.org", 1, 1)]
