"""Keep `Organisation.completeness` and the search index current when related parts change."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from taggit.models import TaggedItem

from .caching import bump_generation
from .models import Contact, Membership, Organisation, SocialLink


def _refresh(organisation_id):
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is not None:
        organisation.refresh_completeness()


@receiver([post_save, post_delete], sender=Contact)
@receiver([post_save, post_delete], sender=SocialLink)
def related_row_changed(sender, instance, **kwargs):
    _refresh(instance.organisation_id)


@receiver([post_save, post_delete], sender=Membership)
def membership_changed(sender, instance, **kwargs):
    _refresh(instance.network_id)


@receiver(m2m_changed, sender=Organisation.terms.through)
@receiver(m2m_changed, sender=Organisation.languages.through)
def classification_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Organisation):
        instance.refresh_completeness()


@receiver(m2m_changed, sender=Organisation.terms.through)
@receiver(m2m_changed, sender=TaggedItem)
def search_keywords_changed(sender, instance, action, **kwargs):
    """Terms and tags are indexed with weight B: re-index when they change."""
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Organisation):
        instance.refresh_search_index()


@receiver([post_save, post_delete], sender=Organisation)
@receiver(m2m_changed, sender=Organisation.terms.through)
@receiver(m2m_changed, sender=Organisation.languages.through)
@receiver(m2m_changed, sender=TaggedItem)
def directory_changed(sender, **kwargs):
    """Cached facet counts are stale once a profile or its classification changes."""
    bump_generation()
