"""Short-lived caching of expensive directory aggregates (facet counts, map, partners).

Every key includes a *generation* number that `bump_generation()` replaces whenever a profile,
its terms, languages or tags change (see directory/signals.py), so a change is visible at once
in this process; entries also expire after CACHE_SECONDS. With the default per-process cache,
other server processes may show numbers up to CACHE_SECONDS old.
"""

import hashlib
import time

from django.core.cache import cache

CACHE_SECONDS = 60
GENERATION_KEY = "directory:generation"


def bump_generation():
    cache.set(GENERATION_KEY, time.time_ns(), None)


def cached(name, key_material, compute):
    """`compute()`, or its cached value for (name, key_material) in this generation."""
    digest = hashlib.sha256(repr(key_material).encode()).hexdigest()
    key = f"directory:{name}:{cache.get(GENERATION_KEY, 0)}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value
