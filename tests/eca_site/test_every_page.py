"""Invariants of every page, in one walk: one <h1>, a skip link to the main content, and no
inline code (the strict CSP holds: no inline <script> but JSON-LD data blocks, no `style=`,
no event-handler attributes, scripts only from this site) — for visitors, for a signed-in
manager, in the admin, and on error pages."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import make_contact, make_organisation
from tests.site_pages import page_urls, signed_in_page_urls

DATA_BLOCK_TYPES = {"application/ld+json", "application/json"}


class InlineCodeFinder(HTMLParser):
    def __init__(self, nonce=None):
        super().__init__()
        self.problems = []
        self.nonce = nonce

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
            elif attrs.get("type") not in DATA_BLOCK_TYPES and not self._nonced(attrs):
                self.problems.append("inline <script>")

    def _nonced(self, attrs):
        """An import map carrying the page's CSP nonce (django-prose-editor's, in the admin)."""
        return (
            bool(self.nonce)
            and attrs.get("type") == "importmap"
            and attrs.get("nonce") == self.nonce
        )


def page_nonce(response):
    """The nonce of the response's Content-Security-Policy header ("" without one)."""
    match = re.search(r"'nonce-([^']+)'", response.get("Content-Security-Policy", ""))
    return match.group(1) if match else ""


def inline_code(html, nonce=None):
    """Inline code in `html`; with `nonce`, an import map carrying exactly that nonce passes."""
    finder = InlineCodeFinder(nonce)
    finder.feed(html)
    return finder.problems


def check_page(client, url):
    response = client.get(url, follow=True)
    if response.status_code == 405 or not response["Content-Type"].startswith("text/html"):
        return  # POST-only endpoints and feeds render no page
    assert response.status_code == 200, url
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1, url
    assert 'href="#main"' in html and 'id="main"' in html, url
    assert inline_code(html) == [], (url, inline_code(html))


def test_the_finder_catches_inline_code_and_allows_data_blocks():
    assert inline_code('<script>alert(1)</script><p style="x" onclick="y">') == [
        "inline <script>",
        "style= on <p>",
        "event handler attribute on <p>",
    ]
    assert inline_code('<script type="application/ld+json">{}</script>') == []
    assert inline_code('<script src="/static/js/a.js"></script>') == []
    importmap = '<script type="importmap" nonce="abc">{}</script>'
    assert inline_code(importmap, nonce="abc") == []
    assert inline_code(importmap) == ["inline <script>"]  # public pages: none at all
    assert inline_code(importmap, nonce="other") == ["inline <script>"]
    assert inline_code('<script type="importmap">{}</script>', nonce="abc") == ["inline <script>"]
    assert inline_code('<script nonce="abc">alert(1)</script>', nonce="abc") == ["inline <script>"]


def test_every_public_page(anon, seeded):
    urls = [*page_urls(), seeded.get_absolute_url()]
    assert reverse("home") in urls and reverse("directory:list") in urls
    for url in urls:
        check_page(anon, url)


def test_every_page_of_the_signed_in_area(manager_client, manager_user):
    for url in [*signed_in_page_urls(manager_user), *page_urls()]:
        check_page(manager_client, url)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status"),
    [("/no-such-page/", 404), (reverse("accounts:verify", args=["bad-token"]), 400)],
)
def test_error_pages(anon, url, status):
    response = anon.get(url)
    assert response.status_code == status
    assert inline_code(response.text) == []
    assert len(re.findall(r"<h1[\s>]", response.text)) == 1


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
        reverse(f"{prefix}_import"),
        reverse(f"{prefix}_quality"),
    ]
    return urls


@pytest.mark.django_db
def test_every_admin_page_loads_its_scripts_from_static_files(staff_client):
    """django-simple-history's history list has one cosmetic `style="border-top: 0"`; the CSP
    drops it (the page still works). Nothing else inline anywhere in the admin, but the about
    text editor's import map, which carries the page's CSP nonce."""
    organisation = make_organisation()
    make_contact(organisation)
    for url in admin_urls(organisation):
        response = staff_client.get(url)
        assert response.status_code == 200, url
        problems = inline_code(response.text, nonce=page_nonce(response))
        if url.endswith("/history/"):
            problems = [p for p in problems if p != "style= on <p>"]
        assert problems == [], url
