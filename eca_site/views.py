import datetime

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from directory.models import Organisation
from eca_site.lib import languages
from eca_site.lib.healthz import healthz_response
from events.models import Event
from news.models import BestPractice, NewsItem

from .forms import SiteSearchForm
from .lib.site_search import search_all
from .models import SitePage

SITE_SEARCH_LIMIT = 5
HOME_CARDS = 6
HOME_ITEMS = 3


def home(request):
    published = Organisation.objects.published()
    networks = list(
        published.for_cards()
        .filter(kind=Organisation.Kind.NETWORK)
        .order_by("-completeness", "sort_name")[:HOME_CARDS]
    )
    ctx = {
        "counts": {
            "organisations": published.count(),
            "countries": published.exclude(country="").values("country").distinct().count(),
        },
        "networks": networks,
        # Not the networks again: the two sections showed the same organisations.
        "latest": published.for_cards()
        .exclude(pk__in=[network.pk for network in networks])
        .order_by("-created")[:HOME_CARDS],
        "events": Event.objects.published().upcoming().select_related("organiser")[:HOME_ITEMS],
        "news": NewsItem.objects.published().for_list()[:HOME_ITEMS],
        "best_practices": BestPractice.objects.published().for_list()[:HOME_ITEMS],
    }
    return render(request, "eca_site/home.html", ctx)


@require_safe
def set_language(request):
    """The language switcher's links (`?language=de&next=/directory/?q=x`): remember the choice
    in the language cookie, then show the same page in that language. A GET link, not Django's
    POST-only `set_language`: it needs no JavaScript and no CSRF token in every page, which
    would make every page uncacheable. An unknown language changes nothing."""
    language = request.GET.get("language", "")
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not next_url.startswith("/"):
        next_url = reverse("home")
    if not languages.is_site_language(language):
        return redirect(next_url)
    response = redirect(languages.translate_path(next_url, language))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def site_page(request, url):
    """/terms/, /privacy/, /about/, /contact/: pages staff keep in the admin."""
    page = get_object_or_404(SitePage, url=url)
    return render(request, "eca_site/site_page.html", {"page": page})


@never_cache
@require_safe
def healthz(request):
    """Database reachable? (HealthzMiddleware answers /healthz first, by any Host header.)"""
    return healthz_response()


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /my/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
@cache_control(max_age=86400)
def security_txt(request):
    """RFC 9116: how to report a vulnerability; `Expires` is always a year ahead."""
    expires = timezone.now().replace(microsecond=0) + datetime.timedelta(days=365)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(datetime.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en",
        f"Canonical: {request.build_absolute_uri(reverse('security_txt'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=86400)
def favicon(request):
    """Browsers (and the admin, which links no icon) ask for /favicon.ico: send the SVG."""
    return redirect(static("img/favicon.svg"))


@requires_csrf_token
def server_error(request):
    """The 500 page, rendered without the request: no context processor, no query runs."""
    html = loader.get_template("500.html").render({"SITE_NAME": gettext(settings.SITE_NAME)})
    return HttpResponseServerError(html)


@require_safe
def search(request):
    """Site-wide search: one group per registered provider (see eca_site/lib/site_search.py)."""
    form = SiteSearchForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    groups = search_all(request, q, SITE_SEARCH_LIMIT) if q else []
    ctx = {
        "form": form,
        "q": q,
        # what the visitor typed, shown back after an error (without the NUL bytes)
        "typed": q if form.is_valid() else form.data.get("q", "").replace("\x00", ""),
        "groups": groups,
        "total": sum(group.total for group in groups),
    }
    return render(request, "eca_site/search.html", ctx)
