"""The translation catalogues of the site (locale/<code>/LC_MESSAGES/django.po): where they
are, how they compile (Babel, so that no machine needs GNU gettext) and what makes one complete.
"""

import datetime
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings


def catalogue_paths():
    """Every django.po under the project's LOCALE_PATHS, sorted."""
    paths = []
    for root in settings.LOCALE_PATHS:
        paths += sorted(Path(root).glob("*/LC_MESSAGES/django.po"))
    return paths


def read_catalogue(po_path):
    with open(po_path, "rb") as po_file:
        return read_po(po_file, abort_invalid=True)


def compile_catalogue(po_path):
    """The .mo bytes of `po_path`; fuzzy entries are left out, as msgfmt does. The same .po
    always gives the same bytes: a header date Babel cannot read (the template's
    "YEAR-MO-DA") would otherwise become the time of compiling."""
    catalogue = read_catalogue(po_path)
    if not isinstance(catalogue.revision_date, datetime.datetime):
        catalogue.revision_date = catalogue.creation_date
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    return buffer.getvalue()


def problems(catalogue):
    """What keeps `catalogue` from being complete: untranslated or fuzzy entries, a plural
    without all of its language's forms, placeholders that differ from the English."""
    found = []
    for message in catalogue:
        if not message.id:
            continue  # the header
        label = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.fuzzy:
            found.append(f"fuzzy: {label!r}")
        if not all(strings):
            found.append(f"untranslated: {label!r}")
        if message.pluralizable and len(strings) != catalogue.num_plurals:
            found.append(f"{len(strings)} plural forms, not {catalogue.num_plurals}: {label!r}")
        for error in message.check(catalogue):
            found.append(f"{error}: {label!r}")
    return found
