"""Cache of anonymous HTML pages, invalidated by any content change.

A page is served from the cache only to a request that carries no messages cookie and either
no session cookie or one whose session holds no signed-in user and no pending message (a stale,
bogus or anonymous `sessionid` must not turn a visitor into an uncached one: reading the
session is one cache or database lookup, far cheaper than rendering). It is stored only when
rendering it set no cookie
(no CSRF token in a form, no session, no message), holds no CSP nonce, varies on nothing but
Cookie (and Accept-Language) and allows caching. The cache key holds the full URL, the language
and the content version
(`eca_site.lib.content_version`), which changes once after every committed write to public
content, so every worker and every server stops serving older pages at once.

A page that changes with the clock (a call closes at 17:00, an opportunity expires at
midnight) sets `request.page_cache_seconds` to the seconds until it next changes: it is kept
no longer than that (0: not stored).
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions import middleware as sessions_middleware
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.utils import translation
from django.utils.cache import set_response_etag

from eca_site.lib import content_version

CACHE_ALIAS = "pages"
HEADER = "X-Page-Cache"


# Keys of a session that change what a page shows: a signed-in user, messages waiting to be shown.
PERSONAL_SESSION_KEYS = (SESSION_KEY, "_messages")


def _may_serve_from_cache(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and "messages" not in request.COOKIES
        and _session_is_impersonal(request)
    )


def _session_is_impersonal(request):
    """No session cookie, or one whose session (if it exists at all) holds nobody signed in and
    no message. Loading a session never creates or changes one; SessionMiddleware (below) reuses
    the loaded session, so a request with a session cookie still reads it once."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if session_key is None:
        return True
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    request._page_cache_session = session
    return not any(key in session for key in PERSONAL_SESSION_KEYS)


def _language(request):
    """The language LocaleMiddleware (below) will choose: the URL's prefix, else the language
    cookie, else Accept-Language. An unprefixed (English) address shows English or redirects
    to another language's address by the last two, so it is part of the key."""
    return translation.get_language_from_request(request, check_path=True)


def _may_store(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store", "max-age=0")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if vary - {"cookie", "accept-language"}:  # the key holds the language
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
            url = request.build_absolute_uri()
            key = f"page:{content_version.current()}:{_language(request)}:{url}"
        except DisallowedHost:
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        response = cache.get(key)
        if response is not None:
            response[HEADER] = "hit"
            session = getattr(request, "_page_cache_session", None)
            if session is not None and session.is_empty():  # a stale or bogus cookie
                _delete_session_cookie(response)  # as SessionMiddleware does for an empty one
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


def _delete_session_cookie(response):
    response.delete_cookie(
        settings.SESSION_COOKIE_NAME,
        path=settings.SESSION_COOKIE_PATH,
        domain=settings.SESSION_COOKIE_DOMAIN,
        samesite=settings.SESSION_COOKIE_SAMESITE,
    )


class SessionMiddleware(sessions_middleware.SessionMiddleware):
    """Django's, reusing the session AnonymousPageCacheMiddleware already read for this request
    (so a signed-in request still reads its session once)."""

    def process_request(self, request):
        session = request.__dict__.pop("_page_cache_session", None)
        if session is None:
            super().process_request(request)
        else:
            request.session = session
