"""The one mail path writes each message in its recipient's language (issue 18 §5):
`send_after_commit` renders subject and body under `translation.override` per language group,
and points links to the recipient's language version of the page."""

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
