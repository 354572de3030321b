"""Site files and probes: health, robots (page invariants: test_every_page.py)."""

from django.urls import reverse

from tests.site_pages import page_urls


def test_healthz_reports_the_database(anon, db):
    response = anon.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_robots_txt_keeps_crawlers_out_of_the_admin(anon, db):
    response = anon.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.content.decode()


def test_unknown_query_parameters_never_break_pages(anon, seeded):
    for url in [*page_urls(), seeded.get_absolute_url()]:
        status = anon.get(url, {"foo": "bar", "page": "x", "q": "\x00"}, follow=True).status_code
        assert status in {200, 405}, url
