"""axe-core in Chromium: zero WCAG 2.1 A and AA violations on every listed page (and none of
axe's best-practice rules broken on our own pages).

To check a new page, add one line to PAGES: a name, a function from the seeded ECA
organisation to the URL, and optionally the user to log in as ("staff" or "manager").
"""

from typing import NamedTuple

import pytest
from django.urls import reverse

from tests.factories import make_organisation

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe's best-practice rules (heading order, one h1, landmarks...) also count in Lighthouse's
# accessibility score: our own pages follow them too; Django's admin pages are exempt.
BEST_PRACTICE = "best-practice"


class A11yPage(NamedTuple):
    name: str
    url: object  # callable(seeded_organisation) -> path
    user: str | None = None
    ours: bool = True  # False for pages Django renders (admin): WCAG A/AA only


PAGES = [
    A11yPage("home", lambda org: reverse("home")),
    A11yPage("directory", lambda org: reverse("directory:list")),
    A11yPage("profile", lambda org: org.get_absolute_url()),
    A11yPage("sparse-profile", lambda org: make_organisation().get_absolute_url()),
    A11yPage("admin-login", lambda org: reverse("admin:login"), ours=False),
    A11yPage("admin-index", lambda org: reverse("admin:index"), user="staff", ours=False),
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
