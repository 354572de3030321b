# pg_trgm for the duplicate check (trigram similarity of names); a no-op on SQLite.

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_self_service_workflow"),
    ]

    operations = [
        TrigramExtension(),
    ]
