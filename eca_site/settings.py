"""Settings for the European cluster directory.

One module, driven only by the environment (see the table in README.md). Development and
production differ by environment values, never by separate settings files.
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from eca_site.lib.jsonlog import stdout_logging

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name, default=False):
    """Read a boolean variable; anything but 1/0/true/false/yes/no/on/off is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0/true/false, got {raw!r}.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}.") from None


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_json(name, default):
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return json.loads(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be JSON, got {raw!r}.") from None


def _missing(name):
    raise ImproperlyConfigured(f"{name} must be set when DJANGO_DEBUG is off.")


DEBUG = env_bool("DJANGO_DEBUG")

# Used only when DJANGO_DEBUG is on (development); production must set DJANGO_SECRET_KEY.
DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or (
    DEV_SECRET_KEY if DEBUG else _missing("DJANGO_SECRET_KEY")
)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")

INSTALLED_APPS = [
    "eca_site.apps.SiteAdminConfig",  # django.contrib.admin with eca_site.admin.SiteAdmin
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_countries",
    "django_filters",
    "taggit",
    "axes",
    "simple_history",
    "django_prose_editor",  # the rich-text editor of about texts (eca_site/lib/rich_text.py)
    "dbbackup",  # make backup / make restore (eca_site/lib/backup.py); also mediabackup
    "django_tasks_db",  # the database task queue (DJANGO_TASKS_BACKEND=database), `make worker`
    "directory",
    "accounts",
    "events",
    "news",
    "subscriptions",  # e-mail digest subscriptions (issue 17)
    "opportunities",
    "eca_site.apps.EcaSiteConfig",  # the content version, site-wide template tags
]

MIDDLEWARE = [
    "eca_site.lib.healthz.HealthzMiddleware",  # first: answers load balancers by any Host
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses HTML and other responses (with Django's BREACH masking); below WhiteNoise,
    # which serves its own pre-compressed static files and never reaches it.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "eca_site.page_cache.AnonymousPageCacheMiddleware",
    "eca_site.page_cache.SessionMiddleware",  # Django's, reusing the session the cache read
    # The language: the URL's prefix (/de/…); English pages have none, and a visitor whose
    # language cookie (the switcher's) or else Accept-Language says otherwise is sent to the
    # prefixed page. After sessions, before CommonMiddleware.
    "eca_site.lib.languages.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "eca_site.lib.error_pages.MethodNotAllowedPageMiddleware",  # 405s get the error page
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "eca_site.urls"
WSGI_APPLICATION = "eca_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,  # for the admin's and django-filter's own templates
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.debug",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "eca_site.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# English (the source language, unprefixed URLs) and the languages of ECA's member countries'
# associations; another EU language is one catalogue (locale/<code>/) and one line here away.
LANGUAGES = [
    ("en", "English"),
    ("bg", "Български"),
    ("cs", "Čeština"),
    ("de", "Deutsch"),
    ("es", "Español"),
    ("fr", "Français"),
    ("lv", "Latviešu"),
    ("lt", "Lietuvių"),
    ("hu", "Magyar"),
    ("nl", "Nederlands"),
    ("pl", "Polski"),
    ("pt", "Português"),
    ("ro", "Română"),
    ("sk", "Slovenčina"),
    ("fi", "Suomi"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))

STORAGES = {
    # Uploads: the local disk by default; an S3-compatible bucket through django-storages
    # (README, "Media on S3-compatible storage"): the backend and its OPTIONS come from env.
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": env_json("DJANGO_MEDIA_STORAGE_OPTIONS", {}),
    },
    "staticfiles": {
        "BACKEND": os.environ.get(
            "DJANGO_STATICFILES_STORAGE",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

# Development prints mail to the console; production sends it through SMTP unless told otherwise.
_EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_EMAIL_OPTIONS = {}
if _EMAIL_BACKEND.endswith("smtp.EmailBackend"):
    _EMAIL_OPTIONS = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 587),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", True),
        "timeout": env_int("EMAIL_TIMEOUT", 30),  # a hanging server fails the try, then retries
    }
MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND, "OPTIONS": _EMAIL_OPTIONS}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "directory@clustersalliance.eu")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "my:dashboard"
LOGOUT_REDIRECT_URL = "home"

# Site identity, shown in templates through eca_site.context_processors.site.
SITE_NAME = "European Cluster Directory"


# ----- Production hardening (README, "Production and security") ------------------------------
# Production is simply DJANGO_DEBUG unset: every value below is safe by default and an env
# variable relaxes it only where a deployment needs to.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 63072000)  # 2 years
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a TLS-terminating proxy: DJANGO_SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO
# (optionally `=value`, default https). Only set it when the proxy overwrites that header.
if _proxy_header := os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "").strip():
    _name, _, _value = _proxy_header.partition("=")
    SECURE_PROXY_SSL_HEADER = (_name.strip(), _value.strip() or "https")
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = not DEBUG
# The language a visitor chose in the switcher, kept a year (Django's default: until the
# browser closes).
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # no script reads the token: forms carry it
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Content-Security-Policy (Django's built-in middleware). No inline script or style anywhere:
# templates use static files only; a script that cannot be a file gets {% csp_nonce_attr %}.
# JSON-LD (<script type="application/ld+json">) is a data block, never executed: CSP does not
# apply to it. DJANGO_CSP_MEDIA_ORIGIN adds the origin that serves uploads (an S3 bucket).
_MEDIA_ORIGINS = env_list("DJANGO_CSP_MEDIA_ORIGIN")
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *_MEDIA_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "upgrade-insecure-requests": SECURE_SSL_REDIRECT,
}
# Sent by django-permissions-policy's middleware: every powerful feature off. A misspelt
# feature name stops start-up (ImproperlyConfigured) instead of being sent and ignored.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "sync-xhr",
        "usb",
        "xr-spatial-tracking",
    ]
}


def cache_from_url(url):
    """`redis://…`/`rediss://…` -> Django's Redis backend; `locmem://` (default); `dummy://`."""
    if url.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured("CACHE_URL must be redis://, rediss://, locmem:// or dummy://.")


# A shared cache (Redis) is what makes rate limits hold across gunicorn workers and servers.
CACHES = {
    "default": cache_from_url(
        os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or "locmem://"
    )
}

# ----- Abuse protection ------------------------------------------------------------------------
# django-axes watches every authenticate() call (admin login, site login): 10 failures for one
# username from one IP address lock that pair out for an hour. Only the pair: a stranger's
# wrong passwords for `admin` must not lock the real admin out elsewhere (issue 12, vuln 7).
# Guessing across many usernames from one address is stopped by the login rate limits.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_CLIENT_IP_CALLABLE = "eca_site.lib.ratelimit.client_ip"
# How many reverse proxies append to X-Forwarded-For in front of the site (0: use REMOTE_ADDR).
NUM_PROXIES = env_int("DJANGO_NUM_PROXIES", 0)
RATELIMIT_ENABLED = env_bool("DJANGO_RATELIMIT_ENABLED", True)
# eca_site.lib.ratelimit counts with django-ratelimit, in the shared default cache (Redis).
RATELIMIT_USE_CACHE = "default"

# ----- Security contact (/.well-known/security.txt) ------------------------------------------
SECURITY_CONTACT = os.environ.get("DJANGO_SECURITY_CONTACT", "mailto:security@clustersalliance.eu")

# ----- Logging: one JSON object per line on stdout (DJANGO_LOG_FORMAT=text for humans) --------
LOGGING = stdout_logging(
    os.environ.get("DJANGO_LOG_FORMAT", "text" if DEBUG else "json"),
    level=os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
    loggers=["django"],  # Django's own handlers (mail_admins, console) replaced by stdout
)
LOGGING["loggers"]["django.db.backends"] = {"level": "WARNING"}
# Absolute links in e-mails (no request there): scheme and host the site is served from.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# ----- Backups: django-dbbackup, driven by `make backup` / `make restore` ----------------------
# Backups go to var/backups/ unless given a path; `manage.py mediabackup` saves uploads there.
STORAGES["dbbackup"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": BASE_DIR / "var" / "backups"},
}
# pg_restore: the restored objects belong to whoever restores them, without the source's grants.
DBBACKUP_CONNECTORS = {"default": {"PG_OPTIONS": ["--no-owner", "--no-privileges"]}}

# Uploads: the per-file limit is checked (eca_site.lib.uploads) before a file is stored;
# SizeLimitUploadHandler keeps no byte past it even in memory or the temporary folder.
# Requests stream file data to a temporary file past FILE_UPLOAD_MAX_MEMORY_SIZE; the
# non-file part of a request stays bounded by DATA_UPLOAD_MAX_MEMORY_SIZE. The front web
# server should cap the whole body a little above UPLOAD_MAX_BYTES (see README).
UPLOAD_MAX_BYTES = env_int("DJANGO_UPLOAD_MAX_MB", 20) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB held in memory, larger files spool to disk
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # form fields other than files
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_HANDLERS = [
    "eca_site.lib.uploads.SizeLimitUploadHandler",  # drops the bytes of oversized files
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Anonymous HTML pages are cached (eca_site/page_cache.py) for this many seconds, in each server
# process's memory; the content version (shared cache, database as the source of truth)
# invalidates them in every process at once. 0 turns the cache off.
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 0 if DEBUG else 600)
# Apps whose rows public pages show: a write to one of their models changes the content
# version (eca_site/lib/content_version.py), which every cached page and aggregate is keyed on.
# Country choices (forms, admin): the EU's 27 members first, alphabetically, then the rest.
COUNTRIES_FIRST = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
]  # fmt: skip
COUNTRIES_FIRST_SORT = True
COUNTRIES_FIRST_BREAK = "────────"
CONTENT_APPS = ["directory", "events", "news", "opportunities", "taggit", "eca_site.SitePage"]
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

# History rows (django-simple-history) keep why a change was made, reviewers' comments included.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# ----- Background tasks (django.tasks): e-mail and digests leave the request path -------------
# `immediate` runs a task in the process that enqueues it (development, simple tests, and a
# safe fallback: mail still goes out without a worker); `database` queues it in PostgreSQL
# (django-tasks-db, SKIP LOCKED) for `manage.py db_worker` processes on any number of machines.
TASKS_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_TASKS_BACKEND = os.environ.get("DJANGO_TASKS_BACKEND", "immediate")
if _TASKS_BACKEND not in TASKS_BACKENDS:
    raise ImproperlyConfigured(
        f"DJANGO_TASKS_BACKEND must be one of {', '.join(TASKS_BACKENDS)}, got {_TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[_TASKS_BACKEND], "QUEUES": ["default", "mail"]}}
# A refused or timed-out send is retried after 1, 2, 4 ... minutes (capped at an hour), and given
# up (kept as "failed" for staff to retry) after MAIL_MAX_ATTEMPTS.
MAIL_RETRY_SECONDS = env_int("DJANGO_MAIL_RETRY_SECONDS", 60)
MAIL_MAX_ATTEMPTS = env_int("DJANGO_MAIL_MAX_ATTEMPTS", 8)
