"""What visitors, cluster managers and staff do, in a real browser."""

import datetime
import re

import icalendar
from django.core import mail
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from playwright.sync_api import expect

from directory.models import Term, Vocabulary
from news.models import BestPractice
from news.services import submit as submit_best_practice
from tests.factories import at, make_best_practice, make_event, make_organisation, make_term
from tests.news.files import pdf_bytes

MAIN_MENU = "nav[aria-label='Main']"


def test_visitor_opens_the_directory_and_then_a_profile(page, seeded, snapshot):
    page.goto("/")
    page.locator(MAIN_MENU).get_by_role("link", name="Directory").click()

    expect(page).to_have_url(re.compile(r"/directory/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cluster directory")
    snapshot("directory")

    page.get_by_role("main").get_by_role("link", name=seeded.name, exact=True).click()

    expect(page).to_have_url(re.compile(re.escape(seeded.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(seeded.name)
    expect(page).to_have_title(re.compile(re.escape(seeded.name)))
    snapshot("profile")


def test_keyboard_user_reaches_the_main_content_with_the_skip_link(page, seeded, snapshot):
    page.goto("/directory/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    snapshot("skip-link-focused")

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("#main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


FOCUSED_ELEMENT = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName,
    inMenu: el.closest("nav[aria-label='Main']") !== null,
    text: el.textContent.trim(),
    focusVisible: el.matches(":focus-visible"),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
  };
}"""


def test_keyboard_focus_is_visible_on_every_main_menu_link(page, seeded, snapshot):
    page.goto("/")
    menu_stops = []
    for _ in range(15):  # skip link, brand, then the menu: well under 15 stops
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_ELEMENT)
        if focused["inMenu"]:
            menu_stops.append(focused)
            snapshot(f"menu-focus-{len(menu_stops)}")
        elif menu_stops:
            break

    assert "Directory" in [stop["text"] for stop in menu_stops]
    for stop in menu_stops:
        assert stop["focusVisible"], stop
        assert stop["outlineStyle"] != "none" and stop["outlineWidth"] >= 2, stop


def test_staff_edit_in_the_admin_shows_at_once_to_anonymous_visitors(
    page, browser, base_url, seeded, staff_user, settings, snapshot
):
    """With the anonymous page cache on, as in production."""
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    visitor = browser.new_page(base_url=base_url)  # a second browser context: anonymous
    visitor.goto(seeded.get_absolute_url())
    visitor.goto(seeded.get_absolute_url())  # now served from the cache
    expect(visitor.get_by_role("heading", level=1)).to_have_text(seeded.name)

    page.goto(reverse("admin:directory_organisation_change", args=[seeded.pk]))
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill("staff-password-1")
    page.get_by_role("button", name="Log in").click()
    page.locator("#id_name").fill("European Clusters Alliance (renamed)")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    visitor.goto(seeded.get_absolute_url())
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "European Clusters Alliance (renamed)"
    )
    snapshot("admin-after-save")
    visitor.close()
    caches["pages"].clear()


def _hydrogen_clusters():
    """Two German clusters and a Swedish one; only one is German *and* in hydrogen."""
    hydrogen = make_term(name="Hydrogen economy", slug="hydrogen-economy")
    target = make_organisation(name="Rhine Hydrogen Cluster", country="DE")
    target.terms.add(hydrogen)
    make_organisation(name="Bavarian Textile Cluster", country="DE")
    make_organisation(name="Nordic Hydrogen Cluster", country="SE").terms.add(hydrogen)
    return target


def _facet_summary(facets, label):
    """A facet's <summary>: what a visitor clicks to open or close it."""
    return facets.locator("summary").filter(has_text=re.compile(f"^{re.escape(str(label))}$"))


def _result_count(page):
    text = page.locator("#results-heading").inner_text()
    return int(re.match(r"\d+", text).group())


def test_visitor_finds_a_cluster_by_facet_and_opens_its_profile(page, seeded, snapshot):
    target = _hydrogen_clusters()
    page.goto(reverse("directory:list"))
    everything = _result_count(page)
    assert everything >= 3

    facets = page.get_by_role("complementary")
    _facet_summary(facets, "Country").click()  # opens the <details>
    facets.get_by_label("Germany").check()
    _facet_summary(facets, Vocabulary.SECTORAL_INDUSTRY.label).click()
    facets.get_by_label("Hydrogen economy").check()
    snapshot("facets-ticked")
    facets.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"country=DE.*sectoral_industry=hydrogen-economy"))
    expect(page.locator("#results-heading")).to_have_text("1 profile")
    active = page.get_by_role("list", name="Active filters")
    expect(active.get_by_role("link")).to_have_count(2)
    results = page.get_by_role("region", name="1 profile")
    expect(results.get_by_role("link", name="Bavarian Textile Cluster")).to_have_count(0)
    expect(results.get_by_role("link", name="Nordic Hydrogen Cluster")).to_have_count(0)
    expect(facets.get_by_label("Germany")).to_be_checked()  # the panel keeps the choice
    snapshot("filtered")

    results.get_by_role("link", name=target.name, exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(target.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(target.name)


def test_visitor_searches_and_opens_a_result(page, seeded, snapshot):
    target = _hydrogen_clusters()
    page.goto("/")

    # The header's site search, then /search/.
    page.get_by_role("search", name="Site search").get_by_label("Search the site").fill("Rhine")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=Rhine$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(page.get_by_label("Search cluster profiles", exact=False)).to_have_value("Rhine")
    snapshot("site-search")
    page.get_by_role("main").get_by_role("link", name=target.name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(target.name)

    # The directory's own search box.
    page.locator(MAIN_MENU).get_by_role("link", name="Directory").click()
    everything = _result_count(page)
    directory_search = page.get_by_role("search", name="Search profiles")
    directory_search.get_by_label("Search profiles").fill("hydrogen")
    directory_search.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/directory/\?q=hydrogen$"))
    expect(page.locator("#results-heading")).to_have_text("2 profiles for “hydrogen”")
    assert _result_count(page) < everything
    snapshot("directory-search")

    page.get_by_role("main").get_by_role("link", name=target.name, exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(target.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(target.name)


def _focus_stop(page):
    return page.evaluate(FOCUSED_ELEMENT)


def _tab_until(page, matches, limit=120):
    """Press Tab until matches(stop); every stop on the way must show a visible focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = _focus_stop(page)
        assert stop["focusVisible"], stop
        assert stop["outlineStyle"] != "none" and stop["outlineWidth"] >= 2, stop
        if matches(stop):
            return stop
    raise AssertionError(f"not reached within {limit} Tab presses")


def test_keyboard_user_operates_the_filters(page, seeded, snapshot):
    _hydrogen_clusters()
    page.goto("/")

    # Through the main menu to the directory.
    _tab_until(page, lambda stop: stop["inMenu"] and stop["text"] == "Directory")
    snapshot("menu-directory-focused")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/directory/$"))

    # The results offer a shortcut to the filters: follow it, then Tab into the panel.
    _tab_until(page, lambda stop: stop["text"] == "Filter these results")
    expect(page.get_by_role("link", name="Filter these results")).to_be_visible()  # on focus
    snapshot("filter-shortcut-focused")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#facets-heading$"))
    _tab_until(page, lambda stop: stop["tag"] == "SUMMARY" and stop["text"] == "Country")
    page.keyboard.press("Enter")  # opens the country facet
    germany = page.get_by_role("complementary").get_by_label("Germany")
    _tab_until(page, lambda stop: germany.evaluate("el => el === document.activeElement"))
    page.keyboard.press("Space")
    expect(germany).to_be_checked()
    snapshot("germany-ticked")

    _tab_until(page, lambda stop: stop["tag"] == "BUTTON" and stop["text"] == "Apply filters")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"country=DE"))
    expect(page.get_by_role("list", name="Active filters")).to_contain_text("Germany")
    expect(
        page.get_by_role("main").get_by_role("link", name="Rhine Hydrogen Cluster")
    ).to_be_visible()
    expect(
        page.get_by_role("main").get_by_role("link", name="Nordic Hydrogen Cluster")
    ).to_have_count(0)
    snapshot("filtered")


def test_visitor_navigates_the_calendar_and_downloads_an_ics(page, seeded, snapshot):
    today = timezone.localdate()
    next_month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    day = next_month + datetime.timedelta(days=9)
    event = make_event(
        title="Hydrogen valleys matchmaking",
        organiser=seeded,
        start=at(day.year, day.month, day.day, 10),
        end=at(day.year, day.month, day.day, 16),
    )
    page.goto(reverse("events:list"))
    page.get_by_role("navigation", name="Events views").get_by_role("link", name="Month").click()
    month_name = today.strftime("%B %Y")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Events in {month_name}")

    page.get_by_role("navigation", name="Other months").get_by_role(
        "link", name=next_month.strftime("%B %Y")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Events in {next_month.strftime('%B %Y')}"
    )
    grid = page.get_by_role("table")
    expect(grid.get_by_role("link", name=re.compile(event.title))).to_be_visible()
    snapshot("next-month")

    iso_year, iso_week, _ = day.isocalendar()
    grid.get_by_role("link", name=f"Week {iso_week}", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/events/calendar/{iso_year}/week/{iso_week:02d}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"week {iso_week} of {iso_year}")
    page.get_by_role("table").get_by_role("link", name=re.compile(event.title)).click()
    snapshot("week")

    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(download.path().read_bytes())
    events = calendar.walk("VEVENT")
    assert [str(vevent["SUMMARY"]) for vevent in events] == [event.title]
    assert events[0].decoded("DTSTART") == event.start


def test_manager_logs_in_and_submits_a_best_practice(page, manager_user, snapshot):
    organisation = make_organisation(name="Alpha Cluster")
    organisation.managers.add(manager_user)
    page.goto(reverse("accounts:login"))
    page.get_by_label("E-mail address").fill("manager@example.org")
    page.get_by_label("Password").fill("pw-manager-1")
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(re.compile(r"/my/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My dashboard")
    page.get_by_role("link", name="Submit a best practice").click()

    form = page.get_by_role("main")
    expect(form.get_by_label("Organisation")).to_have_value(str(organisation.pk))
    form.get_by_label("Title").fill("One back office for five clusters")
    form.get_by_role("textbox", name="Summary").fill(
        "Sharing accounting and HR cut costs by a third."
    )
    form.get_by_label("Description").fill("<p>We pooled <strong>back-office</strong> staff.</p>")
    form.get_by_label("The results").fill("<p>Costs down 33%.</p>")
    form.get_by_label("Attachment").first.set_input_files(
        {"name": "evidence.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    snapshot("form")
    form.get_by_role("button", name="Save and preview").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("One back office for five clusters")
    expect(page.get_by_role("region", name="Status and actions")).to_contain_text("Draft")
    expect(page.get_by_role("link", name=re.compile(r"evidence\.pdf"))).to_be_visible()
    snapshot("preview")
    page.get_by_role("button", name="Submit for review").click()

    expect(page).to_have_url(re.compile(r"/my/$"))
    expect(page.locator(".messages")).to_contain_text("is submitted")
    submitted = page.get_by_role("table", name=re.compile(r"^Submitted for review"))
    expect(submitted.get_by_role("link", name="One back office for five clusters")).to_be_visible()
    snapshot("dashboard")
    best_practice = BestPractice.objects.get()
    assert best_practice.status == BestPractice.Status.NEEDS_REVIEW
    assert [a.original_filename for a in best_practice.attachments.all()] == ["evidence.pdf"]


def test_staff_moderates_a_submitted_best_practice_in_the_admin(
    page, browser, base_url, manager_user, staff_user, snapshot
):
    organisation = make_organisation(name="Alpha Cluster")
    organisation.managers.add(manager_user)
    best_practice = make_best_practice(
        organisation,
        title="One back office for five clusters",
        status=BestPractice.Status.DRAFT,
        submitted_by=manager_user,
    )
    submit_best_practice(best_practice, manager_user)
    mail.outbox.clear()

    page.goto(reverse("admin:index"))
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill("staff-password-1")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Best practices", exact=True).click()

    # The list opens on the moderation queue.
    expect(page.get_by_role("link", name="Awaiting review")).to_be_visible()
    row = page.get_by_role("row", name=re.compile(best_practice.title))
    row.get_by_role("checkbox").check()
    page.get_by_role("combobox", name=re.compile(r"^Action")).select_option(
        label="Publish selected best practices"
    )
    page.get_by_role("button", name="Run").click()

    page.get_by_label("Comment (optional)").fill("Great example, thanks!")
    snapshot("moderation-comment")
    page.get_by_role("button", name="Confirm: published").click()
    expect(page.locator(".messagelist")).to_contain_text("1 best practice published")
    assert "Great example, thanks!" in mail.outbox[-1].body
    assert mail.outbox[-1].to == [manager_user.email]

    visitor = browser.new_page(base_url=base_url)  # anonymous
    visitor.goto(organisation.get_absolute_url())
    visitor.get_by_role("link", name=best_practice.title).first.click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(best_practice.title)
    visitor.goto(reverse("news:best_practices"))
    expect(
        visitor.get_by_role("main").get_by_role("link", name=best_practice.title)
    ).to_be_visible()
    visitor.close()
    snapshot("admin-after-publish")


def test_visitor_signs_up_verifies_and_registers_a_profile_for_review(page, seeded, snapshot):
    sector = make_term(name="Hydrogen economy", slug="hydrogen-economy")
    make_organisation(name="Rhine Hydrogen Valley", country="DE")
    mail.outbox.clear()
    page.goto("/")
    page.locator(MAIN_MENU).get_by_role("link", name="Sign up").click()

    page.get_by_label("Your name").fill("Greta Example")
    page.get_by_label("E-mail address").fill("greta@rhine-hydrogen.example.eu")
    page.get_by_label(re.compile(r"^Password:?$")).fill("A-long-pass-phrase-1")
    page.get_by_label("Password again").fill("A-long-pass-phrase-1")
    page.get_by_label("I accept the terms of use").check()
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/done/$"))

    # The live server runs in this process: its locmem e-mails land in mail.outbox.
    [message] = [m for m in mail.outbox if m.to == ["greta@rhine-hydrogen.example.eu"]]
    link = re.search(r"https?://\S+(/accounts/verify/\S+/)", message.body).group(1)
    page.goto(link)
    expect(page.locator(".messages")).to_contain_text("your e-mail address is confirmed")

    page.goto(reverse("my:organisation_new"))
    page.get_by_label("Cluster organisation").check()
    page.get_by_label("Name").fill("Rhine Hydrogen Cluster")
    page.get_by_label("Country").select_option(label="Germany")
    page.get_by_label("Website").fill("https://rhine-hydrogen.example.eu/")
    page.get_by_role("button", name="Create draft").click()

    # A similar name in the same country: the form asks before creating a duplicate.
    duplicates = page.get_by_role("region", name="Is it one of these?")
    expect(duplicates.get_by_role("link", name="Rhine Hydrogen Valley")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Rhine Hydrogen Cluster")  # input kept
    snapshot("duplicate-warning")
    page.get_by_label("None of these is my organisation: register it anyway").check()
    page.get_by_role("button", name="Create draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rhine Hydrogen Cluster")

    steps = page.get_by_role("navigation", name="Profile sections")
    expect(steps.get_by_role("link", name="1. Identity and location")).to_have_attribute(
        "aria-current", "step"
    )
    page.get_by_label("English").check()
    page.get_by_role("button", name="Save and continue").click()

    contact = page.get_by_role("group", name="Contact person 1 (new)")
    contact.get_by_label("Name").fill("Greta Example")
    contact.get_by_label("Role").fill("Cluster manager")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_label("SME members").fill("12")
    page.get_by_label("Research and education members").fill("4")
    page.get_by_label("Public body members").fill("2")
    page.get_by_label("Cluster-management staff (FTE)").fill("1.5")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_label(sector.name).check()
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("textbox", name="About").fill("We connect hydrogen companies along the Rhine.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("Draft saved")
    snapshot("last-step")

    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messages")).to_contain_text("staff will review your profile")
    expect(page.get_by_role("main")).to_contain_text("Rhine Hydrogen Cluster")
    snapshot("submitted")

    organisation = seeded.__class__.objects.get(name="Rhine Hydrogen Cluster")
    assert organisation.status == organisation.Status.NEEDS_REVIEW
    assert organisation.contacts.get().name == "Greta Example"
    assert list(organisation.terms.all()) == [sector]
    assert not organisation.is_published


def test_manager_posts_an_opportunity_and_another_answers_it(
    page, manager_user, other_manager_user, staff_user, snapshot
):
    """Issue 16: posting, review, answering and replying, in the browser."""
    from opportunities.models import Interest, Opportunity
    from opportunities.services import publish
    from tests.factories import make_kind

    make_kind()
    robotics = make_term(Vocabulary.SECTORAL_INDUSTRY, name="Robotics", slug="robotics")
    alpha = make_organisation(name="Alpha Cluster")
    alpha.managers.add(manager_user)
    beta = make_organisation(name="Beta Cluster")
    beta.managers.add(other_manager_user)
    beta.terms.add(robotics)

    def log_in(username, password):
        page.goto(reverse("accounts:login"))
        page.get_by_label("E-mail address").fill(f"{username}@example.org")
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        expect(page).to_have_url(re.compile(r"/my/$"))

    log_in("manager", "pw-manager-1")
    page.get_by_role("link", name="Post an opportunity").click()
    form = page.get_by_role("main")
    form.get_by_label("Kind").select_option(label="Partner search for a project proposal")
    form.get_by_label("Title").fill("Partners for a cobot pilot line")
    form.get_by_role("textbox", name="Summary").fill("Two SMEs and a lab wanted for a pilot line.")
    form.get_by_label("Description").fill("<p>We coordinate the proposal.</p>")
    form.get_by_label("SMEs").check()
    form.get_by_label("Sectors").select_option(label="Robotics")
    snapshot("opportunity-form")
    form.get_by_role("button", name="Save and preview").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partners for a cobot pilot line")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messages")).to_contain_text("is submitted")
    opportunity = Opportunity.objects.get()
    publish(opportunity, staff_user)
    mail.outbox.clear()
    page.get_by_role("button", name="Log out").click()

    log_in("other", "pw-other-1")
    match = page.get_by_role("link", name="Partners for a cobot pilot line")
    expect(match).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Shared: Robotics")
    match.click()
    page.get_by_label("Message").fill("Our lab tests cobots every day: count us in.")
    snapshot("answer-form")
    page.get_by_role("button", name="Express interest").click()
    expect(page.locator(".messages")).to_contain_text("Sent to Alpha Cluster")
    assert [m.to for m in mail.outbox] == [[manager_user.email]]
    page.get_by_role("button", name="Log out").click()

    log_in("manager", "pw-manager-1")
    expect(page.get_by_role("main")).to_contain_text("Our lab tests cobots every day")
    page.get_by_label("Your answer").fill("Great, let's call on Monday.")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".messages")).to_contain_text("Beta Cluster is told")
    expect(page.get_by_role("link", name=other_manager_user.email)).to_be_visible()
    snapshot("answered")
    assert Interest.objects.get().status == Interest.Status.ANSWERED


def test_visitor_switches_to_polish_filters_by_a_sector_opens_a_profile_and_adds_an_event(
    page, seeded, snapshot
):
    """Issue 18: the whole journey in Polish, from the switcher to the calendar file."""
    sector = Term.objects.of(Vocabulary.SECTORAL_INDUSTRY).order_by("name").first()
    target = make_organisation(name="Śląski Klaster Przemysłowy", country="PL")
    target.terms.add(sector)
    make_organisation(name="Klaster Bez Sektora", country="PL")
    today = timezone.localdate()
    start = at(today.year, today.month, today.day, 23, 0)
    event = make_event(
        title="Spotkanie klastrów",
        organiser=target,
        start=start,
        end=start + datetime.timedelta(minutes=30),
    )
    with translation.override("pl"):
        polish = {
            "directory": gettext("Cluster directory"),
            "sector": str(Vocabulary.SECTORAL_INDUSTRY.label),
            "term": pgettext("taxonomy", sector.name),
            "apply": gettext("Apply filters"),
            "add": gettext("Add to calendar"),
        }
    assert polish["term"] != sector.name and polish["directory"] != "Cluster directory"

    page.goto(reverse("directory:list"))
    switcher = page.locator(".site-header__inner > .language-menu")  # the wide screen's
    switcher.locator("summary").click()
    switcher.get_by_role("link", name="Polski").click()
    expect(page).to_have_url(re.compile(r"/pl/directory/$"))
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.get_by_role("heading", level=1)).to_have_text(polish["directory"])
    snapshot("directory-pl")

    facets = page.get_by_role("complementary")
    _facet_summary(facets, polish["sector"]).click()
    facets.get_by_label(re.compile(rf"^{re.escape(polish['term'])}")).check()
    facets.get_by_role("button", name=polish["apply"]).click()
    expect(page).to_have_url(re.compile(rf"/pl/directory/\?.*sectoral_industry={sector.slug}"))
    results = page.locator("section.results")
    expect(results.get_by_role("link", name="Klaster Bez Sektora")).to_have_count(0)
    snapshot("filtered-pl")

    results.get_by_role("link", name=target.name, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/pl{re.escape(target.get_absolute_url())}$"))
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    page.get_by_role("main").get_by_role("link", name=re.compile(event.title)).first.click()

    expect(page).to_have_url(re.compile(rf"/pl{re.escape(event.get_absolute_url())}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    snapshot("event-pl")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=polish["add"]).click()
    calendar = icalendar.Calendar.from_ical(download_info.value.path().read_bytes())
    assert [str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT")] == [event.title]
