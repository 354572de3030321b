"""Keep the "Cluster managers" group in step with `Organisation.managers`; remove the
stored file of a deleted attachment, document or news image."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, pre_save
from django.dispatch import receiver

from directory.models import Organisation

from .models import BestPracticeAttachment, Document, NewsItem

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


def _delete_stored_file(field_file):
    if field_file and field_file.name:
        name, storage = field_file.name, field_file.storage
        # Only once the row is really gone: a rolled-back delete keeps its file.
        transaction.on_commit(lambda: storage.delete(name))


@receiver(post_delete, sender=BestPracticeAttachment)
@receiver(post_delete, sender=Document)
def stored_file_deleted(sender, instance, **kwargs):
    _delete_stored_file(instance.file)


@receiver(post_delete, sender=NewsItem)
def news_image_deleted(sender, instance, **kwargs):
    _delete_stored_file(instance.image)


@receiver(pre_save, sender=Document)
@receiver(pre_save, sender=NewsItem)
def replaced_file_deleted(sender, instance, **kwargs):
    """A document's file or a news image replaced (or cleared) in the admin: drop the old one."""
    if not instance.pk:
        return
    field = "file" if sender is Document else "image"
    old = sender.objects.filter(pk=instance.pk).values_list(field, flat=True).first()
    new = getattr(instance, field)
    if old and old != new.name:
        _delete_stored_file(new.field.attr_class(instance, new.field, old))
