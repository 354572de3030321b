"""E-mail is 8-bit UTF-8 text, so a long link stays on one line (quoted-printable split it with
"=" soft breaks in the console backend and plain mail clients), and links name the host the
site runs on."""

from django.core import mail
from django.urls import reverse

from eca_site.lib.mail import absolute_url, send_after_commit

LONG_LINK = "http://127.0.0.1:8140/accounts/verify/" + "x" * 120 + "/"


def test_site_mail_is_8bit_utf8_with_whole_links(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_after_commit(
            "Café",
            "accounts/email/verify_email.txt",
            {"link": LONG_LINK, "user": {"first_name": "Zoë", "email": "z@b.eu"}, "days": 3},
            ["a@b.eu"],
        )
    raw = mail.outbox[-1].message().as_bytes().decode()  # what the backends send
    assert "Content-Transfer-Encoding: 8bit" in raw
    assert 'charset="utf-8"' in raw
    assert LONG_LINK in raw


def test_password_reset_mail_is_8bit_with_a_whole_link(client, manager_user):
    client.post(reverse("accounts:password_reset"), {"email": "manager@example.org"})
    raw = mail.outbox[-1].message().as_bytes().decode()  # what the backends send
    assert "Content-Transfer-Encoding: 8bit" in raw
    assert "=\\n" not in raw


def test_links_use_the_request_host_else_django_site_url(rf, settings):
    settings.SITE_URL = "http://127.0.0.1:8141"
    assert absolute_url("/my/") == "http://127.0.0.1:8141/my/"
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    request = rf.get("/", HTTP_HOST="127.0.0.1:8140")
    assert absolute_url("/my/", request) == "http://127.0.0.1:8140/my/"


def test_make_run_and_serve_set_django_site_url_from_their_port():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert "run: export DJANGO_SITE_URL ?= http://$(HOST):$(PORT)" in makefile
    assert "serve: export DJANGO_SITE_URL ?= http://$(HOST):$(SERVE_PORT)" in makefile
