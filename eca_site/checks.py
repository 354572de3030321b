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


@register(deploy=True)
def task_backend(app_configs, **kwargs):
    """In production e-mail should leave the request path: tasks queued for workers."""
    from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django.tasks.backends.immediate import ImmediateBackend

    if settings.DEBUG or not isinstance(
        task_backends[DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend
    ):
        return []
    return [
        Warning(
            "Background tasks (all e-mail, digests) run inside the web requests.",
            hint="Set DJANGO_TASKS_BACKEND=database and run `manage.py db_worker` processes "
            "(README, Background workers).",
            id="eca_site.W002",
        )
    ]
