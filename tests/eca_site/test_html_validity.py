"""The W3C Nu HTML checker (vnu-jar from npm, pinned in package.json) finds no error on any page
of tests/site_pages.py, for visitors and for a signed-in manager.

Every page is rendered by the test client and written to a file; one JVM run checks them all
(a few seconds), rather than one run per page. Without Java or `node_modules/vnu-jar` (`npm
ci`) the test skips with the reason, unless ECA_REQUIRE_BROWSER=1 (as in .ci/run).
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.site_pages import page_urls, signed_in_page_urls

BASE_DIR = Path(__file__).resolve().parents[2]
VNU_JAR = BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")


def vnu_errors(files):
    """{file name: ["line N: message", ...]} for the files with errors, in one JVM run."""
    if not (JAVA and VNU_JAR.exists()):
        reason = f"the Nu HTML checker needs java and {VNU_JAR} (npm ci)"
        if os.environ.get("ECA_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    result = subprocess.run(
        [JAVA, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors = {}
    for message in json.loads(result.stderr or "{}").get("messages", []):
        name = Path(message.get("url", "").removeprefix("file:")).name
        errors.setdefault(name, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


def rendered_pages(client, urls, directory, prefix):
    """Writes each HTML page to `directory`; returns {file name: url}."""
    files = {}
    for url in dict.fromkeys(urls):
        response = client.get(url, follow=True)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue  # POST-only endpoints, feeds and downloads are not pages
        slug = re.sub(r"[^A-Za-z0-9]+", "-", url).strip("-") or "home"
        name = f"{prefix}{len(files):03d}-{slug}.html"
        (directory / name).write_text(response.content.decode())
        files[name] = url
    return files


def test_the_checker_reports_what_it_finds(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!doctype html><html lang="en"><title>x</title><form action=""></form>'
        '<time datetime="2026-12-02T10:00:00.123456+01:00">x</time>'
    )
    (messages,) = vnu_errors([bad]).values()
    assert any("action" in m for m in messages) and any("datetime" in m for m in messages)


def test_every_page_is_valid_html(anon, manager_client, manager_user, seeded, tmp_path):
    # Plus a page whose form echoes invalid input (it put "abc" into an <input type=number>).
    invalid_input = reverse("directory:list") + "?established_after=abc&established_before=x"
    files = rendered_pages(
        anon, [*page_urls(), seeded.get_absolute_url(), invalid_input], tmp_path, ""
    )
    files |= rendered_pages(manager_client, signed_in_page_urls(manager_user), tmp_path, "my-")
    assert len(files) > 40
    errors = vnu_errors([tmp_path / name for name in files])
    report = [f"{files[name]} {message}" for name, found in errors.items() for message in found]
    assert report == [], "\n".join(report)


def test_key_pages_are_valid_html_in_every_language(anon, seeded, tmp_path):
    """Issue 18: the pages with the most interface text, in each of the 14 translated languages
    (translated attributes, `lang` on blocks in another language), in the same single JVM run."""
    files = {}
    for code, _ in settings.LANGUAGES[1:]:
        with translation.override(code):
            urls = [
                reverse("home"),
                reverse("directory:list") + "?country=BE&q=cluster",
                seeded.get_absolute_url(),
                reverse("events:list"),
                reverse("accounts:signup"),
            ]
        files |= rendered_pages(anon, urls, tmp_path, f"{code}-")
    assert len(files) == 14 * 5
    errors = vnu_errors([tmp_path / name for name in files])
    report = [f"{files[name]} {message}" for name, found in errors.items() for message in found]
    assert report == [], "\n".join(report)
