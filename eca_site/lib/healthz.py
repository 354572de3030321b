"""`/healthz` for load balancers and the container HEALTHCHECK (imports no app).

The middleware answers before host validation and the HTTPS redirect: a load balancer probes
by IP address over plain HTTP, and must still learn whether this instance can reach its database.
"""

from django.db import connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

HEALTHZ_PATH = "/healthz"


def healthz_response():
    """200 {"status": "ok"} when `SELECT 1` works, else 503 naming the error class only."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any database failure means "not healthy"
        response = JsonResponse({"status": "error", "database": exc.__class__.__name__}, status=503)
    else:
        response = JsonResponse({"status": "ok"})
    add_never_cache_headers(response)
    return response


class HealthzMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTHZ_PATH and request.method in {"GET", "HEAD"}:
            return healthz_response()
        return self.get_response(request)
