"""`/healthz` for load balancers and the container HEALTHCHECK (imports no app).

The middleware answers before host validation and the HTTPS redirect: a load balancer probes
by IP address over plain HTTP, and must still learn whether this instance can reach its database.
"""

from django.db import connection
from django.db.models import Case, Count, Min, When
from django.db.models.functions import Greatest
from django.http import JsonResponse
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

HEALTHZ_PATH = "/healthz"


def task_queue():
    """With the database task backend, the waiting tasks: how many, and how long the oldest
    has waited (seconds, since it was enqueued or its deferred time came), so that a monitor
    sees workers that are missing or too few. None with a backend that keeps no queue."""
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return None
    from django_tasks_db.models import DBTaskResult, get_date_max

    waiting = DBTaskResult.objects.ready().aggregate(
        count=Count("pk"),
        since=Min(
            Case(
                When(run_after=get_date_max(), then="enqueued_at"),
                default=Greatest("enqueued_at", "run_after"),
            )
        ),
    )
    oldest = (timezone.now() - waiting["since"]).total_seconds() if waiting["since"] else 0
    return {"waiting": waiting["count"], "oldest_waiting_seconds": round(max(oldest, 0), 1)}


def healthz_response():
    """200 {"status": "ok"} when `SELECT 1` works (with the task queue's figures when tasks
    are queued in the database), else 503 naming the error class only."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        queue = task_queue()
    except Exception as exc:  # any database failure means "not healthy"
        response = JsonResponse({"status": "error", "database": exc.__class__.__name__}, status=503)
    else:
        body = {"status": "ok"} if queue is None else {"status": "ok", "tasks": queue}
        response = JsonResponse(body)
    add_never_cache_headers(response)
    return response


class HealthzMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTHZ_PATH and request.method in {"GET", "HEAD"}:
            return healthz_response()
        return self.get_response(request)
