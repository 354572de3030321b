"""Remove the stored file of a deleted attachment, document or news image (or one replaced in
the admin), once the deletion is committed."""

from django.db import transaction
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from .models import BestPracticeAttachment, Document, NewsItem


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
