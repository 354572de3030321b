"""Unique slugs, also when two requests want the same one at once (imports no app)."""

from django.db import IntegrityError, transaction
from django.utils.text import slugify

ATTEMPTS = 5


def unique_slug(model, text, *, max_length=None, exclude_pk=None, reserved=(), fallback="item"):
    """slugify(text), with -2, -3 ... appended while another row of `model` (or `reserved`)
    has it; one query, whatever the number of similar slugs."""
    max_length = max_length or model._meta.get_field("slug").max_length
    base = slugify(text)[: max_length - 6].strip("-") or fallback
    similar = model._default_manager.filter(slug__startswith=base).exclude(pk=exclude_pk)
    taken = set(similar.values_list("slug", flat=True)) | set(reserved)
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def save_with_unique_slug(instance, text, **kwargs):
    """Give `instance` a free slug from `text` and save it (INSERT or UPDATE).

    Two concurrent requests may pick the same free slug: the database's unique constraint
    refuses the second INSERT, which then takes the next free slug. Other integrity errors
    are raised as they are. `kwargs` go to `unique_slug()`.
    """
    model = type(instance)
    for attempt in range(ATTEMPTS):
        instance.slug = unique_slug(model, text, exclude_pk=instance.pk, **kwargs)
        try:
            with transaction.atomic():
                instance.save()
        except IntegrityError:
            taken = model._default_manager.filter(slug=instance.slug)
            if attempt + 1 == ATTEMPTS or not taken.exclude(pk=instance.pk).exists():
                raise
            if instance._state.adding:
                instance.pk = None
            continue
        return instance
    raise AssertionError("unreachable")  # pragma: no cover
