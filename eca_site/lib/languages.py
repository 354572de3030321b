"""The site's languages: the address of the current page in each of them, for the switcher and
the `hreflang` alternates, and the address a switch leads to.

English is unprefixed (`/directory/`), every other language prefixed (`/de/directory/`): see
`i18n_patterns` in eca_site/urls.py. A page that resolved (`request.resolver_match`) is reversed
once per language under that language; a page that did not (an error page) has no alternates.

Names and choices (issue 18 §4, §5): `site_languages()` / `site_language(code)` (any code onto
one of settings.LANGUAGES, else the default), `language_name(code)` (a language's own name,
"Deutsch", for lists to choose from), `language_display_name(code)` (its name in the active
language, from CLDR through Babel), the choices of an original text's language (the 24 official
EU languages) and `site_language_field()` (someone's chosen language: their e-mails').
"""

import unicodedata
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.db import models
from django.http import HttpResponseRedirect
from django.middleware import locale
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in its own language: "Deutsch", "Polski"
    url: str  # this page in that language ("" when the page has no address in it)
    switch_url: str  # the switcher's link: remembers the choice, then goes to `url`
    current: bool


def _reverse_in(match, language):
    with translation.override(language):
        try:
            return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return ""


def page_in(match, query, language):
    """The path (with `query`) of the page `match` resolved to, in `language`; "" if none."""
    path = _reverse_in(match, language) if match is not None and match.view_name else ""
    if path and query:
        path = f"{path}?{query}"
    return path


def language_links(request):
    """One LanguageLink per language of settings.LANGUAGES, in their order."""
    match = getattr(request, "resolver_match", None)
    query = request.META.get("QUERY_STRING", "")
    current = translation.get_language()
    here = request.get_full_path()
    links = []
    for code, name in settings.LANGUAGES:
        url = page_in(match, query, code)
        switch = f"{reverse('set_language')}?{urlencode({'language': code, 'next': here})}"
        links.append(LanguageLink(code, name, url, switch, code == current))
    return links


def translate_path(url, language):
    """`url` (a path with its query, from this site) in `language`; the same `url` when it is
    not a page of the site. The path's own prefix says which language it is in now."""
    parts = urlsplit(url)
    with translation.override(translation.get_language_from_path(parts.path) or "en"):
        try:
            match = resolve(parts.path)
        except Resolver404:
            return url
    path = page_in(match, "", language)
    if not path:
        return url
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def is_site_language(code):
    return code in dict(settings.LANGUAGES)


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's, plus two rules for a visitor who prefers another language (the switcher's
    cookie, else the browser's Accept-Language) on an unprefixed address, where Django always
    answers in English:
    - a page that has an address per language, asked for by GET, redirects to that language's
      address (`/` -> `/de/`), so a German visitor arriving from a search engine or a shared link
      sees German; choosing English in the switcher sets the cookie, and English pages stay;
    - an address with one address for all languages (the admin, an unknown address: its 404
      page) is answered in the preferred language.
    """

    def process_request(self, request):
        super().process_request(request)
        if translation.get_language_from_path(request.path_info):
            return None
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        if not is_language_prefix_patterns_used(urlconf)[0]:
            return None
        preferred = translation.get_language_from_request(request, check_path=False)
        if preferred == settings.LANGUAGE_CODE:
            return None
        here = request.get_full_path()
        target = translate_path(here, preferred)
        if target == here:
            translation.activate(preferred)
            request.LANGUAGE_CODE = preferred
            return None
        if request.method not in ("GET", "HEAD"):
            return None  # a form posted from an English page is answered in English
        response = HttpResponseRedirect(target)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


# ----- names of languages, someone's chosen language ----------------------------------------
# The 24 official languages of the EU (ISO 639-1), the languages an original text may be in.
EU_LANGUAGES = [
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
    "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
]  # fmt: skip
DEFAULT_LANGUAGE = "en"  # settings.LANGUAGE_CODE, as a migration can store it


def language_name(code):
    """The language's own name ("Deutsch", "Français"): the site's spelling for its languages,
    CLDR's (Babel) for the others; the code when neither knows it. A list of languages to
    choose from reads the same to every visitor, as the language switcher does."""
    names = dict(settings.LANGUAGES)
    if code in names:
        return str(names[code])
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


def language_display_name(code, default=""):
    """The name of the language `code` in the active language, as a label ("Allemand" for a
    French reader: CLDR, through Babel, capitalised as in a list); `default` when unknown."""
    try:
        name = Locale.parse(base_language(get_language())).languages.get(code)
    except (ValueError, UnknownLocaleError):
        name = None
    if not name:
        return default or code
    return name[:1].upper() + name[1:]


def site_languages():
    """The codes of the languages a visitor may choose (settings.LANGUAGES), in their order."""
    return [code for code, _name in settings.LANGUAGES]


def original_language_choices():
    """(code, own name) of the 24 official EU languages, by name (a callable: the migration
    does not copy the list)."""
    return sorted(((code, language_name(code)) for code in EU_LANGUAGES), key=_by_name)


def _by_name(choice):
    """Sort key of a (code, name) choice: the name without accents ("Čeština" with C)."""
    decomposed = unicodedata.normalize("NFKD", choice[1].casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def translation_language_choices():
    return [(code, language_name(code)) for code in site_languages()]


def base_language(code):
    """'de-at' -> 'de'; None -> the site's default."""
    return (code or settings.LANGUAGE_CODE).split("-")[0].lower()


def site_language(code):
    """`code` when it is one of the site's languages (its base language "de" for "de-at"),
    else the default language."""
    codes = site_languages()
    code = (code or "").lower()
    for candidate in (code, code.split("-")[0]):
        if candidate in codes:
            return candidate
    return settings.LANGUAGE_CODE


def site_language_field(**kwargs):
    """The language someone chose for what the site sends them (their e-mails)."""
    return models.CharField(
        _("language of the e-mails"),
        max_length=8,
        choices=translation_language_choices,
        default=DEFAULT_LANGUAGE,
        **kwargs,
    )


# Languages that write nouns with a capital letter inside a sentence too.
CAPITALISED_NOUNS = {"de", "lb"}


def in_sentence(text):
    """A label ("Needs review", "Events") as a word inside a sentence of the active language:
    its first letter in lower case ("is needs review"), except in German, where nouns keep
    their capital ("alle 12 Veranstaltungen"). Only the first letter: "EU" stays "EU"."""
    text = str(text)
    if base_language(get_language()) in CAPITALISED_NOUNS or not text:
        return text
    return text[:1].lower() + text[1:]
