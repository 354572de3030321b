"""Write directory/taxonomy_messages.py: every term name of the seed's taxonomies as a
`pgettext_lazy("taxonomy", …)` call, so that `makemessages` (`make messages`) puts them in the
catalogues and `Term.display_name` finds them (Django has no pgettext_noop; makemessages reads
pgettext_lazy's context, and the site never imports the module). Run it after the seed's
taxonomies change; `--check` only says whether the module is up to date
(tests/directory/test_taxonomy_names.py)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

APP_DIR = Path(__file__).resolve().parents[2]
SEED_FILE = APP_DIR / "seed" / "taxonomies.json"
MODULE = APP_DIR / "taxonomy_messages.py"
LINE_LENGTH = 100

HEADER = '''# A term name is one string however long (xgettext reads it whole): long lines allowed.
# ruff: noqa: E501
"""The names of the taxonomy terms, for the translation catalogues (message context
"taxonomy"). Generated from directory/seed/taxonomies.json by `manage.py taxonomy_messages`:
do not edit, run the command."""

from django.utils.translation import pgettext_lazy

TERM_NAMES = [
'''


def term_names(taxonomies):
    """Every term name of the seed, each once, in the seed's order (S3 areas: each area, then
    its sub-areas)."""
    names = []
    for key, entries in taxonomies.items():
        if key.startswith("_"):
            continue
        if isinstance(entries, dict):
            for area, subareas in entries.items():
                names += [area, *subareas]
        else:
            names += entries
    return list(dict.fromkeys(names))


def _literal(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _entry(name):
    """One list item, laid out as `ruff format` lays it out (so the file stays as written)."""
    one_line = f'    pgettext_lazy("taxonomy", {_literal(name)}),'
    if len(one_line) <= LINE_LENGTH:
        return one_line + "\n"
    arguments = f'        "taxonomy", {_literal(name)}'
    if len(arguments) <= LINE_LENGTH:
        return f"    pgettext_lazy(\n{arguments}\n    ),\n"
    return f'    pgettext_lazy(\n        "taxonomy",\n        {_literal(name)},\n    ),\n'


def render_module(taxonomies):
    return HEADER + "".join(_entry(name) for name in term_names(taxonomies)) + "]\n"


class Command(BaseCommand):
    help = "Write directory/taxonomy_messages.py from the seed's taxonomies (for makemessages)."

    def add_arguments(self, parser):
        parser.add_argument("--seed-file", type=Path, default=SEED_FILE)
        parser.add_argument(
            "--check", action="store_true", help="Fail if the module is not up to date."
        )

    def handle(self, *args, seed_file, check, **options):
        text = render_module(json.loads(seed_file.read_text()))
        current = MODULE.read_text() if MODULE.exists() else ""
        if check:
            if current != text:
                raise CommandError(f"{MODULE} is out of date: run manage.py taxonomy_messages.")
            self.stdout.write("Taxonomy messages are up to date.")
            return
        if current != text:
            MODULE.write_text(text)
        count = len(term_names(json.loads(seed_file.read_text())))
        self.stdout.write(self.style.SUCCESS(f"{MODULE.name}: {count} term names."))
