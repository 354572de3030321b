"""A cache-based rate limit for views, keyed by client IP address and view (imports no app).

    from eca_site.lib.ratelimit import ratelimit

    @ratelimit("5/h")                       # POSTs only (the default): 5 per hour per IP
    def contact(request): ...

    @ratelimit("30/10m", methods=None)      # every method
    def search(request): ...

Over the limit, the view is not called: the visitor gets `templates/429.html` with status 429
and a `Retry-After` header. The counters live in the default cache: set `REDIS_URL` in
production so every gunicorn worker and server shares them (local memory counts per process).
"""

import functools
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

_RATE = re.compile(r"^(?P<count>\d+)/(?P<multiplier>\d*)(?P<unit>[smhd])$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """'10/m' -> (10, 60); '20/10m' -> (20, 600)."""
    match = _RATE.match(rate)
    if match is None:
        raise ValueError(f"Rate {rate!r} is not like '10/m', '20/10m' or '100/d'.")
    period = int(match["multiplier"] or 1) * _SECONDS[match["unit"]]
    return int(match["count"]), period


def client_ip(request):
    """The visitor's IP address.

    `REMOTE_ADDR`, unless `settings.NUM_PROXIES` reverse proxies sit in front of the site: then
    the address the outermost trusted proxy saw, counted from the right of X-Forwarded-For
    (entries further left are whatever the client claimed, so they are never trusted).
    """
    num_proxies = getattr(settings, "NUM_PROXIES", 0)
    if num_proxies:
        forwarded = [ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [ip for ip in forwarded if ip]
        if len(forwarded) >= num_proxies:
            return forwarded[-num_proxies]
    return request.META.get("REMOTE_ADDR", "")


def hit(key, limit, period):
    """Count one hit on `key`; returns (limit exceeded?, seconds until the count resets).

    The window opens at the first hit and lasts `period` seconds (a window aligned to the
    clock would let a burst straddling its boundary count double).
    """
    now = time.time()
    count_key, start_key = f"ratelimit:{key}", f"ratelimit:{key}:start"
    if cache.add(count_key, 1, timeout=period):
        cache.set(start_key, now, timeout=period)
        count = 1
    else:
        try:
            count = cache.incr(count_key)
        except ValueError:  # expired between add() and incr(): a new window
            cache.set(count_key, 1, timeout=period)
            cache.set(start_key, now, timeout=period)
            count = 1
    started = cache.get(start_key, now)
    return count > limit, max(1, int(started + period - now) + 1)


def too_many_requests(request, retry_after):
    response = render(request, "429.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def ratelimit(rate, *, key=None, methods=("POST",)):
    """Limit a view to `rate` requests per client IP; `methods=None` counts every method.

    `key` names the counter (default: the view's dotted path), so two views can share one.
    """
    limit, period = parse_rate(rate)
    methods = None if methods is None else {m.upper() for m in methods}

    def decorator(view):
        name = key or f"{view.__module__}.{view.__qualname__}"

        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            counted = methods is None or request.method in methods
            if counted and getattr(settings, "RATELIMIT_ENABLED", True):
                exceeded, retry_after = hit(f"{name}:{client_ip(request)}", limit, period)
                if exceeded:
                    return too_many_requests(request, retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
