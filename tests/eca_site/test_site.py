"""Site-wide invariants: one <h1> per page, skip link, health, robots."""

import re

from django.urls import reverse

from tests.site_pages import page_urls


def public_urls(seeded):
    """Every page there is (tests/site_pages.py), plus the real seed profile."""
    return [*page_urls(), seeded.get_absolute_url()]


def test_every_public_page_has_exactly_one_h1(anon, seeded):
    for url in public_urls(seeded):
        response = anon.get(url, follow=True)
        if response.status_code == 405 or not response["Content-Type"].startswith("text/html"):
            continue  # POST-only endpoints and feeds render no page
        assert response.status_code == 200, url
        assert len(re.findall(r"<h1[\s>]", response.content.decode())) == 1, url


def test_every_public_page_has_a_skip_link_to_main(anon, seeded):
    for url in public_urls(seeded):
        response = anon.get(url, follow=True)
        if response.status_code == 405 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        assert 'href="#main"' in html and 'id="main"' in html, url


def test_healthz_reports_the_database(anon, db):
    response = anon.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_robots_txt_keeps_crawlers_out_of_the_admin(anon, db):
    response = anon.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.content.decode()


def test_unknown_query_parameters_never_break_pages(anon, seeded):
    for url in public_urls(seeded):
        status = anon.get(url, {"foo": "bar", "page": "x", "q": "\x00"}, follow=True).status_code
        assert status in {200, 405}, url
