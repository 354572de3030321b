"""Production is DJANGO_DEBUG unset: `check --deploy` passes, and env values shape settings."""

import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_ALLOWED_HOSTS": "directory.example.org",
    "DJANGO_LOG_LEVEL": "WARNING",
    "DJANGO_TASKS_BACKEND": "database",  # e-mail by workers (issue 17), as the Dockerfile sets
}


def run(args, **env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environ.update(PRODUCTION_ENV, **env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_in(**env):
    """Selected settings as a process with this environment sees them."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({'DEBUG': s.DEBUG, 'SSL': s.SECURE_SSL_REDIRECT,"
        " 'PROXY': getattr(s, 'SECURE_PROXY_SSL_HEADER', None), 'CACHE': s.CACHES['default'],"
        " 'MEDIA': s.STORAGES['default'], 'CSRF': s.CSRF_TRUSTED_ORIGINS,"
        " 'COOKIES': [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE],"
        " 'CONN': [s.DATABASES['default']['CONN_MAX_AGE'],"
        "  s.DATABASES['default']['CONN_HEALTH_CHECKS']],"
        " 'IMG': s.SECURE_CSP['img-src']}))"
    )
    result = run(["-c", code], DJANGO_SETTINGS_MODULE="eca_site.settings", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_passes_with_no_warning_in_production():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        CACHE_URL="redis://127.0.0.1:6379/9",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_when_each_process_would_keep_its_own_cache():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode != 0
    assert "eca_site.W001" in result.stdout + result.stderr


def test_check_deploy_warns_when_tasks_would_run_inside_web_requests():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        CACHE_URL="redis://127.0.0.1:6379/9",
        DJANGO_TASKS_BACKEND="immediate",
    )
    assert result.returncode != 0
    assert "eca_site.W002" in result.stdout + result.stderr


def test_production_defaults_are_the_safe_ones():
    values = settings_in()
    assert values["DEBUG"] is False
    assert values["SSL"] is True
    assert values["PROXY"] is None
    assert values["COOKIES"] == [True, True]
    assert values["CONN"] == [60, True]
    assert values["CACHE"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["MEDIA"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_deployments_tune_settings_through_the_environment():
    values = settings_in(
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://directory.example.org,https://www.example.org",
        REDIS_URL="redis://cache.internal:6379/1",
        DJANGO_MEDIA_STORAGE="storages.backends.s3.S3Storage",
        DJANGO_MEDIA_STORAGE_OPTIONS='{"bucket_name": "eca-media"}',
        DJANGO_CSP_MEDIA_ORIGIN="https://eca-media.s3.example.org",
    )
    assert values["SSL"] is False
    assert values["PROXY"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["CSRF"] == ["https://directory.example.org", "https://www.example.org"]
    assert values["CACHE"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
    }
    assert values["MEDIA"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": "eca-media"},
    }
    assert values["IMG"] == ["'self'", "data:", "https://eca-media.s3.example.org"]


def test_cache_url_wins_over_redis_url_and_unknown_schemes_stop_start_up():
    values = settings_in(CACHE_URL="dummy://", REDIS_URL="redis://x:6379")
    assert values["CACHE"]["BACKEND"] == "django.core.cache.backends.dummy.DummyCache"
    result = run(["manage.py", "check"], CACHE_URL="memcached://x")
    assert result.returncode != 0
    assert "CACHE_URL must be redis://, rediss://, locmem:// or dummy://." in result.stderr


def test_storage_options_that_are_not_json_stop_start_up_with_a_clear_error():
    result = run(["manage.py", "check"], DJANGO_MEDIA_STORAGE_OPTIONS="{bucket: x}")
    assert result.returncode != 0
    assert "DJANGO_MEDIA_STORAGE_OPTIONS must be JSON" in result.stderr


def test_an_unknown_task_backend_stops_start_up_with_the_choices():
    result = run(["manage.py", "check"], DJANGO_TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "DJANGO_TASKS_BACKEND must be one of immediate, database" in result.stderr
