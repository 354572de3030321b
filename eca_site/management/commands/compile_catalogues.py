"""Compile the translation catalogues (locale/<code>/LC_MESSAGES/django.po -> .mo) with Babel.

Django's `compilemessages` needs GNU gettext's msgfmt, which a fresh machine may lack; the
compiled files are committed (tests/eca_site/test_catalogues.py checks they match their
sources), so `make run` needs neither. `make messages` runs this after `makemessages`.
"""

from django.core.management.base import BaseCommand

from eca_site.lib.catalogues import catalogue_paths, compile_catalogue


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/django.po into its .mo with Babel."

    def handle(self, *args, **options):
        for po_path in catalogue_paths():
            mo_path = po_path.with_suffix(".mo")
            mo_path.write_bytes(compile_catalogue(po_path))
            self.stdout.write(f"{mo_path}")
