"""Keep the "Cluster managers" group in step with `Organisation.managers`."""

from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from directory.models import Organisation

CLUSTER_MANAGERS_GROUP = "Cluster managers"


def sync_cluster_manager_group(users):
    """Users who manage an organisation are in the group; users who manage none are not."""
    group = Group.objects.filter(name=CLUSTER_MANAGERS_GROUP).first()
    if group is None:  # the data migration creates it; nothing to keep in step without it
        return
    for user in users:
        if user.managed_organisations.exists():
            user.groups.add(group)
        else:
            user.groups.remove(group)


@receiver(m2m_changed, sender=Organisation.managers.through)
def managers_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action == "pre_clear":
        # The cleared users are only known before the rows go.
        if isinstance(instance, Organisation):
            instance._cleared_manager_ids = list(instance.managers.values_list("pk", flat=True))
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # user.managed_organisations.add(...): `instance` is the user
        sync_cluster_manager_group([instance])
        return
    ids = pk_set if action != "post_clear" else getattr(instance, "_cleared_manager_ids", [])
    user_model = Organisation.managers.field.related_model
    sync_cluster_manager_group(user_model.objects.filter(pk__in=ids or []))
