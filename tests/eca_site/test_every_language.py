"""Every page of tests/site_pages.py in each of the 14 translated languages (issue 18): it
answers 200 with `<html lang>` set to that language and shows no English text that its
catalogue translates (names and user content aside)."""

import re
from pathlib import Path

import django
import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from eca_site.lib.catalogues import read_catalogue
from tests.conftest import logged_in
from tests.site_pages import page_urls, signed_in_page_urls
from tests.visible_text import VisibleText, user_content

LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def strings(message):
    return message.string if isinstance(message.string, tuple) else (message.string,)


def english_shown_in(code):
    """The catalogue's English strings that, shown whole, mean an untranslated interface: not
    those that are also words of the language (German "Filter", Dutch "Log in", Finnish "to"
    for Thursday in Django's own catalogue), nor those with placeholders or markup."""
    catalogue = read_catalogue(settings.BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.po")
    english, native = set(), set()
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if "%" not in ids[0] and "<" not in ids[0]:
            english.add(" ".join(ids[0].split()))
        for text in strings(message):  # and each piece between tags ("<a>Log in</a> als …")
            native.update(" ".join(piece.split()) for piece in re.split(r"<[^>]+>", text))
    django_po = Path(django.__file__).parent / "conf" / "locale" / code / "LC_MESSAGES"
    with open(django_po / "django.po", "rb") as po_file:
        django_catalogue = read_po(po_file)  # some of Django's have a stray plural form
    for message in django_catalogue:
        native.update(" ".join(text.split()) for text in strings(message) if text)
    return english - native


def check_pages(client, urls, code):
    english = english_shown_in(code)
    content = set(user_content())
    found = []
    for url in urls:
        response = client.get(url, follow=True)  # /events/calendar/ -> this month
        assert response.status_code in {200, 405}, (code, url)  # 405: a POST-only address
        if not response["Content-Type"].startswith("text/html"):
            continue  # feeds and calendar files
        assert f'<html lang="{code}">' in response.text, (code, url)
        parser = VisibleText(code)
        parser.feed(response.content.decode())
        for text in parser.texts:
            text = " ".join(text.split())
            if text in english and text not in content:
                found.append(f"{url}: {text!r}")
    return sorted(set(found))


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_every_page_in_the_language(anon, manager_user, code):
    with translation.override(code):
        public = page_urls()
        signed_in = signed_in_page_urls(manager_user)
        home = reverse("home")
    assert home == f"/{code}/"
    assert all(url.startswith(f"/{code}/") for url in public + signed_in)
    found = check_pages(anon, public, code) + check_pages(logged_in(manager_user), signed_in, code)
    assert not found, f"English left on the {code} pages:\n" + "\n".join(found)
