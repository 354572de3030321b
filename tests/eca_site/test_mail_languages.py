"""The one mail path writes each message in its recipient's language (issue 18 §5):
`send_after_commit` renders subject and body under `translation.override` per language group,
and points links to the recipient's language version of the page."""

import ast

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from accounts import services
from eca_site.lib.mail import absolute_url, send_after_commit
from tests.client import committed
from tests.factories import make_organisation, make_user
from tests.i18n import url_in

SUBJECT = "Your profile is published: %(name)s"


@pytest.fixture
def german_catalogue(catalogue):
    catalogue("de", {SUBJECT: "Ihr Profil ist veröffentlicht: %(name)s", "Hello": "Hallo"})


def send(subject, recipients, **ctx):
    with committed():
        send_after_commit(
            subject, "directory/email/withdrawn.txt", {"organisation": None, **ctx}, recipients
        )
    return {message.to[0]: message for message in mail.outbox}


def test_a_subject_given_as_a_function_is_written_in_each_recipients_language(db, german_catalogue):
    german, english = make_user(), make_user()
    services.set_language(german, "de")
    messages = send(lambda: gettext(SUBJECT) % {"name": "Alpha"}, [german.email, english.email])
    assert messages[german.email].subject == "Ihr Profil ist veröffentlicht: Alpha"
    assert messages[english.email].subject == "Your profile is published: Alpha"


def test_a_lazy_subject_is_translated_too(db, german_catalogue):
    german = make_user()
    services.set_language(german, "de")
    assert send(gettext_lazy("Hello"), [german.email])[german.email].subject == "Hallo"


def test_links_in_the_context_point_to_the_recipients_language(db):
    german = make_user()
    services.set_language(german, "de")
    organisation = make_organisation()
    link = absolute_url(reverse("directory:profile", args=[organisation.slug]))
    message = send("Hello", [german.email], link=link, reason=link)[german.email]
    assert message.extra_headers["Content-Language"] == "de"
    assert absolute_url(url_in("de", "directory:profile", organisation.slug)) in message.body


def test_no_e_mail_subject_is_translated_before_the_recipients_language_is_known():
    """`send_after_commit` writes each message in its recipient's language: a subject must reach
    it untranslated (a function, a lazy string or a name bound to one), never as text already
    translated in the sender's language (`gettext(...) % {...}`, an f-string)."""
    from django.conf import settings

    eager = []
    for path in sorted(settings.BASE_DIR.glob("*/**/*.py")):
        relative = path.relative_to(settings.BASE_DIR)
        if relative.parts[0] in {".venv", "node_modules", "tests", "var"} or (
            "migrations" in relative.parts
        ):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "send_after_commit"
                and node.args
            ):
                continue
            subject = node.args[0]
            lazy_call = isinstance(subject, ast.Call) and getattr(
                subject.func, "id", getattr(subject.func, "attr", "")
            ).endswith(("_lazy", "_"))
            if not isinstance(subject, ast.Lambda | ast.Name) and not lazy_call:
                eager.append(f"{relative}:{node.lineno}")
    assert eager == []
