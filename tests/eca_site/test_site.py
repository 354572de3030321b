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


def test_home_shows_events_news_and_best_practices_with_see_all_links(anon, db):
    from tests.factories import make_best_practice, make_event, make_news_item, make_organisation

    organisation = make_organisation(name="Home Cluster")
    make_event(title="Upcoming summit", organiser=organisation)
    make_news_item(title="Fresh news", organisation=organisation)
    make_best_practice(organisation, title="Shared practice")
    html = anon.get(reverse("home")).text
    for text in ["Upcoming summit", "Fresh news", "Shared practice"]:
        assert text in html
    for link in [reverse("events:list"), reverse("news:list"), reverse("news:best_practices")]:
        assert f'<p class="see-all"><a href="{link}">' in html


def test_home_sections_do_not_repeat_the_same_organisations(anon, db):
    from tests.factories import make_organisation

    make_organisation(name="Only Network", kind="network")
    make_organisation(name="Only Cluster")
    html = anon.get(reverse("home")).text
    assert html.count(">Only Network<") == 1
    assert html.count(">Only Cluster<") == 1
