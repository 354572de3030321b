"""System checks of the deployment (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """The content version, rate limits and login lockout need one cache for all processes."""
    if settings.DEBUG or not isinstance(caches["default"], LocMemCache):
        return []
    return [
        Warning(
            "The default cache is local to each process.",
            hint="Set CACHE_URL=redis://… so that every worker and server shares the content "
            "version, rate limits and login lockouts (README, Production).",
            id="eca_site.W001",
        )
    ]
