"""The translation catalogues (issue 18): one per language of the site but English, complete
(no untranslated or fuzzy entry, every plural form, the same placeholders as the English),
accepted by GNU msgfmt --check, up to date with the code, and compiled (.mo, committed so that
no machine needs gettext) from exactly their sources.

msgfmt and xgettext come from GNU gettext: .ci/run installs it; elsewhere the two tests that
need it skip with the reason, unless ECA_REQUIRE_GETTEXT=1.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from eca_site.lib.catalogues import catalogue_paths, compile_catalogue, problems, read_catalogue

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# Not scanned for strings, as in `make messages`.
SKIPPED_FOLDERS = {"locale", "tests", "var", "node_modules", "static"}


def po_path(code):
    return LOCALE / code / "LC_MESSAGES" / "django.po"


def require(tool):
    path = shutil.which(tool)
    if path is None:
        reason = f"{tool} is not installed (GNU gettext: apt-get install gettext)"
        if os.environ.get("ECA_REQUIRE_GETTEXT") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def test_there_is_one_catalogue_per_language_but_english():
    assert catalogue_paths() == sorted(po_path(code) for code in LANGUAGES)


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_catalogue_is_complete(code):
    catalogue = read_catalogue(po_path(code))
    assert len(catalogue) > 1000
    assert problems(catalogue) == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_compiled_catalogue_is_the_source_compiled(code):
    """`make messages` compiles with Babel; an edited .po without its .mo fails here."""
    assert po_path(code).with_suffix(".mo").read_bytes() == compile_catalogue(po_path(code))


@pytest.mark.parametrize("code", LANGUAGES)
def test_msgfmt_accepts_the_catalogue(code, tmp_path):
    msgfmt = require("msgfmt")
    result = subprocess.run(
        [msgfmt, "--check", "-o", str(tmp_path / "django.mo"), str(po_path(code))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_catalogues_hold_every_string_of_the_code(settings, tmp_path, monkeypatch):
    """Run makemessages on a copy: a string marked in the code but missing from the catalogues
    (`make messages` not run) fails here. The copy is the project's source folders linked
    from a temporary folder, without locale/ (makemessages writes into every locale/ it
    finds, which would change the committed catalogues)."""
    require("xgettext")
    project = tmp_path / "project"
    project.mkdir()
    for source in sorted(Path(settings.BASE_DIR).iterdir()):
        if (
            source.is_dir()
            and source.name not in SKIPPED_FOLDERS
            and not source.name.startswith(".")
        ):
            (project / source.name).symlink_to(source, target_is_directory=True)
    copy = tmp_path / "locale" / "de" / "LC_MESSAGES"
    copy.mkdir(parents=True)
    shutil.copy(po_path("de"), copy / "django.po")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(project)
    call_command("makemessages", locale=["de"], symlinks=True, no_obsolete=True, verbosity=0)
    extracted = {(m.context, m.id) for m in read_catalogue(copy / "django.po") if m.id}
    committed = {(m.context, m.id) for m in read_catalogue(po_path("de")) if m.id}
    assert extracted - committed == set(), "run `make messages` and translate the new strings"
    assert committed - extracted == set(), "run `make messages`: these strings are gone"
