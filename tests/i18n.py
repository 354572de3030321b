"""Helpers for tests of the site in several languages (the `catalogue` fixture is in
tests/conftest.py): a page's address in a language is reversed under
`translation.override(language)` (`/de/…`), and requested with `Accept-Language` too."""

from django.urls import reverse
from django.utils import translation


def url_in(language, viewname, *args, **kwargs):
    with translation.override(language):
        return reverse(viewname, args=args, kwargs=kwargs or None)


def get_in(client, language, url, **extra):
    """GET `url` as a visitor whose browser asks for `language`."""
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language, **extra)


def write_catalogue(locale_dir, language, messages):
    """A compiled catalogue `<locale_dir>/<language>/LC_MESSAGES/django.mo` holding `messages`
    ({msgid: msgstr} or {(context, msgid): msgstr}), written with Babel (no gettext needed)."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalog = Catalog(locale=language, domain="django")
    for key, string in messages.items():
        context, msgid = key if isinstance(key, tuple) else (None, key)
        catalog.add(msgid, string, context=context)
    folder = locale_dir / language / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "django.mo", "wb") as mo:
        write_mo(mo, catalog)
