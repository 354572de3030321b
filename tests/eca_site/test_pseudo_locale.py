"""Nothing left untranslatable: every page of tests/site_pages.py rendered in a pseudo-language
whose catalogue wraps each string in ⟦…⟧ shows no visible text outside the markers, but for
user content (what the database holds), the names of months, days, countries and languages
(translated by Django, django-countries and Babel, which have no pseudo-language) and a few
abbreviations that are the same in every language (issue 18).
"""

import re
from pathlib import Path

import django
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from django.conf import settings
from django.utils import translation
from django_countries import countries

from eca_site.lib import languages
from eca_site.lib.catalogues import read_catalogue
from tests.conftest import logged_in
from tests.site_pages import page_urls, signed_in_page_urls
from tests.visible_text import VisibleText, user_content

PSEUDO = "qps"  # the code Windows uses for its pseudo-locale: no real language has it
OPEN, CLOSE = "⟦", "⟧"
SOURCE = Path(settings.BASE_DIR) / "locale" / "de" / "LC_MESSAGES" / "django.po"

# The same in every language: abbreviations and the name of the organisation running the site.
UNTRANSLATED_WORDS = {
    "EU", "ECA", "RSS", "Atom", "iCalendar", "CSV", "JSON", "XLSX", "PDF", "S3",
    "European Clusters Alliance", "CET", "CEST",  # time zones as the tz database names them
}  # fmt: skip
MONTHS_AND_DAYS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mon",
    "Tue",
    "Wed",
    "Thu",
    "Fri",
    "Sat",
    "Sun",
    "a.m.",
    "p.m.",
    "noon",
    "midnight",
]


def pseudo(text):
    return f"{OPEN}{text}{CLOSE}"


@pytest.fixture
def pseudo_language(settings, tmp_path):
    """A compiled catalogue for PSEUDO holding every message of the real catalogues, each
    wrapped in markers, placed first in LOCALE_PATHS."""
    source = read_catalogue(SOURCE)
    catalogue = Catalog(locale=None)  # two plural forms, as English
    for message in source:
        if not message.id:
            continue
        if message.pluralizable:
            string = (pseudo(message.id[0]), pseudo(message.id[1]))
        else:
            string = pseudo(message.id)
        catalogue.add(message.id, string, context=message.context)
    folder = tmp_path / PSEUDO / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "django.mo", "wb") as mo_file:
        write_mo(mo_file, catalogue)
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]
    settings.LANGUAGES = [*settings.LANGUAGES, (PSEUDO, "Pseudo")]
    yield
    translation.activate("en")


def allowed_words():
    from directory.models import SocialLink

    words = set(UNTRANSLATED_WORDS) | set(MONTHS_AND_DAYS)
    words |= {str(name) for _, name in countries}
    words |= {languages.language_name(code) for code in languages.EU_LANGUAGES}  # endonyms
    words |= {str(name) for _, name in settings.LANGUAGES}  # the switcher's endonyms
    words |= {str(label) for label in SocialLink.Network.labels}  # LinkedIn, YouTube…
    return sorted(words, key=len, reverse=True)


def django_strings():
    """What Django and its contrib apps translate themselves (password rules, form errors,
    "Select an option"): their own catalogues hold these in every language of the site. A
    set of texts, and a pattern for those with placeholders ("at least 8 characters")."""
    root = Path(django.__file__).parent
    texts, patterns = set(), []
    for path in [root / "conf", *sorted((root / "contrib").iterdir())]:
        po = path / "locale" / "de" / "LC_MESSAGES" / "django.po"
        if not po.exists():
            continue
        for message in read_catalogue(po):
            for text in message.id if isinstance(message.id, tuple) else (message.id,):
                text = " ".join((text or "").split())
                if not text:
                    continue
                texts.add(text)
                parts = re.split(r"%(?:\([^)]*\))?[sd]", text)
                if len(parts) > 1 and len(re.sub(r"\W", "", "".join(parts))) >= 4:
                    # words enough to say it is this sentence ("%(value)s" alone would match all)
                    patterns.append(".+?".join(re.escape(part) for part in parts))
    patterns.sort(key=len, reverse=True)  # "588 bytes" before "1 byte"
    return texts, re.compile("|".join(f"(?:{p})" for p in patterns))


def untranslated(texts, content, words, django_texts):
    """Of a page's visible `texts`, in order, what is left once the markers' contents (which
    may span elements: a translated sentence with a link), Django's own strings, user content
    and allowed words are removed: a list of leftovers, empty when all was translatable."""
    texts_set, pattern = django_texts
    kept = []
    for text in texts:
        text = " ".join(text.split())
        if text.rstrip(":") in texts_set:
            continue
        kept.append(text)
    page = "\x00".join(kept)
    previous = None
    while previous != page:  # innermost markers first: a translation may hold another
        previous = page
        page = re.sub(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", " ", page)
    left = []
    for text in page.split("\x00"):
        text = pattern.sub(" ", text)  # Django's "588 bytes" in "(PDF, 588 bytes)"
        for value in [*content, *words]:
            if value in text:
                text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ", text)
        text = " ".join(text.split())
        if re.search(r"[^\W\d_]", text):
            left.append(text)
    return left


def problems_on(client, urls):
    content = user_content()
    words = allowed_words()
    django_texts = django_strings()
    found = []
    for url in urls:
        response = client.get(url, follow=True)  # /events/calendar/ -> this month
        assert response.status_code in {200, 404, 405}, url  # 405: POST-only, its error page
        if not response["Content-Type"].startswith("text/html"):
            continue  # feeds and calendar files: their text is user content
        assert f'<html lang="{PSEUDO}">' in response.text, url
        parser = VisibleText(PSEUDO)
        parser.feed(response.content.decode())
        found += [
            f"{url}: {text!r}" for text in untranslated(parser.texts, content, words, django_texts)
        ]
    return sorted(set(found))


@pytest.mark.django_db
def test_every_public_page_is_translatable(anon, pseudo_language):
    with translation.override(PSEUDO):
        urls = [*page_urls(), f"/{PSEUDO}/no-such-page/"]
    assert all(url.startswith(f"/{PSEUDO}/") for url in urls)
    problems = problems_on(anon, urls)
    assert not problems, "Visible text not from the catalogue:\n" + "\n".join(problems)


@pytest.mark.django_db
def test_every_page_of_the_signed_in_area_is_translatable(manager_user, pseudo_language):
    with translation.override(PSEUDO):
        urls = signed_in_page_urls(manager_user)
    problems = problems_on(logged_in(manager_user), urls)
    assert not problems, "Visible text not from the catalogue:\n" + "\n".join(problems)
