import io

from django.core.management import call_command


def test_directory_models_and_migrations_agree(db):
    out = io.StringIO()
    call_command("makemigrations", "directory", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
