"""Idempotent writes for loaders and imports (imports no app)."""

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def upsert(queryset, lookup, values, create_only=None, **save_kwargs):
    """The row matching `lookup`, created or updated so that it holds `values`.

    `create_only` values are set on a new row only (e.g. a status staff may change later).
    Unlike `update_or_create()`, a row that already holds `values` is not saved again, so a
    second run writes nothing: no UPDATE, no history row, no cache invalidation. Returns
    (obj, CREATED | UPDATED | UNCHANGED). `save_kwargs` become attributes of the object
    before it is saved (e.g. `_history_user`, `_change_reason`).
    """
    obj = queryset.filter(**lookup).first()
    if obj is None:
        obj = queryset.model(**lookup, **values, **(create_only or {}))
        outcome = CREATED
    else:
        changed = [name for name, value in values.items() if _differs(obj, name, value)]
        if not changed:
            return obj, UNCHANGED
        for name in changed:
            setattr(obj, name, values[name])
        outcome = UPDATED
    for name, value in save_kwargs.items():
        setattr(obj, name, value)
    obj.save()
    return obj, outcome


def _differs(obj, name, value):
    field = obj._meta.get_field(name)
    if field.is_relation:
        current = getattr(obj, field.attname)
        return current != (value.pk if hasattr(value, "pk") else value)
    current = getattr(obj, name)
    if hasattr(current, "code"):  # django-countries' Country
        current = current.code
    return current != value
