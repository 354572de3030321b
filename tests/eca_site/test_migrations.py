"""Models and migrations agree: a model change without its (named) migration fails here."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_migration_is_missing():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"Missing migrations (exit {exit_.code}):\n{out.getvalue()}")


@pytest.mark.django_db
def test_no_cluster_managers_group_after_migrate():
    """Organisation.managers is the one manager relation (issue 11): the group is gone."""
    from django.contrib.auth.models import Group

    assert not Group.objects.filter(name="Cluster managers").exists()
