"""The "Cluster managers" group (data migration) follows Organisation.managers."""

from django.contrib.auth.models import Group

from news.signals import CLUSTER_MANAGERS_GROUP
from tests.factories import make_organisation


def test_the_group_has_exactly_the_permissions_managers_need(db):
    group = Group.objects.get(name=CLUSTER_MANAGERS_GROUP)
    assert sorted(group.permissions.values_list("codename", flat=True)) == [
        "add_bestpractice",
        "add_bestpracticeattachment",
        "change_bestpractice",
        "delete_bestpracticeattachment",
    ]


def test_becoming_a_manager_joins_the_group_and_leaving_the_last_one_leaves_it(manager_user):
    first, second = make_organisation(), make_organisation()
    first.managers.add(manager_user)
    second.managers.add(manager_user)
    assert manager_user.groups.filter(name=CLUSTER_MANAGERS_GROUP).exists()
    assert manager_user.has_perm("news.add_bestpractice")
    first.managers.remove(manager_user)
    assert manager_user.groups.filter(name=CLUSTER_MANAGERS_GROUP).exists()
    second.managers.clear()
    assert not manager_user.groups.filter(name=CLUSTER_MANAGERS_GROUP).exists()


def test_adding_from_the_user_side_joins_the_group_too(manager_user):
    manager_user.managed_organisations.add(make_organisation())
    assert manager_user.groups.filter(name=CLUSTER_MANAGERS_GROUP).exists()
    manager_user.managed_organisations.clear()
    assert not manager_user.groups.filter(name=CLUSTER_MANAGERS_GROUP).exists()


def test_a_manager_removed_from_the_group_by_hand_cannot_submit(manager_client, manager_user):
    from django.urls import reverse

    make_organisation().managers.add(manager_user)
    manager_user.groups.clear()
    assert manager_client.get(reverse("news:best_practice_create")).status_code == 403


def test_the_group_migration_can_be_reversed_and_reapplied(db):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("news.migrations.0002_create_cluster_managers_group")
    migration.delete_group(apps, None)
    assert not Group.objects.filter(name=CLUSTER_MANAGERS_GROUP).exists()
    migration.create_group(apps, None)
    migration.create_group(apps, None)  # running it twice changes nothing
    assert Group.objects.get(name=CLUSTER_MANAGERS_GROUP).permissions.count() == 4
