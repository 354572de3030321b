"""Rate limits for views, per client address: our call-site API over django-ratelimit.

    from eca_site.lib.ratelimit import ratelimit

    @ratelimit("5/h")                       # POSTs only (the default): 5 per hour per address
    def contact(request): ...

    @ratelimit("30/10m", methods=None)      # every method
    def search(request): ...

    ratelimit("20/10m")(LoginView.as_view())    # a class-based view counts under its class
    ratelimit("30/10m", key="admin-login")      # an explicit counter name

Counting is django-ratelimit's `get_usage` (fixed windows with a per-visitor offset, hashed
cache keys, counters in the default cache: set `REDIS_URL` in production so every worker and
server shares them). This module adds what the library leaves to us: a counter name that
never depends on a closure's `__qualname__`, the client address behind proxies (also used by
django-axes), and the 429 page with an exact `Retry-After`.
"""

import functools
import ipaddress
import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

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


def _visitor(group, request):
    """Whom a counter counts: the client address; IPv6 by /64, one subscriber's network."""
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def counter_name(view, key=None):
    """`key`, else the view's dotted path: its class for `View.as_view()` (every as_view()
    closure is named `View.as_view.<locals>.view`, so the login and the password reset once
    shared one counter); other closures must be given a key."""
    if key:
        return key
    target = getattr(view, "view_class", view)
    name = f"{getattr(target, '__module__', '')}.{getattr(target, '__qualname__', '<locals>')}"
    if "<locals>" in name:
        raise ImproperlyConfigured(f"ratelimit() cannot name a counter for {view!r}: pass key=.")
    return name


def too_many_requests(request, retry_after):
    response = render(
        request,
        "429.html",
        {"retry_after": retry_after, "retry_minutes": round(retry_after / 60)},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def ratelimit(rate, *, key=None, methods=("POST",)):
    """Limit a view to `rate` requests per client address; `methods=None` counts every method.

    One counter per counter name (`key`, or the view), rate and methods: views that pass the
    same `key` and rate share it.
    """
    limit = parse_rate(rate)
    method = ALL if methods is None else [m.upper() for m in methods]

    def decorator(view):
        group = counter_name(view, key)

        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if getattr(settings, "RATELIMIT_ENABLED", True):
                usage = get_usage(
                    request, group, key=_visitor, rate=limit, method=method, increment=True
                )
                if usage is not None and usage["should_limit"]:
                    # The window ends with second `time_left` from now: a retry passes one
                    # second later. (time_left is -1 when the cache failed: the library then
                    # refuses, and a retry may pass at once.)
                    return too_many_requests(request, max(1, usage["time_left"] + 1))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
