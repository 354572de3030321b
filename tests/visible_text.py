"""The text of an HTML page a person sees or hears, for the language tests (issue 18)."""

import html
import re
from html.parser import HTMLParser

from django.apps import apps
from django.db import models

VISIBLE_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
SKIPPED_ELEMENTS = {"script", "style", "template"}
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class VisibleText(HTMLParser):
    """The text a person sees or hears: text nodes and a few attributes, outside scripts and
    outside any element that says it is in another language (`lang`) or not to be translated
    (`translate="no"`)."""

    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack = []  # (tag, skipped)
        self.texts = []

    @property
    def skipping(self):
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        skipped = (
            self.skipping
            or tag in SKIPPED_ELEMENTS
            or attributes.get("translate") == "no"
            or ("lang" in attributes and attributes["lang"] != self.language)
        )
        if not skipped:
            for name in VISIBLE_ATTRIBUTES:
                if attributes.get(name):
                    self.texts.append(attributes[name])
            if tag == "input" and attributes.get("type") in {"submit", "button"}:
                self.texts.append(attributes.get("value") or "")
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(data)


def user_content():
    """Every text value the database holds (names, titles, about texts, slugs, e-mail
    addresses), longest first, without markup."""
    values = set()
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                if value:
                    values.add(str(value).strip())  # as typed (a textarea shows it so)
                    text = html.unescape(re.sub(r"<[^>]+>", " ", str(value)))
                    values.update(part.strip() for part in text.split("\n") if part.strip())
    return sorted(values, key=len, reverse=True)
