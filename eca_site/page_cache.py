"""Cache of anonymous HTML pages, invalidated by any content change.

A page is served from the cache only to a request that carries no session or messages cookie
(so no logged-in user, no pending message) and stored only when rendering it set no cookie
(no CSRF token in a form, no session, no message), holds no CSP nonce, varies on nothing but
Cookie and allows caching. The cache key holds the full URL and the content version
(`eca_site.lib.content_version`), which changes once after every committed write to public
content, so every worker and every server stops serving older pages at once.

A page that changes with the clock (a call closes at 17:00, an opportunity expires at
midnight) sets `request.page_cache_seconds` to the seconds until it next changes: it is kept
no longer than that (0: not stored).
"""

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.utils.cache import set_response_etag

from eca_site.lib import content_version

CACHE_ALIAS = "pages"
HEADER = "X-Page-Cache"


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
            return self.get_response(request)
        try:
            key = f"page:{content_version.current()}:{request.build_absolute_uri()}"
        except DisallowedHost:
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        response = cache.get(key)
        if response is not None:
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        timeout = min(
            settings.PAGE_CACHE_SECONDS,
            getattr(request, "page_cache_seconds", settings.PAGE_CACHE_SECONDS),
        )
        if timeout > 0 and _may_store(request, response):
            set_response_etag(response)
            cache.set(key, response, timeout)
            response[HEADER] = "miss"
        return response
