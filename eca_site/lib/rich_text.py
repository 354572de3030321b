"""The rich-text editor (django-prose-editor) for fields sanitised by eca_site.lib.sanitize.

The editor offers only what `sanitize_html` keeps, so nothing typed in it silently disappears
on save. Its form media carry an import map (an inline `<script type="importmap">`): the admin
renders media with `{% csp_nonce_attr media %}`, so the import map gets the request's CSP
nonce, like every other script of the page.
"""

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


def rich_text_widget(*, admin=False, rows=10):
    """A textarea turned into the editor by django-prose-editor's "configurable" preset."""
    widget_class = AdminProseEditorWidget if admin else ProseEditorWidget
    return widget_class(
        config={"extensions": EXTENSIONS}, preset="configurable", attrs={"rows": rows}
    )
