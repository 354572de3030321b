"""The site-wide public paths are pinned: load balancers, crawlers and scanners use them."""

from django.urls import reverse


def test_public_paths_are_stable():
    assert reverse("home") == "/"
    assert reverse("admin:index") == "/admin/"


def test_site_wide_paths():
    assert reverse("healthz") == "/healthz"
    assert reverse("robots_txt") == "/robots.txt"
    assert reverse("security_txt") == "/.well-known/security.txt"
    assert reverse("sitemap") == "/sitemap.xml"
    assert reverse("favicon") == "/favicon.ico"


def test_directory_paths_are_stable():
    assert reverse("directory:list") == "/directory/"
    assert reverse("directory:profile", args=["go-cluster"]) == "/directory/go-cluster/"
