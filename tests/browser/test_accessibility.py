"""axe-core in Chromium: zero WCAG 2.1 A and AA violations on every listed page (and none of
axe's best-practice rules broken on our own pages).

To check a new page, add one line to PAGES: a name, a function from the seeded ECA
organisation to the URL, and optionally the user to log in as ("staff" or "manager").
"""

from typing import NamedTuple

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from news.models import BestPractice
from tests.factories import make_best_practice, make_organisation
from tests.site_pages import sample_content

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe's best-practice rules (heading order, one h1, landmarks...) also count in Lighthouse's
# accessibility score: our own pages follow them too; Django's admin pages are exempt.
BEST_PRACTICE = "best-practice"


class A11yPage(NamedTuple):
    name: str
    url: object  # callable(seeded_organisation) -> path
    user: str | None = None
    ours: bool = True  # False for pages Django renders (admin): WCAG A/AA only


def _this_month(org):
    today = timezone.localdate()
    sample_content(org)  # an event a week from now: this month's grid or the next one's
    return reverse("events:month", args=[today.year, today.month])


def _opportunity_form(org):
    """The posting form of a manager of a published profile (issue 16)."""
    from tests.factories import make_kind

    make_kind()
    org.managers.add(get_user_model().objects.get(username="manager"))
    return reverse("opportunities:create")


def _manager_dashboard(org):
    """/my/ of the logged-in manager, who manages `org` and submitted a best practice."""
    manager = get_user_model().objects.get(username="manager")
    org.managers.add(manager)
    make_best_practice(org, status=BestPractice.Status.DRAFT, submitted_by=manager)
    return reverse("my:dashboard")


def _subscription(org):
    from subscriptions.models import Subscription

    subscription = Subscription.objects.create(
        email="reader@cluster.example.eu",
        content_types=["events"],
        countries=["BE"],
        confirmed_at=timezone.now(),
        consent_at=timezone.now(),
    )
    return subscription


PAGES = [
    A11yPage("home", lambda org: reverse("home")),
    A11yPage("directory", lambda org: reverse("directory:list")),
    # A filter applied opens its facet in the panel: the panel as a visitor uses it.
    A11yPage("directory-filtered", lambda org: reverse("directory:list") + "?country=BE&q=cluster"),
    A11yPage("profile", lambda org: org.get_absolute_url()),
    A11yPage("sparse-profile", lambda org: make_organisation().get_absolute_url()),
    A11yPage("partners", lambda org: reverse("directory:partners", args=[org.slug])),
    A11yPage("map", lambda org: reverse("directory:map")),
    A11yPage("events", lambda org: sample_content(org) and reverse("events:list")),
    A11yPage("month-calendar", _this_month),
    A11yPage("event", lambda org: sample_content(org)["event"].get_absolute_url()),
    A11yPage("news", lambda org: sample_content(org) and reverse("news:list")),
    A11yPage("best-practice", lambda org: sample_content(org)["best_practice"].get_absolute_url()),
    A11yPage("documents", lambda org: sample_content(org) and reverse("news:documents")),
    A11yPage("search", lambda org: sample_content(org) and reverse("search") + "?q=cluster"),
    A11yPage("opportunities", lambda org: sample_content(org) and reverse("opportunities:list")),
    A11yPage("opportunity", lambda org: sample_content(org)["opportunity"].get_absolute_url()),
    A11yPage("calls", lambda org: sample_content(org) and reverse("opportunities:calls")),
    A11yPage("call", lambda org: sample_content(org)["call"].get_absolute_url()),
    A11yPage("opportunity-form", _opportunity_form, user="manager"),
    A11yPage("login", lambda org: reverse("accounts:login")),
    A11yPage("signup", lambda org: reverse("accounts:signup")),
    A11yPage("manager-dashboard", _manager_dashboard, user="manager"),
    A11yPage("subscribe", lambda org: reverse("subscriptions:subscribe")),
    A11yPage("subscription-manage", lambda org: _subscription(org).get_absolute_url()),
    A11yPage("admin-login", lambda org: reverse("admin:login"), ours=False),
    A11yPage("admin-index", lambda org: reverse("admin:index"), user="staff", ours=False),
    A11yPage(
        "admin-import",
        lambda org: reverse("admin:directory_organisation_import"),
        user="staff",
        ours=False,
    ),
    A11yPage(
        "admin-data-quality",
        lambda org: reverse("admin:directory_organisation_quality"),
        user="staff",
        ours=False,
    ),
]


def run_axe(page, axe_source, tags=WCAG_A_AA):
    """Inject axe with evaluate() (a strict CSP blocks add_script_tag) and return violations."""
    page.evaluate(axe_source)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags
    )
    return result["violations"]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(
            f"    {node['target']}: {node['failureSummary']}" for node in violation["nodes"]
        )
    return "\n".join(lines)


@pytest.mark.parametrize("target", PAGES, ids=[p.name for p in PAGES])
def test_page_has_no_wcag_a_or_aa_violations(page, seeded, axe_source, snapshot, log_in, target):
    if target.user:
        log_in(target.user)
    response = page.goto(target.url(seeded))
    assert response.status == 200
    snapshot(target.name)

    violations = run_axe(
        page, axe_source, [*WCAG_A_AA, BEST_PRACTICE] if target.ours else WCAG_A_AA
    )

    assert violations == [], describe(violations)


def test_the_axe_check_itself_reports_a_known_violation(page, axe_source):
    """Guards against a silently broken check: an image without alt text must be reported."""
    page.set_content(
        '<!doctype html><html lang="en"><title>t</title><main><img src="x.png"></main>'
    )

    violations = run_axe(page, axe_source)

    assert "image-alt" in [violation["id"] for violation in violations]


# Issue 18: the pages with the most interface text, in each translated language (the English
# pages above cover every page; translations change words, lengths and `lang`, not structure).
TRANSLATED_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
IN_EVERY_LANGUAGE = [
    p for p in PAGES if p.name in {"home", "directory-filtered", "profile", "month-calendar"}
]


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_key_pages_have_no_violations_in_every_language(page, seeded, axe_source, code):
    found = {}
    for target in IN_EVERY_LANGUAGE:
        with translation.override(code):
            url = target.url(seeded)
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("html").get_attribute("lang") == code
        violations = run_axe(page, axe_source, [*WCAG_A_AA, BEST_PRACTICE])
        if violations:
            found[url] = describe(violations)
    assert found == {}, "\n".join(f"{url}\n{text}" for url, text in found.items())
