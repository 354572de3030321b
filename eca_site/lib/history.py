"""History rows that also remember many-to-many choices, at the cost of one INSERT (imports no
app).

django-simple-history keeps the audit trail of every model. Its own `m2m_fields` copy each
many-to-many relation into a table of its own on *every* save: two more queries per relation,
even when only the name changed. `SnapshotHistory` instead stores the ids of the chosen
relations (a profile's terms and languages) as a text column of the history row, filled by a
subquery inside the history row's INSERT:

    history = SnapshotHistory(snapshot_m2m=["terms", "languages"])

so a one-field save costs its UPDATE and one INSERT, and adding a term costs Django's two
statements plus one INSERT. `record.snapshot("terms")` reads the ids back, and
`diff_against()` (the admin's history page) lists what was added and removed.
"""

from functools import partial

from django.conf import settings
from django.db import models
from django.db.models import CharField, StringAgg, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from django.db.models.signals import m2m_changed
from simple_history.models import HistoricalChanges, HistoricalRecords, ModelChange
from simple_history.signals import pre_create_historical_record

SUFFIX = "_ids"


def _ids_expression(instance, name):
    """SQL for 'the ids of `instance.<name>`, comma-separated' (no query now; any order: not
    every SQLite orders inside an aggregate, so `snapshot()` sorts)."""
    field = instance._meta.get_field(name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = (
        through.objects.filter(**{f"{source}_id": instance.pk})
        .order_by()
        .values(f"{source}_id")
        .annotate(ids=StringAgg(Cast(f"{target}_id", CharField()), Value(",")))
        .values("ids")
    )
    return Coalesce(Subquery(rows), Value(""), output_field=models.TextField())


def _snapshot(self, name):
    """The ids `name` held when this history row was written, in id order."""
    text = getattr(self, f"{name}{SUFFIX}") or ""
    return sorted(int(pk) for pk in text.split(",") if pk)


def _diff_against(self, old_history, excluded_fields=None, included_fields=None, **kwargs):
    """simple-history's diff, plus the snapshot relations: ModelChange(name, old ids, new ids)."""
    delta = HistoricalChanges.diff_against(
        self, old_history, excluded_fields, included_fields, **kwargs
    )
    excluded = set(excluded_fields or ())
    for name in type(self)._snapshot_m2m:
        if name in excluded or (included_fields is not None and name not in included_fields):
            continue
        old, new = old_history.snapshot(name), self.snapshot(name)
        if old != new:
            delta.changes.append(ModelChange(name, old, new))
            delta.changed_fields.append(name)
    return delta


class SnapshotHistory(HistoricalRecords):
    def __init__(self, *args, snapshot_m2m=(), **kwargs):
        self.snapshot_m2m = tuple(snapshot_m2m)
        super().__init__(*args, **kwargs)

    def get_extra_fields(self, model, fields):
        extra = super().get_extra_fields(model, fields)
        for name in self.snapshot_m2m:
            extra[f"{name}{SUFFIX}"] = models.TextField(blank=True, default="")
        extra["_snapshot_m2m"] = self.snapshot_m2m
        extra["snapshot"] = _snapshot
        extra["diff_against"] = _diff_against
        return extra

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender._meta.abstract or not hasattr(sender._meta, "simple_history_manager_attribute"):
            return
        history_model = getattr(sender, self.manager_name).model
        pre_create_historical_record.connect(self._fill_snapshots, sender=history_model, weak=False)
        for name in self.snapshot_m2m:
            through = sender._meta.get_field(name).remote_field.through
            m2m_changed.connect(
                partial(self._relation_changed, model=sender),
                sender=through,
                weak=False,
                dispatch_uid=f"snapshot-history-{sender._meta.label}-{name}",
            )

    def _fill_snapshots(self, sender, instance, history_instance, **kwargs):
        for name in self.snapshot_m2m:
            setattr(history_instance, f"{name}{SUFFIX}", _ids_expression(instance, name))

    def _relation_changed(self, instance, action, reverse, pk_set, model, **kwargs):
        if action not in {"post_add", "post_remove", "post_clear"}:
            return
        if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            return
        if hasattr(instance, "skip_history_when_saving"):
            return
        if not reverse:
            self.create_historical_record(instance, "~")
        elif pk_set:  # term.organisations.add(...): one history row per organisation changed
            for obj in model._default_manager.filter(pk__in=pk_set):
                self.create_historical_record(obj, "~")
