"""Who may see and who may edit a profile: the one helper of each, for every app's views.

In the spirit of healthchecks' `_get_check_for_user`: a view asks for the object *for this
user* and gets a 404 when the user may not have it, so a forbidden profile looks exactly like
one that does not exist.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from .models import Organisation


def get_visible_organisation(user, slug, queryset=None):
    """The profile at `slug` if `user` may see it: published, or any for staff; else 404."""
    queryset = queryset if queryset is not None else Organisation.objects.all()
    return get_object_or_404(queryset.visible_to(user), slug=slug)


def get_profile_or_preview(user, slug, queryset=None):
    """The profile page's object: a visible profile, or one `user` manages that is not
    published yet, shown to them as a preview of how it will look; else 404."""
    queryset = queryset if queryset is not None else Organisation.objects.all()
    visible = Organisation.objects.visible_to(user).values("pk")
    own = Organisation.objects.editable_by(user).values("pk")
    return get_object_or_404(queryset.filter(Q(pk__in=visible) | Q(pk__in=own)), slug=slug)


def get_editable_organisation(user, slug, queryset=None):
    """The profile at `slug` if `user` manages it (self-service; staff use the admin); else
    404."""
    queryset = queryset if queryset is not None else Organisation.objects.all()
    return get_object_or_404(queryset.editable_by(user), slug=slug)
