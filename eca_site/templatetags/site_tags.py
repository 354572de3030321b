"""Template tags every template may use: `{% load site_tags %}`."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeData, mark_safe

from directory.search import highlight
from eca_site.lib.languages import in_sentence, language_links

register = template.Library()

# The characters json_script escapes, so the data can never close its <script> element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """`data` (a dict) as a schema.org JSON-LD block: a data block browsers never execute, so
    it needs no CSP nonce. Empty data gives nothing."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.filter
def snippet_for(snippet, q):
    """A search result's snippet: marked HTML as given, plain text cut to the words around the
    first match of `q`, with the matches marked (news and events gave the start of a text,
    cut mid-word)."""
    if not snippet or isinstance(snippet, SafeData):
        return snippet
    return highlight(str(snippet), q or "")


@register.simple_tag(takes_context=True)
def page_languages(context):
    """`{% page_languages as languages %}`: this page in every language of the site
    (eca_site.lib.languages.LanguageLink), for the switcher and the hreflang alternates."""
    request = context.get("request")
    return language_links(request) if request is not None else []


@register.filter(name="in_sentence")
def in_sentence_filter(text):
    """`{{ status|in_sentence }}`: a label as a word inside a sentence (lower-case first letter,
    but German nouns keep their capital): eca_site.lib.languages.in_sentence."""
    return in_sentence(text)
