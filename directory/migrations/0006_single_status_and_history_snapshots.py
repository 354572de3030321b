"""One publication state per profile, and history rows that hold terms and languages.

- `status` becomes the one publication state: a profile that was published stays published;
  one that staff had unpublished (status "published", is_published off) becomes "withdrawn";
  every other status is kept. Then `is_published`, its check constraint and index go.
- History: simple-history's per-relation copy tables (HistoricalOrganisation_terms and
  _languages) become two id lists on each history row (`terms_ids`, `languages_ids`, see
  eca_site/lib/history.py), filled from those tables before they are dropped.
"""

import django.contrib.postgres.indexes
from django.db import migrations, models

STATUS_CHOICES = [
    ("draft", "Draft"),
    ("needs_review", "Needs review"),
    ("changes_requested", "Changes requested"),
    ("published", "Published"),
    ("withdrawn", "Withdrawn"),
]


def one_status(apps, schema_editor):
    Organisation = apps.get_model("directory", "Organisation")
    Organisation.objects.filter(is_published=False, status="published").update(status="withdrawn")
    Organisation.objects.filter(is_published=True).exclude(status="published").update(
        status="published"
    )


def two_flags(apps, schema_editor):
    Organisation = apps.get_model("directory", "Organisation")
    Organisation.objects.filter(status="published").update(is_published=True)
    Organisation.objects.filter(status="withdrawn").update(status="published", is_published=False)


def copy_history_relations(apps, schema_editor):
    History = apps.get_model("directory", "HistoricalOrganisation")
    for relation, column in (("terms", "term_id"), ("languages", "language_id")):
        rows = apps.get_model("directory", f"HistoricalOrganisation_{relation}").objects
        ids = {}
        for history_id, related_id in rows.order_by(column).values_list("history_id", column):
            ids.setdefault(history_id, []).append(str(related_id))
        for history_id, values in ids.items():
            History.objects.filter(history_id=history_id).update(
                **{f"{relation}_ids": ",".join(values)}
            )


# PostgreSQL-only indexes (0005 creates them only there). SQLite rebuilds the table for some
# operations below, creating every index of the model state: leave them out of the state
# meanwhile. The database keeps them where they exist.
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
        ("directory", "0005_search_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="organisation", name=index.name)
                for index in POSTGRES_INDEXES
            ]
        ),
        # One publication state.
        migrations.AlterField(
            model_name="organisation",
            name="status",
            field=models.CharField(choices=STATUS_CHOICES, default="draft", max_length=20),
        ),
        migrations.AlterField(
            model_name="historicalorganisation",
            name="status",
            field=models.CharField(choices=STATUS_CHOICES, default="draft", max_length=20),
        ),
        migrations.RemoveConstraint(
            model_name="organisation",
            name="organisation_published_has_published_status",
        ),
        migrations.RunPython(one_status, two_flags),
        migrations.RemoveIndex(model_name="organisation", name="directory_o_is_publ_0b2d47_idx"),
        migrations.RemoveIndex(model_name="organisation", name="directory_o_status_8bb21d_idx"),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(fields=["status", "name"], name="directory_o_status_8de1db_idx"),
        ),
        migrations.RemoveField(model_name="organisation", name="is_published"),
        migrations.RemoveField(model_name="historicalorganisation", name="is_published"),
        # Derived, not a fact of the profile: no longer kept in its history.
        migrations.RemoveField(model_name="historicalorganisation", name="completeness"),
        # Terms and languages as id lists on each history row.
        migrations.AddField(
            model_name="historicalorganisation",
            name="languages_ids",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="terms_ids",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(copy_history_relations, migrations.RunPython.noop),
        migrations.DeleteModel(name="HistoricalOrganisation_languages"),
        migrations.DeleteModel(name="HistoricalOrganisation_terms"),
        # Reasons hold reviewers' comments: longer than simple-history's 100 characters.
        *[
            migrations.AlterField(
                model_name=f"historical{model}",
                name="history_change_reason",
                field=models.TextField(null=True),
            )
            for model in ("organisation", "contact", "membership", "sociallink")
        ],
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(model_name="organisation", index=index)
                for index in POSTGRES_INDEXES
            ]
        ),
    ]
