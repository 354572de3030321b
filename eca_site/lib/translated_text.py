"""A text written by a manager, in its original language plus translations they add (imports no
app). Used by a profile's about text and the summaries of best practices and opportunities.

A model declares, for each such text `about`:

    about = models.TextField(...)                       # the original, as before
    about_language = original_language_field()          # which language the original is in
    about_translations = translations_field()           # {"de": "…", "fr": "…"}

    class Organisation(TranslatedTextsMixin, ...):
        TRANSLATED_TEXTS = {"about": TranslatedText(clean=sanitize_html, html_field="about_html")}

and calls `self.clean_translations()` in `save()`, its one write path, where the original is
sanitised too: every translation goes through the same sanitiser as the original.

- The original may be in any of the 24 official EU languages (a Maltese cluster writes in
  Maltese); translations are offered in the site's languages (settings.LANGUAGES) only, because
  a visitor can only choose those: a translation into another language would never be shown.
- `obj.translated("about")` (the active language by default) gives a `PickedText`: the visitor's
  language when it exists, else the original, with the other languages it is available in.
- `TranslationsFormMixin` adds the manager's fields to a model form (one textarea per language
  added, and "add a language"), without JavaScript; the template tag
  `{% translated_text obj "about" %}` (`eca_site/templatetags/translated_text.py`) renders the
  block with its `lang` attribute and the "Available in" links.
"""

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .languages import (
    DEFAULT_LANGUAGE,
    base_language,
    language_name,
    original_language_choices,
    site_languages,
    translation_language_choices,
)


def validate_translations(value):
    """{code: text}, each code one of the site's languages."""
    if not isinstance(value, dict):
        raise ValidationError(_("Translations must be a mapping of language code to text."))
    unknown = [code for code in value if code not in site_languages()]
    if unknown:
        raise ValidationError(
            _("Not a language of this site: %(codes)s."), params={"codes": ", ".join(unknown)}
        )
    if not all(isinstance(text, str) for text in value.values()):
        raise ValidationError(_("Each translation must be a text."))


def original_language_field(**kwargs):
    return models.CharField(
        _("language of the text"),
        max_length=8,
        choices=original_language_choices,
        default=DEFAULT_LANGUAGE,
        help_text=_("The language the original text is written in."),
        **kwargs,
    )


def translations_field(**kwargs):
    return models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        validators=[validate_translations],
        help_text=_('The text in other languages of this site, e.g. {"de": "…", "fr": "…"}.'),
        **kwargs,
    )


def _strip(text):
    return (text or "").strip()


@dataclass(frozen=True)
class TranslatedText:
    """How one translatable text of a model is cleaned and shown.

    `clean`: the sanitiser of the original, applied to every translation on save.
    `html_field`: where the sanitised original is stored (rich text), None for plain text."""

    clean: object = _strip
    html_field: str | None = None

    @property
    def is_html(self):
        return self.html_field is not None


@dataclass(frozen=True)
class PickedText:
    """The text to show a visitor: `text` in `language`; `requested` the visitor's language;
    `available` the other site languages it exists in (codes)."""

    text: str
    language: str
    requested: str
    available: list = field(default_factory=list)
    is_html: bool = False

    @property
    def is_fallback(self):
        """The visitor's language is missing: the original is shown instead."""
        return self.language != self.requested

    @property
    def language_name(self):
        return language_name(self.language)


def pick_text(original, original_language, translations, language=None, *, is_html=False):
    """The version of a text to show someone reading `language` (the active one by default):
    theirs when there is one, else the original (or, with no original, the first translation),
    with the other languages of the site it exists in."""
    language = base_language(language or get_language())
    versions = {}
    if (original or "").strip():
        versions[original_language] = original
    for code, text in (translations or {}).items():
        if code != original_language and (text or "").strip():
            versions[code] = text
    if language in versions:
        shown = language
    elif original_language in versions or not versions:
        shown = original_language
    else:
        shown = next(iter(versions))
    others = [code for code in site_languages() if code in versions and code != shown]
    return PickedText(versions.get(shown, original or ""), shown, language, others, is_html)


def clean_translations(translations, original_language, clean=_strip):
    """The stored form of `translations`: site languages only, the original's language and
    empty texts dropped, each text through `clean` (the original's sanitiser), in the order of
    settings.LANGUAGES."""
    translations = translations if isinstance(translations, dict) else {}
    cleaned = {}
    for code in site_languages():
        if code == original_language or not isinstance(translations.get(code), str):
            continue
        text = clean(translations[code])
        if text.strip():
            cleaned[code] = text
    return cleaned


class TranslatedTextsMixin:
    """For models with translatable texts: `TRANSLATED_TEXTS = {name: TranslatedText(...)}` and
    the fields `<name>_language` and `<name>_translations` (see the module)."""

    TRANSLATED_TEXTS = {}

    def clean_translations(self):
        """Sanitise every translation as the original is; call it from save()."""
        for name, spec in self.TRANSLATED_TEXTS.items():
            setattr(
                self,
                f"{name}_translations",
                clean_translations(
                    getattr(self, f"{name}_translations"),
                    getattr(self, f"{name}_language"),
                    spec.clean,
                ),
            )

    def translated(self, name, language=None):
        """PickedText of the text `name` for a reader of `language` (the active language)."""
        spec = self.TRANSLATED_TEXTS[name]
        original = getattr(self, spec.html_field or name)
        return pick_text(
            original,
            getattr(self, f"{name}_language"),
            getattr(self, f"{name}_translations"),
            language,
            is_html=spec.is_html,
        )

    def translation_texts(self, name):
        """The texts of every translation of `name` (for the search index)."""
        return [text for text in getattr(self, f"{name}_translations").values() if text]


# ----- the manager's form ------------------------------------------------------------------
class TranslationsFormMixin:
    """Fields for a model form to add, edit and remove translations of its texts, without
    JavaScript: `translated_texts = ["about"]` and `<name>_language` in Meta.fields.

    For each text: one textarea per language already added ("empty it to remove the
    translation"), then "Add a translation: [language] [text]". The cleaned dict goes into
    `cleaned_data["<name>_translations"]` and onto the instance; the model's save() sanitises.
    An invalid form re-renders every field with what was typed.
    """

    translated_texts = ()
    translation_max_length = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.translated_texts:
            self._add_translation_fields(name)

    def _existing_codes(self, name):
        stored = getattr(self.instance, f"{name}_translations", None) or {}
        codes = [code for code in site_languages() if code in stored]
        if self.is_bound:  # removed by someone else since the form was opened: keep what was typed
            codes += [
                code
                for code in site_languages()
                if code not in codes and self.add_prefix(f"{name}_translation_{code}") in self.data
            ]
        return codes

    def _add_translation_fields(self, name):
        original = self.fields.get(name)
        label = original.label if original is not None else name
        widget_rows = getattr(original.widget, "attrs", {}).get("rows", 4) if original else 4
        stored = getattr(self.instance, f"{name}_translations", None) or {}
        new_fields = {}
        if f"{name}_language" in self.fields:
            language_field = self.fields[f"{name}_language"]
            language_field.help_text = _("The language the text above is written in.")
            language_field.required = False  # left out of a submission: unchanged
        codes = self._existing_codes(name)
        max_length = self.translation_max_length or getattr(original, "max_length", None)
        for code in codes:
            new_fields[f"{name}_translation_{code}"] = forms.CharField(
                label=_("%(label)s in %(language)s")
                % {"label": label, "language": language_name(code)},
                required=False,
                initial=stored.get(code, ""),
                max_length=max_length,
                widget=forms.Textarea(attrs={"rows": widget_rows, "lang": code}),
                help_text=_("Empty it to remove this translation."),
            )
        addable = [
            (code, text) for code, text in translation_language_choices() if code not in codes
        ]
        if addable:
            new_fields[f"{name}_add_language"] = forms.ChoiceField(
                label=_("Add a translation of “%(label)s” in") % {"label": label},
                choices=[("", "—"), *addable],
                required=False,
            )
            new_fields[f"{name}_add_text"] = forms.CharField(
                label=_("Translated text"),
                required=False,
                max_length=max_length,
                widget=forms.Textarea(attrs={"rows": widget_rows}),
                help_text=_("Choose its language above. Save to add more languages."),
            )
        # Right after the original text and its language, the rest of the form after them.
        order = list(self.fields)
        anchor = f"{name}_language" if f"{name}_language" in self.fields else name
        at = order.index(anchor) + 1 if anchor in order else len(order)
        fields = dict(self.fields)
        self.fields = {
            **{key: fields[key] for key in order[:at]},
            **new_fields,
            **{key: fields[key] for key in order[at:]},
        }

    def clean(self):
        cleaned = super().clean()
        for name in self.translated_texts:
            cleaned[f"{name}_translations"] = self._clean_translations(name, cleaned)
        return cleaned

    def _clean_translations(self, name, cleaned):
        original_language = cleaned.get(f"{name}_language") or getattr(
            self.instance, f"{name}_language", DEFAULT_LANGUAGE
        )
        if f"{name}_language" in self.fields:
            cleaned[f"{name}_language"] = original_language
        translations = {}
        for code in site_languages():
            text = cleaned.get(f"{name}_translation_{code}")
            if text and text.strip():
                translations[code] = text
        code = cleaned.get(f"{name}_add_language")
        text = cleaned.get(f"{name}_add_text") or ""
        if text.strip() and not code:
            self.add_error(f"{name}_add_language", _("Choose the language of the translation."))
        elif code and not text.strip():
            self.add_error(f"{name}_add_text", _("Type the translation, or choose no language."))
        elif code and text.strip():
            translations[code] = text
        if original_language in translations:
            self.add_error(
                f"{name}_language",
                _(
                    "The text is already translated into %(language)s: choose the language "
                    "the text above is written in, or remove that translation."
                )
                % {"language": language_name(original_language)},
            )
        return translations

    def _post_clean(self):
        super()._post_clean()
        for name in self.translated_texts:
            key = f"{name}_translations"
            if key in getattr(self, "cleaned_data", {}):
                setattr(self.instance, key, self.cleaned_data[key])


def translations_fieldset(name):
    """The admin fieldset of the text `name`'s language and translations (a JSON object
    {"de": "…"}; saving sanitises it as the original)."""
    return (
        _("Translations"),
        {"fields": [f"{name}_language", f"{name}_translations"], "classes": ["collapse"]},
    )
