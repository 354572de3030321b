"""Cache of anonymous HTML pages, invalidated by any content change.

A page is served from the cache only to a request that carries no session or messages cookie
(so no logged-in user, no pending message) and stored only when rendering it set no cookie
(no CSRF token in a form, no session, no message), holds no CSP nonce, varies on nothing but
Cookie and allows caching. The cache key holds the full URL and the ContentVersion number,
which goes up on every save, delete or many-to-many change of a model of PAGE_CACHE_APPS
(signals, also from management commands) and after every successful POST/PUT/PATCH/DELETE of a
logged-in user (which covers queryset.update() in admin bulk actions). Bulk writes outside the
web (bulk_create, update() in a shell) are seen after at most PAGE_CACHE_SECONDS.
"""

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import set_response_etag

from .models import ContentVersion

CACHE_ALIAS = "pages"
VERSION_ROW = 1
HEADER = "X-Page-Cache"


def current_version():
    return (
        ContentVersion.objects.filter(pk=VERSION_ROW).values_list("version", flat=True).first() or 0
    )


def bump_version(**kwargs):
    """Invalidate every cached page (also a signal receiver); nothing to do with the cache off.

    The UPDATE runs inside the caller's transaction, so the new number becomes visible together
    with the data that changed, never before it.
    """
    if settings.PAGE_CACHE_SECONDS <= 0:
        return
    sender = kwargs.get("sender")
    if sender is not None and sender._meta.app_label not in settings.PAGE_CACHE_APPS:
        return
    updated = ContentVersion.objects.filter(pk=VERSION_ROW).update(version=F("version") + 1)
    if not updated:
        ContentVersion.objects.get_or_create(pk=VERSION_ROW, defaults={"version": 2})


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_version, dispatch_uid=f"page_cache_{signal_name(signal)}")


def signal_name(signal):
    return {post_save: "post_save", post_delete: "post_delete", m2m_changed: "m2m"}[signal]


def _may_serve_from_cache(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _may_store(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store", "max-age=0")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if vary - {"cookie"}:
        return False
    nonce = getattr(request, "_csp_nonce", None)  # Django's CSP nonce, if it was generated
    if nonce and str(nonce).encode() in response.content:  # the page holds this request's nonce
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class AnonymousPageCacheMiddleware:
    """Place after WhiteNoise and before SessionMiddleware, CsrfViewMiddleware and
    MessageMiddleware, so that it sees the cookies they set on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_serve_from_cache(request):
            response = self.get_response(request)
            self._invalidate_after_changes(request, response)
            return response
        try:
            key = f"page:{current_version()}:{request.build_absolute_uri()}"
        except DisallowedHost:
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        response = cache.get(key)
        if response is not None:
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _may_store(request, response):
            set_response_etag(response)
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response[HEADER] = "miss"
        return response

    def _invalidate_after_changes(self, request, response):
        if request.method in ("GET", "HEAD", "OPTIONS") or response.status_code >= 400:
            return
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            bump_version()
