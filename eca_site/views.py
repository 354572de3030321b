from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from directory.models import Organisation


def home(request):
    published = Organisation.objects.published()
    ctx = {
        "counts": {
            "organisations": published.count(),
            "countries": published.exclude(country="").values("country").distinct().count(),
        },
        "latest": published.for_cards().order_by("-created")[:6],
        "networks": published.for_cards()
        .filter(kind=Organisation.Kind.NETWORK)
        .order_by("-completeness", "name")[:6],
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
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page links: send the hashed file."""
    return redirect(static("img/favicon.ico"))
