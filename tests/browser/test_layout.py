"""What a person sees, in Chromium at 360, 390, 768 and 1366 px on every public page: no
sideways scrolling, no text overflowing its box (nor a placeholder cut), no table cell too
narrow for its words (the week strip wrapped "10:00" as "10:0 0"), no visible honeypot, and a
visible label on every form control. Also saves screenshots of the home page, a profile, the
directory and the month calendar at 390 and 1366 px in var/screenshots/layout-*.png, for a
reviewer to look at.

Each page is loaded once; the viewport is then resized through the four widths (CSS media
queries apply without a reload): the whole walk (every public page, 4 widths) takes about
70 s on the 2-core CI machine, well under its 5-minute budget, so it is not sampled.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from eca_site import site_pages_text
from eca_site.models import SitePage
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_accessibility import PAGES, A11yPage
from tests.factories import make_event

WIDTHS = [360, 390, 768, 1366]


def _profile_with_an_event_this_week(org):
    """The seeded ECA profile (15 members) with an event in this week's strip."""
    now = timezone.now()
    make_event(
        title="Clusters matchmaking meeting",
        organiser=org,
        start=now + datetime.timedelta(hours=1),
        end=now + datetime.timedelta(hours=3),
    )
    return org.get_absolute_url()


PUBLIC = [p for p in PAGES if p.ours and p.user is None] + [
    A11yPage("profile-with-event", _profile_with_an_event_this_week)
]
SITE_PAGES = ["about", "contact", "terms", "privacy"]
SCREENSHOT_PAGES = {"home", "profile", "directory", "month-calendar"}
SCREENSHOT_WIDTHS = {390, 1366}

# A JavaScript function returning what a person would see wrong on the page as laid out now.
PROBLEMS = (Path(__file__).parent / "layout_problems.js").read_text()


def walk(page, snapshot_name=None):
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        problems = page.evaluate(PROBLEMS)
        if problems:
            found[width] = problems
        if snapshot_name and width in SCREENSHOT_WIDTHS:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            path = SCREENSHOTS / f"layout-{snapshot_name}-{width}.png"
            page.screenshot(path=path, full_page=True)
    return found


@pytest.mark.parametrize("target", PUBLIC, ids=[p.name for p in PUBLIC])
def test_page_looks_right_at_every_width(page, seeded, target):
    page.goto(target.url(seeded))
    shot = target.name if target.name in SCREENSHOT_PAGES else None
    assert walk(page, shot) == {}


@pytest.fixture
def site_pages(transactional_db):
    """The live server's tests flush the database: the migration's pages, written again."""
    for url, title, content in site_pages_text.PAGES:
        SitePage.objects.update_or_create(
            url=url, defaults={"title": title, "content": content, "version": "1"}
        )


@pytest.mark.parametrize("name", SITE_PAGES)
def test_site_page_looks_right_at_every_width(page, site_pages, name):
    page.goto(reverse(name))
    assert walk(page) == {}


def test_the_phone_menu_works_without_javascript(browser, base_url, transactional_db):
    context = browser.new_context(
        base_url=base_url, java_script_enabled=False, viewport={"width": 390, "height": 800}
    )
    phone = context.new_page()
    phone.goto(reverse("home"))
    menu = phone.locator("details.nav-menu")
    events = menu.get_by_role("link", name="Events")
    expect(phone.locator(".nav-wide")).to_be_hidden()
    expect(events).to_be_hidden()
    menu.locator(":scope > summary").click()
    expect(events).to_be_visible()
    menu.locator(":scope > summary").click()
    header = phone.locator(".site-header").bounding_box()
    assert header["height"] <= 130, f"the closed header takes {header['height']}px of 800"
    context.close()


def test_the_checks_catch_what_a_person_would_see(page):
    page.set_viewport_size({"width": 390, "height": 800})
    page.set_content(
        '<div style="width: 600px">too wide</div>'
        '<p style="width: 50px; white-space: nowrap">A sentence that does not fit</p>'
        '<table style="width: 80px"><tr><td style="overflow-wrap: anywhere">10:00 Matchmaking'
        "</td></tr></table>"
        '<label for="hp">Leave this field empty</label><input id="hp" name="homepage">'
        '<input name="unlabelled">'
        '<label>Search <input style="width: 60px" placeholder="Search clusters, sectors"></label>'
    )
    problems = " | ".join(page.evaluate(PROBLEMS))
    for expected in [
        "sideways scrolling",
        "text overflows its box",
        'cell too narrow for "Matchmaking"',
        "a honeypot is visible",
        "control without a visible label",
        'placeholder cut: "Search clusters, sectors"',
    ]:
        assert expected in problems, expected


# Issue 18: the longest words and labels of the site's languages (German compounds, Finnish and
# Hungarian cases) on the pages with the most interface text; each page once per language.
LONG_WORD_LANGUAGES = ["de", "fi", "hu"]
TRANSLATED = [p for p in PUBLIC if p.name in {"home", "directory-filtered", "profile-with-event"}]


@pytest.mark.parametrize("code", LONG_WORD_LANGUAGES)
@pytest.mark.parametrize("target", TRANSLATED, ids=[p.name for p in TRANSLATED])
def test_translated_page_looks_right_at_every_width(page, seeded, target, code):
    with translation.override(code):
        url = target.url(seeded)
    assert url.startswith(f"/{code}/")
    page.goto(url)
    assert walk(page, f"{target.name}-{code}" if target.name == "home" else None) == {}


def test_the_language_menu_works_without_javascript(browser, base_url, transactional_db):
    context = browser.new_context(
        base_url=base_url, java_script_enabled=False, viewport={"width": 360, "height": 800}
    )
    phone = context.new_page()
    phone.goto(reverse("directory:list") + "?q=energy")
    header = phone.locator(".site-header").bounding_box()
    assert header["height"] <= 130, f"the closed header takes {header['height']}px of 800"
    # on a phone the languages are in the opened menu
    phone.locator("details.nav-menu > summary").click()
    menu = phone.locator("details.nav-menu details.language-menu")
    german = menu.get_by_role("link", name="Deutsch")
    expect(german).to_be_hidden()
    menu.locator("summary").click()
    expect(german).to_be_visible()
    german.click()
    expect(phone).to_have_url(re.compile(r"/de/directory/\?q=energy$"))
    expect(phone.locator("html")).to_have_attribute("lang", "de")
    expect(phone.locator(".nav-menu .language-menu summary")).to_contain_text("Deutsch")
    context.close()
