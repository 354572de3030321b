"""Logos go through the upload policy (issue 12): random names under logos/<slug>/ (paths up
to 255 characters), the image validator, re-encoding on save.

SQLite rebuilds the table to widen the column, creating every index of the model state: the
PostgreSQL-only search indexes are left out of the state meanwhile, as in 0006.
"""

import django.contrib.postgres.indexes
from django.db import migrations, models

import eca_site.lib.uploads

LOGO_HELP = "PNG, JPEG or WebP; re-encoded to at most 1024 pixels, without metadata."
POSTGRES_INDEXES = [
    django.contrib.postgres.indexes.GinIndex(
        fields=["search_vector"], name="organisation_search_vector"
    ),
    django.contrib.postgres.indexes.GinIndex(
        django.contrib.postgres.indexes.OpClass("search_document", name="gin_trgm_ops"),
        name="organisation_search_trgm",
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0007_move_account_models_to_accounts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="organisation", name=index.name)
                for index in POSTGRES_INDEXES
            ]
        ),
        migrations.AlterField(
            model_name="historicalorganisation",
            name="logo",
            field=models.TextField(
                blank=True,
                help_text=LOGO_HELP,
                max_length=255,
                validators=[eca_site.lib.uploads.UploadValidator("image")],
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="logo",
            field=models.ImageField(
                blank=True,
                help_text=LOGO_HELP,
                max_length=255,
                upload_to=eca_site.lib.uploads.RandomUploadTo("logos"),
                validators=[eca_site.lib.uploads.UploadValidator("image")],
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(model_name="organisation", index=index)
                for index in POSTGRES_INDEXES
            ]
        ),
    ]
