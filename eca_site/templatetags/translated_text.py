"""`{% load translated_text %}{% translated_text organisation "about" %}`: a manager's text in
the visitor's language when it exists, else the original, in an element whose `lang` says
which, with "Available in: …" links to the page in the other languages
(eca_site/lib/translated_text.py)."""

from django import template

from eca_site.lib.languages import language_name, translate_path

register = template.Library()


@register.inclusion_tag("includes/translated_text.html", takes_context=True)
def translated_text(context, obj, name, element="div", css_class="", note=True, words=None):
    """`note=False`: without the "Available in" links (cards in a list); `words`: plain text
    cut to that many words."""
    picked = obj.translated(name)
    request = context.get("request")
    path = request.get_full_path() if request is not None else ""
    links = [
        {
            "code": code,
            "name": language_name(code),
            "url": translate_path(path, code) if path else "",
        }
        for code in picked.available
    ]
    return {
        "picked": picked,
        "links": links if note else [],
        "words": words,
        "element": element,
        "css_class": css_class,
    }
