"""One content version for every cache of public content (imports no app).

Anonymous pages (`eca_site/page_cache.py`) and expensive aggregates (facet counts, map
statistics, partner suggestions: `cached()` below) are cached under keys that contain the
*content version*. A write to public content calls `changed()`; once the transaction commits,
the version becomes a new number that no earlier cache entry carries, so every worker on every
server stops serving what was cached before, at once.

`materialised()` keeps an aggregate that does not depend on the request (the directory's
unfiltered facet counts) in the database too, at the version it was computed for: a cleared or
cold cache then costs one small query instead of recomputing it.

Where it lives: the database row `ContentVersion` is the source of truth; the default cache
holds a copy under `KEY`, so reading the version costs one cache round trip and no query. That
cache must be shared by every process that serves the site (`CACHE_URL=redis://…`): with a
per-process cache (locmem, the development default) a change made through one process is not
seen by another. `manage.py check --deploy` warns about that (eca_site/checks.py).

What calls `changed()`: a save, delete or many-to-many change of a model of an app in
`settings.CONTENT_APPS` (signals connected in `EcaSiteConfig.ready()`; history rows are not
content), and any bulk write (`update()`, `bulk_create()`) that sends no signal — its caller
calls `changed()` itself. Each transaction bumps the version at most once, after it commits.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router, transaction
from django.utils import timezone, translation

from .models import AggregateSnapshot, ContentVersion

KEY = "content-version"
VERSION_ROW = 1
# Aggregates keyed on the version still expire, so a forgotten `changed()` heals itself.
AGGREGATE_SECONDS = 600


def _from_database():
    return (
        ContentVersion.objects.filter(pk=VERSION_ROW).values_list("version", flat=True).first() or 0
    )


def current():
    """The content version now: one cache round trip (a query only when the cache is cold)."""
    version = cache.get(KEY)
    if version is None:
        version = _from_database()
        cache.add(KEY, version, None)  # never overwrite a newer number set meanwhile
    return version


def bump():
    """Give the content a new version now: a clock-based number, so that it is new even after
    a backup is restored (an older row) or when two processes bump at the same time."""
    version = time.time_ns()
    updated = ContentVersion.objects.filter(pk=VERSION_ROW).update(version=version)
    if not updated:
        ContentVersion.objects.update_or_create(pk=VERSION_ROW, defaults={"version": version})
    cache.set(KEY, version, None)
    return version


def _bump_on_commit():
    bump()


def changed():
    """Public content changed: bump the version once the current transaction commits.

    A transaction that changes many rows bumps once; a rolled-back one not at all; outside a
    transaction the version is bumped at once.
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        func is _bump_on_commit for _sids, func, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(_bump_on_commit)


def is_content_model(model):
    """Models whose rows public pages show: those of CONTENT_APPS (an app label, or one
    model's "app_label.ModelName"), without history rows and without models that say
    `public_content = False` (private rows of a content app)."""
    if getattr(model, "instance_type", None) is not None:  # a django-simple-history model
        return False
    if not getattr(model, "public_content", True):
        return False
    return (
        model._meta.app_label in settings.CONTENT_APPS or model._meta.label in settings.CONTENT_APPS
    )


def on_write(sender, **kwargs):
    """Receiver of post_save, post_delete and m2m_changed for every model."""
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    if is_content_model(sender):
        changed()


def cached(name, key_material, compute, timeout=AGGREGATE_SECONDS):
    """`compute()`, or its value cached for (name, key_material) in this content version and
    the active language (what is cached may hold translated labels or rendered HTML)."""
    digest = hashlib.sha256(repr(key_material).encode()).hexdigest()
    key = f"aggregate:{name}:{current()}:{translation.get_language()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def materialised(name, compute):
    """`compute()` (a JSON-serialisable value) for the current content version: from the cache,
    else from its database snapshot (one query), else computed and stored in both. Every process
    on every server shares the snapshot; a newer version's snapshot is never overwritten by an
    older one (versions only grow)."""
    version = current()
    key = f"aggregate:{name}:{version}"
    value = cache.get(key)
    if value is not None:
        return value
    row = AggregateSnapshot.objects.filter(name=name, version=version).values("value").first()
    if row is not None:
        value = row["value"]
    else:
        value = compute()
        _store_snapshot(name, version, value)
    cache.set(key, value, AGGREGATE_SECONDS)
    return value


def _store_snapshot(name, version, value):
    """Insert or update the snapshot in one statement, unless a newer version is stored."""
    table = AggregateSnapshot._meta.db_table
    connection = connections[router.db_for_write(AggregateSnapshot)]
    field = AggregateSnapshot._meta.get_field("value")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (name, version, value, computed) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version,"
            " value = EXCLUDED.value, computed = EXCLUDED.computed"
            f" WHERE {table}.version < EXCLUDED.version",
            [
                name,
                version,
                field.get_db_prep_save(value, connection),
                connection.ops.adapt_datetimefield_value(timezone.now()),
            ],
        )
