"""Page weight budget and static file delivery (whitenoise: hashed, compressed, cached forever)."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse

from tests.client import Client

BUDGET_BYTES = 60 * 1024  # HTML + CSS + JS of one page, each gzip-compressed
ASSET_RE = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')


def page_urls(seeded):
    """Add a page here to hold it to the budget."""
    return {
        "home": reverse("home"),
        "directory": reverse("directory:list"),
        "profile": seeded.get_absolute_url(),
    }


def gzipped_size(data):
    return len(gzip.compress(data, compresslevel=9))


def static_file(url):
    path = finders.find(url.removeprefix("/static/"))
    assert path, f"{url} is not a static file"
    with open(path, "rb") as f:
        return f.read()


def test_html_css_and_js_of_key_pages_stay_under_60_kb_compressed(anon, seeded):
    for name, url in page_urls(seeded).items():
        html = anon.get(url).content
        assets = ASSET_RE.findall(html.decode())
        assert assets, f"{name}: no stylesheet found, the budget would be meaningless"
        total = gzipped_size(html) + sum(gzipped_size(static_file(a)) for a in assets)

        assert total < BUDGET_BYTES, f"{name} weighs {total} bytes compressed"


@pytest.fixture
def collected_static(settings, tmp_path):
    """collectstatic with the production storage into a temporary STATIC_ROOT."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", "--ignore=admin", verbosity=0)
    return Client()  # a new client loads WhiteNoise on the new STATIC_ROOT


def test_pages_link_hashed_static_files(collected_static, seeded):
    html = collected_static.get(reverse("home")).content.decode()

    assert re.search(r'href="/static/css/site\.[0-9a-f]{12}\.css"', html)


def test_hashed_static_files_are_compressed_and_cached_for_a_year_or_more(collected_static, seeded):
    html = collected_static.get(reverse("home")).content.decode()
    css_url = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)[1]

    response = collected_static.get(css_url, headers={"Accept-Encoding": "gzip"})

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    cache_control = response["Cache-Control"]
    assert "immutable" in cache_control
    assert int(re.search(r"max-age=(\d+)", cache_control)[1]) >= 365 * 24 * 3600
    response.close()
