"""Rich-text sanitising with nh3 (Rust's ammonia): run on save, never at render time."""

import nh3
from django.utils.html import linebreaks

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "i", "li", "ol",
    "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(raw: str) -> str:
    """Return `raw` with every tag, attribute and URL scheme outside the allow-lists removed.

    Links get rel="noopener noreferrer nofollow"; <script>/<style> contents are dropped.
    """
    if not raw:
        return ""
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def text_as_html(text: str) -> str:
    """Plain text as safe HTML: escaped, blank lines as paragraphs. For places that only take
    HTML (RSS descriptions, Atom's `type="html"`), so a `<` typed in plain text stays a `<`."""
    return linebreaks(text or "", autoescape=True)
