import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from eca_site.settings import env_bool

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("TRUE", True), ("0", False), ("false", False), ("", False)],
)
def test_env_bool_accepts_the_documented_values(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env_bool("SOME_FLAG") is expected


def test_env_bool_rejects_anything_else_with_a_clear_message(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG must be one of 1/0/true/false"):
        env_bool("SOME_FLAG")


def _check(env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=REPO,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_site_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = _check({})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


def test_debug_on_starts_with_the_development_key():
    result = _check({"DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stderr


def test_invalid_debug_value_is_a_configuration_error():
    result = _check({"DJANGO_DEBUG": "yes please"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_settings_defaults(settings):
    assert settings.TIME_ZONE == "Europe/Brussels"
    assert settings.USE_TZ is True


def _mail_backend(env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))}
    code = "from django.conf import settings; print(settings.MAILERS['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=REPO,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout.strip().splitlines()[-1]  # after start-up log lines


def test_mail_goes_to_the_console_in_development_and_smtp_in_production():
    # Django 6.1's deploy check rejects the console backend in production (mail.E001).
    assert _mail_backend({"DJANGO_DEBUG": "1"}).endswith("console.EmailBackend")
    assert _mail_backend({"DJANGO_SECRET_KEY": "x" * 50}).endswith("smtp.EmailBackend")
    console = "django.core.mail.backends.console.EmailBackend"
    assert _mail_backend({"DJANGO_SECRET_KEY": "x" * 50, "EMAIL_BACKEND": console}) == console
