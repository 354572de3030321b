from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from directory.models import Organisation

from .lib.site_search import search_all

SITE_SEARCH_LIMIT = 5


def home(request):
    published = Organisation.objects.published()
    ctx = {
        "counts": {
            "organisations": published.count(),
            "countries": published.exclude(country="").values("country").distinct().count(),
        },
        "latest": published.for_cards().order_by("-created")[:6],
        "networks": published.for_cards().filter(kind=Organisation.Kind.NETWORK)[:6],
    }
    return render(request, "eca_site/home.html", ctx)


@never_cache
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any database failure means "not healthy"
        return JsonResponse(
            {"status": "error", "database": str(exc.__class__.__name__)}, status=503
        )
    return JsonResponse({"status": "ok"})


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /my/"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def search(request):
    """Site-wide search: one group per registered provider (see eca_site/lib/site_search.py)."""
    q = " ".join(request.GET.get("q", "").split())[:200]
    groups = search_all(request, q, SITE_SEARCH_LIMIT) if q else []
    ctx = {"q": q, "groups": groups, "total": sum(group.total for group in groups)}
    return render(request, "eca_site/search.html", ctx)
