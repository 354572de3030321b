"""The rich-text editor (django-prose-editor) for fields sanitised by eca_site.lib.sanitize.

The editor offers only what `sanitize_html` keeps, so nothing typed in it silently disappears
on save. Its form media carry an import map (an inline `<script type="importmap">`): the admin
renders media with `{% csp_nonce_attr media %}`, so the import map gets the request's CSP
nonce, like every other script of the page. Tiptap's base CSS, which the editor would inject
as an inline <style> (blocked by style-src 'self'), comes from a static file instead
(static/js/rich_text.js explains how).
"""

from django import forms
from django_prose_editor.widgets import AdminProseEditorWidget, ProseEditorWidget

# Each extension maps to tags in sanitize.ALLOWED_TAGS (tests/eca_site/test_rich_text.py checks
# it). No tables, images, colours, classes or alignment: the sanitiser drops those.
EXTENSIONS = {
    "Bold": True,  # <strong>
    "Italic": True,  # <em>
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},  # the profile page's <h1> is the organisation's name
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "History": True,  # undo/redo buttons, no markup
}


# Tiptap's base CSS as a static file, and the script that stops Tiptap injecting it inline.
CSP_MEDIA = forms.Media(css={"all": ["css/rich_text.css"]}, js=["js/rich_text.js"])


class RichTextWidget(ProseEditorWidget):
    @property
    def media(self):
        return CSP_MEDIA + super().media


class AdminRichTextWidget(AdminProseEditorWidget):
    @property
    def media(self):
        return CSP_MEDIA + super().media


def rich_text_widget(*, admin=False, rows=10):
    """A textarea turned into the editor by django-prose-editor's "configurable" preset."""
    widget_class = AdminRichTextWidget if admin else RichTextWidget
    return widget_class(
        config={"extensions": EXTENSIONS}, preset="configurable", attrs={"rows": rows}
    )
