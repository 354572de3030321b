"""Every page of tests/site_pages.py in each of the 14 translated languages (issue 18): it
answers 200 with `<html lang>` set to that language and shows no English text that its
catalogue translates (names and user content aside)."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from eca_site.lib.catalogues import read_catalogue
from tests.conftest import logged_in
from tests.site_pages import page_urls, signed_in_page_urls
from tests.visible_text import VisibleText, user_content

LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def english_shown_in(code):
    """The catalogue's English strings that, shown whole, mean an untranslated interface: those
    whose translation differs (some words are the same in both, e.g. "Cluster" in German)."""
    path = settings.BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.po"
    english = set()
    for message in read_catalogue(path):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and ids[0] not in strings and "%" not in ids[0] and "<" not in ids[0]:
            english.add(" ".join(ids[0].split()))
    return english


def check_pages(client, urls, code):
    english = english_shown_in(code)
    content = set(user_content())
    found = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (code, url)
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
