"""The redesign's migrations keep what every profile was: who sees it, who edits it.

A database from before (is_published + status, the "Cluster managers" group, ProfileChange
and AccountProfile in directory) holds profiles in every state; after `migrate` each one is
exactly as public as it was, has the same managers, and what waited for staff still waits.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("directory", "0005_search_index"),
    ("events", "0002_add_history"),
    ("news", "0003_add_history"),
    ("accounts", None),
]
# (status, is_published) of profiles before the redesign, and who could see them
STATES = [
    ("published", True),  # public
    ("published", False),  # taken offline by staff
    ("draft", False),
    ("needs_review", False),
    ("changes_requested", False),
]


def _apps_at(executor, targets):
    return executor.loader.project_state([t for t in targets if t[1]]).apps


@pytest.mark.django_db(transaction=True)
def test_profiles_keep_their_visibility_and_editors_across_the_redesign():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = _apps_at(executor, BEFORE)
        Organisation = old.get_model("directory", "Organisation")
        User = old.get_model("auth", "User")
        Group = old.get_model("auth", "Group")
        ProfileChange = old.get_model("directory", "ProfileChange")
        AccountProfile = old.get_model("directory", "AccountProfile")
        expected = {}
        for n, (status, published) in enumerate(STATES):
            user = User.objects.create(username=f"m{n}@example.org", email=f"m{n}@example.org")
            AccountProfile.objects.create(
                user=user,
                terms_accepted_at="2026-01-01T00:00Z",
                privacy_accepted_at="2026-01-01T00:00Z",
            )
            organisation = Organisation.objects.create(
                name=f"Profile {n}", slug=f"profile-{n}", status=status, is_published=published
            )
            organisation.managers.add(user)
            expected[organisation.slug] = (published, [user.username])
        live = Organisation.objects.get(slug="profile-0")
        ProfileChange.objects.create(organisation=live, field="name", label="name",
                                     status="pending", new_value="New name")  # fmt: skip
        ProfileChange.objects.create(organisation=live, field="city", label="city",
                                     status="applied")  # fmt: skip
        assert Group.objects.filter(name="Cluster managers").exists()

        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

        new = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
        Organisation = new.get_model("directory", "Organisation")
        for organisation in Organisation.objects.all():
            published, managers = expected[organisation.slug]
            assert (organisation.status == "published") is published, organisation.slug
            assert [u.username for u in organisation.managers.all()] == managers
        assert Organisation.objects.get(slug="profile-1").status == "withdrawn"
        assert Organisation.objects.get(slug="profile-3").status == "needs_review"
        changes = new.get_model("accounts", "ProfileChange").objects.all()
        assert [(c.field, c.status) for c in changes] == [("name", "pending")]
        assert new.get_model("accounts", "AccountProfile").objects.count() == len(STATES)
        assert not new.get_model("auth", "Group").objects.filter(name="Cluster managers").exists()
    finally:
        call_command("migrate", verbosity=0)
