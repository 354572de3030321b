"""Real-browser tests: Playwright drives the system Chromium against pytest-django's live_server.

Every test here is marked `browser`: `pytest -m browser` runs only these, `-m "not browser"`
skips them. Without Chromium (or without `node_modules/axe-core` for the accessibility checks)
they skip with the reason, unless ECA_REQUIRE_BROWSER=1 (as in .ci/run), where they fail.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.shortcuts import resolve_url
from django.test import override_settings
from playwright.sync_api import expect

BASE_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("ECA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = BASE_DIR / "var" / "screenshots"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic"]


def missing_tool_reason():
    if not Path(CHROMIUM).exists():
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium chromium-driver)"
    return None


def pytest_collection_modifyitems(config, items):
    reason = missing_tool_reason()
    required = os.environ.get("ECA_REQUIRE_BROWSER") == "1"
    for item in items:
        if Path(item.path).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)
            if reason and not required:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def _plain_http_settings():
    """live_server speaks plain HTTP: production's HTTPS-only settings would send the browser to
    https:// (redirect, secure-only cookies, CSP upgrade-insecure-requests) and fail. Applied
    for the session, before live_server starts: SecurityMiddleware reads them only then."""
    overrides = {
        "SECURE_SSL_REDIRECT": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
    }
    csp = getattr(django_settings, "SECURE_CSP", None)
    if csp and csp.get("upgrade-insecure-requests"):
        overrides["SECURE_CSP"] = {**csp, "upgrade-insecure-requests": False}
    with override_settings(**overrides):
        yield


@pytest.fixture(scope="session")
def base_url(_plain_http_settings, live_server):
    """Relative URLs in page.goto() go to the live server."""
    return live_server.url


def _file_name(request, suffix):
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{request.node.name}{suffix}").strip("-") + ".png"


@pytest.fixture
def page(page, request):
    """Playwright's page; a failing test leaves var/screenshots/FAILED-<test>.png."""
    yield page
    report = getattr(request.node, "rep_call", None)
    failure_shot = SCREENSHOTS / ("FAILED-" + _file_name(request, ""))
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=failure_shot, full_page=True)
    else:
        failure_shot.unlink(missing_ok=True)  # a stale one from an earlier run would mislead


@pytest.fixture
def snapshot(page, request):
    """snapshot("step") saves var/screenshots/<test>--<step>.png, to look at what was tested."""

    def take(step):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / _file_name(request, f"--{step}"), full_page=True)

    return take


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_JS.exists():
        message = f"{AXE_JS.relative_to(BASE_DIR)} is missing: run `make node-tools` (npm ci)"
        if os.environ.get("ECA_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return AXE_JS.read_text()


@pytest.fixture
def log_in(page, request):
    """log_in("staff") or log_in("manager") signs in through the LOGIN_URL form in this page.

    The personas are tests/conftest.py's; their users are created only when a page needs them.
    """
    users = {
        "staff": ("staff_user", "staff-password-1"),
        "manager": ("manager_user", "pw-manager-1"),
    }

    def submit(who):
        fixture, password = users[who]
        user = request.getfixturevalue(fixture)
        page.goto(resolve_url(django_settings.LOGIN_URL))
        page.get_by_label("E-mail address").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_label("Password")).to_have_count(0)  # left the login form

    return submit
