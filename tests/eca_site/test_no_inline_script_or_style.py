"""The strict CSP holds: no rendered page has an inline <script> (JSON-LD data blocks aside)
or a `style=` attribute, and every script comes from this site. Walks every URL it can list:
the URL patterns without arguments, a profile, and every admin page of every registered model."""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import make_contact, make_organisation
from tests.site_pages import page_urls

DATA_BLOCK_TYPES = {"application/ld+json", "application/json"}


class InlineCodeFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.problems.append(f"style= on <{tag}>")
        if any(name.startswith("on") for name in attrs):
            self.problems.append(f"event handler attribute on <{tag}>")
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script":
            if attrs.get("src"):
                if not attrs["src"].startswith("/"):
                    self.problems.append(f"script from elsewhere: {attrs['src']}")
            elif attrs.get("type") not in DATA_BLOCK_TYPES:
                self.problems.append("inline <script>")


def inline_code(html):
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.problems


def admin_urls(organisation):
    urls = [reverse("admin:index"), reverse("admin:password_change")]
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        # django-axes' logs are read-only: their admin overrides has_add_permission.
        if model_admin.has_add_permission.__func__ is admin.ModelAdmin.has_add_permission:
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    prefix = "admin:directory_organisation"
    urls += [
        reverse(f"{prefix}_change", args=[organisation.pk]),
        reverse(f"{prefix}_history", args=[organisation.pk]),
        reverse(f"{prefix}_delete", args=[organisation.pk]),
    ]
    return urls


def test_the_finder_catches_inline_code_and_allows_data_blocks():
    assert inline_code('<script>alert(1)</script><p style="x" onclick="y">') == [
        "inline <script>",
        "style= on <p>",
        "event handler attribute on <p>",
    ]
    assert inline_code('<script type="application/ld+json">{}</script>') == []
    assert inline_code('<script src="/static/js/a.js"></script>') == []


@pytest.mark.django_db
def test_no_public_page_has_inline_script_or_style(anon):
    urls = page_urls()
    assert reverse("home") in urls and reverse("directory:list") in urls
    for url in urls:
        response = anon.get(url, follow=True)
        if response.status_code == 405:  # POST-only endpoints (logout) render no page
            continue
        assert response.status_code == 200, url
        assert inline_code(response.text) == [], url


@pytest.mark.django_db
def test_error_pages_have_no_inline_script_or_style(anon):
    response = anon.get("/no-such-page/")
    assert response.status_code == 404
    assert inline_code(response.text) == []


@pytest.mark.django_db
def test_every_admin_page_loads_its_scripts_from_static_files(staff_client):
    organisation = make_organisation()
    make_contact(organisation)
    for url in admin_urls(organisation):
        response = staff_client.get(url)
        assert response.status_code == 200, url
        problems = [p for p in inline_code(response.text) if "style=" not in p]
        assert problems == [], url


@pytest.mark.django_db
def test_admin_pages_have_no_style_attributes_except_simple_historys_pager(staff_client):
    """django-simple-history's history list has one cosmetic `style="border-top: 0"`; the CSP
    drops it (the page still works)."""
    organisation = make_organisation()
    for url in admin_urls(organisation):
        response = staff_client.get(url)
        styles = [p for p in inline_code(response.text) if "style=" in p]
        if url.endswith("/history/"):
            assert styles in ([], ["style= on <p>"]), url
        else:
            assert styles == [], url
