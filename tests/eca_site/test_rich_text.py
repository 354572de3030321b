"""Issue 15: the about text is edited with django-prose-editor, which offers only what our
sanitiser keeps, and whose import map carries the page's CSP nonce."""

import re
import warnings

import pytest
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from eca_site.lib.rich_text import EXTENSIONS
from eca_site.lib.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES
from tests.directory.test_history import edit_in_admin
from tests.eca_site.test_every_page import page_nonce
from tests.factories import make_organisation

# The editor writes <ol start="3"> only for a list that does not start at 1 (the sanitiser
# drops the attribute: the list then starts at 1); the sanitiser sets rel= on every link itself.
pytestmark = pytest.mark.django_db

TOLERATED_ATTRIBUTES = {"ol": {"start", "type", "data-type"}, "a": {"rel"}}


def test_the_editor_offers_only_what_the_sanitiser_keeps():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. a list without ListItem
        allowlist = allowlist_from_extensions(expand_extensions(EXTENSIONS))
    assert allowlist["tags"] <= ALLOWED_TAGS
    for tag, attributes in allowlist["attributes"].items():
        kept = ALLOWED_ATTRIBUTES.get(tag, set()) | TOLERATED_ATTRIBUTES.get(tag, set())
        assert attributes <= kept, tag
    assert allowlist["url_schemes"] <= ALLOWED_URL_SCHEMES


def test_the_admin_change_page_loads_the_editor_with_a_nonced_import_map(staff_client):
    organisation = make_organisation()
    response = staff_client.get(
        reverse("admin:directory_organisation_change", args=[organisation.pk])
    )
    nonce = page_nonce(response)
    assert nonce
    importmaps = re.findall(r'<script type="importmap"([^>]*)>', response.text)
    assert importmaps == [f' nonce="{nonce}"']
    assert "data-django-prose-editor-configurable=" in response.text
    assert 'src="/static/django_prose_editor/configurable.js"' in response.text


def test_saving_from_the_admin_stores_what_the_sanitiser_keeps(staff_client):
    organisation = make_organisation()
    about = (
        '<p>We <strong>connect</strong> <span class="x">firms</span></p>'
        '<script>alert(1)</script><p><a href="javascript:alert(1)">x</a></p>'
    )
    edit_in_admin(staff_client, organisation, about=about)
    organisation.refresh_from_db()
    assert organisation.about == about  # as typed, for the next edit
    assert organisation.about_html == (
        '<p>We <strong>connect</strong> firms</p><p><a rel="noopener noreferrer nofollow">x</a></p>'
    )
