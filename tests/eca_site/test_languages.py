"""The site in 15 languages: addresses per language, the switcher, alternates, caches (issue 18).

English keeps every existing address (no prefix); every other language is prefixed (/de/…).
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.cache import caches
from django.urls import reverse
from django.utils import translation

from tests.conftest import logged_in
from tests.factories import make_organisation

LANGUAGE_CODES = [code for code, _ in settings.LANGUAGES]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def html_lang(response):
    return re.search(r'<html lang="([^"]+)">', response.text)[1]


def test_the_site_has_english_and_the_fourteen_languages_of_ecas_members():
    assert LANGUAGE_CODES[0] == settings.LANGUAGE_CODE == "en"
    assert sorted(LANGUAGE_CODES[1:]) == sorted(
        ["bg", "cs", "nl", "fi", "fr", "de", "hu", "lv", "lt", "pl", "pt", "ro", "sk", "es"]
    )


@pytest.mark.django_db
def test_english_addresses_stay_unprefixed_and_every_other_language_is_prefixed(anon):
    assert reverse("directory:list") == "/directory/"
    with translation.override("fr"):
        assert reverse("directory:list") == "/fr/directory/"
        assert reverse("events:month", args=[2026, 12]) == "/fr/events/calendar/2026/12/"
    assert html_lang(anon.get("/directory/")) == "en"
    for code in LANGUAGE_CODES[1:]:
        response = anon.get(f"/{code}/directory/")
        assert response.status_code == 200, code
        assert html_lang(response) == code


@pytest.mark.django_db
def test_machine_files_and_the_admin_keep_one_address(anon):
    assert anon.get("/de/robots.txt").status_code == 404
    assert anon.get("/robots.txt").status_code == 200
    with translation.override("de"):
        assert reverse("admin:index") == "/admin/"
        assert reverse("sitemap") == "/sitemap.xml"


@pytest.mark.django_db
def test_accept_language_german_on_the_home_page_shows_german_with_a_link_back(anon):
    response = anon.get("/", headers={"accept-language": "de-DE,de;q=0.9,en;q=0.5"})
    assert response.status_code == 302
    assert response["Location"] == "/de/"
    response = anon.get("/de/")
    assert html_lang(response) == "de"
    switch_to_english = f"{reverse('set_language')}?language=en&amp;next=%2Fde%2F"
    assert f'href="{switch_to_english}" hreflang="en" lang="en"' in response.text


@pytest.mark.django_db
def test_the_switcher_keeps_the_page_and_its_query_and_remembers_the_choice(anon):
    next_url = "/directory/?country=PL&q=energy"
    response = anon.get(reverse("set_language"), {"language": "pl", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/pl/directory/?country=PL&q=energy"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pl"

    # back to English from the Polish page: the cookie now says English, so an unprefixed
    # address is English even for a browser that prefers German
    response = anon.get(
        reverse("set_language"), {"language": "en", "next": "/pl/directory/?country=PL"}
    )
    assert response["Location"] == "/directory/?country=PL"
    assert anon.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    response = anon.get("/directory/", headers={"accept-language": "de"})
    assert response.status_code == 200
    assert html_lang(response) == "en"


@pytest.mark.django_db
def test_the_cookie_of_a_chosen_language_leads_an_unprefixed_address_to_it(anon):
    anon.cookies[settings.LANGUAGE_COOKIE_NAME] = "fi"
    response = anon.get("/events/")
    assert response.status_code == 302
    assert response["Location"] == "/fi/events/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"language": "xx", "next": "/directory/"},
        {"language": "de", "next": "https://evil.example/"},
        {"language": "de", "next": "//evil.example/"},
        {"language": "de"},
        {"language": "de", "next": "/no-such-page/"},
        {},
    ],
)
def test_the_switcher_never_leaves_the_site_nor_fails(anon, params):
    response = anon.get(reverse("set_language"), params)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/") and not location.startswith("//")
    if params.get("language") == "xx":
        assert location == "/directory/"
        assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.django_db
def test_every_page_names_its_versions_in_the_other_languages(anon):
    organisation = make_organisation(name="Alternates Cluster")
    response = anon.get(organisation.get_absolute_url() + "?tab=x")
    alternates = dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.text)
    )
    assert set(alternates) == {*LANGUAGE_CODES, "x-default"}
    path = organisation.get_absolute_url()
    assert alternates["en"] == alternates["x-default"] == f"http://testserver{path}?tab=x"
    assert alternates["lt"] == f"http://testserver/lt{path}?tab=x"


@pytest.mark.django_db
def test_the_sitemap_lists_each_page_in_every_language_with_alternates(anon):
    organisation = make_organisation(name="Sitemap Cluster")
    text = anon.get(reverse("sitemap")).text
    path = organisation.get_absolute_url()
    for code in LANGUAGE_CODES[1:]:
        assert f"<loc>http://testserver/{code}{path}</loc>" in text
    assert f"<loc>http://testserver{path}</loc>" in text
    assert f'<xhtml:link rel="alternate" hreflang="ro" href="http://testserver/ro{path}"/>' in text
    assert f'hreflang="x-default" href="http://testserver{path}"' in text
    assert "<loc>http://testserver/de/terms/</loc>" in text


@pytest.mark.django_db
def test_the_page_cache_keeps_one_page_per_language(anon, page_cache):
    make_organisation(name="Cache Cluster")
    assert anon.get("/de/directory/")["X-Page-Cache"] == "miss"
    english = anon.get("/directory/")
    assert english["X-Page-Cache"] == "miss"
    assert html_lang(english) == "en"
    assert html_lang(anon.get("/de/directory/")) == "de"
    assert anon.get("/directory/")["X-Page-Cache"] == "hit"
    # an unprefixed address in the cache is not served to a browser that prefers German
    response = anon.get("/directory/", headers={"accept-language": "de"})
    assert response.status_code == 302
    assert response["Location"] == "/de/directory/"


@pytest.mark.django_db
def test_month_and_day_names_follow_the_language(anon):
    response = anon.get("/de/events/calendar/2026/12/")
    assert response.status_code == 200
    assert "Dezember 2026" in response.text
    response = anon.get("/events/calendar/2026/12/")
    assert "December 2026" in response.text
    assert "Dezember" not in response.text


@pytest.mark.django_db
def test_the_switch_links_say_where_they_lead(anon):
    response = anon.get("/events/?q=x")
    links = re.findall(r'<a href="(/language/\?[^"]+)" hreflang="([a-z]+)"', response.text)
    # the header's menu, and the same list inside the phone's "Menu"
    assert [code for _, code in links] == LANGUAGE_CODES * 2
    for href, code in links:
        query = parse_qs(urlsplit(href.replace("&amp;", "&")).query)
        assert query == {"language": [code], "next": ["/events/?q=x"]}


@pytest.mark.django_db
def test_the_admin_and_unknown_addresses_answer_in_the_preferred_language(anon):
    response = anon.get("/admin/login/", headers={"accept-language": "fr"})
    assert response.status_code == 200
    assert '<html lang="fr"' in response.text
    response = anon.get("/no-such-page/", headers={"accept-language": "de"})
    assert response.status_code == 404
    assert html_lang(response) == "de"


@pytest.mark.django_db
def test_a_form_posted_to_an_english_page_is_not_redirected(anon):
    response = anon.post(reverse("subscriptions:subscribe"), {}, headers={"accept-language": "de"})
    assert response.status_code in {200, 400, 403}


@pytest.mark.django_db
def test_open_data_is_the_same_file_in_every_language(anon):
    make_organisation(name="Open Data Cluster", country="DE")  # "Deutschland" in German
    english = anon.get("/directory/export.csv")
    german = anon.get("/de/directory/export.csv")
    assert german.status_code == 200
    assert b"".join(german.streaming_content) == b"".join(english.streaming_content)


@pytest.mark.django_db
def test_the_review_buttons_show_in_the_staff_members_language(staff_user):
    """They follow the "Review" fieldset, whose name is translated: compared in English only,
    they vanished from the admin in every other language."""
    organisation = make_organisation(name="Review Cluster", status="needs_review")
    client = logged_in(staff_user)
    url = reverse("admin:directory_organisation_change", args=[organisation.pk])
    for language in ("en", "de"):
        response = client.get(url, headers={"accept-language": language})
        assert response.status_code == 200
        assert f'<html lang="{language}"' in response.text
        assert 'name="_publish"' in response.text, language


def test_a_label_inside_a_sentence_keeps_the_capital_of_a_german_noun():
    from eca_site.lib.languages import in_sentence

    with translation.override("de"):
        assert in_sentence("Veranstaltungen") == "Veranstaltungen"
    with translation.override("pl"):
        assert in_sentence("Wydarzenia") == "wydarzenia"
    assert in_sentence("Needs review") == "needs review"
    assert in_sentence("Calls of the EU") == "calls of the EU"  # only the first letter
