"""The site's languages and the names of languages (imports no app).

- `site_languages()`: the codes of settings.LANGUAGES, the languages a visitor may choose;
  `site_language(code)` maps any code onto one of them (else the default).
- `language_name(code)`: a language's own name ("Deutsch"), for lists to choose from.
- `language_display_name(code)`: its name in the active language (CLDR, through Babel).
- `site_language_field()`: the model field of someone's chosen language (accounts,
  subscriptions: the language of their e-mails).
"""

import unicodedata

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

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
