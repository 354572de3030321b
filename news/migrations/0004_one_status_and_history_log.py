"""Best practices: the same shape as profiles.

- The status "submitted" is called "needs_review", as a profile's is.
- The moderation log is the history table: each status step's comment (from the old
  BestPracticeStatusChange rows) becomes the reason of the history row that step wrote, then
  that model goes.
- The "Cluster managers" group goes: `Organisation.managers` is the one manager relation (the
  reverse migration recreates the group as 0002 made it).
"""

import importlib
from datetime import timedelta

from django.db import migrations, models

STATUS_CHOICES = [
    ("draft", "Draft"),
    ("needs_review", "Submitted for review"),
    ("changes_requested", "Changes requested"),
    ("published", "Published"),
    ("rejected", "Rejected"),
]
GROUP = "Cluster managers"


def rename_status(apps, schema_editor, old="submitted", new="needs_review"):
    for model in ("BestPractice", "HistoricalBestPractice"):
        apps.get_model("news", model).objects.filter(status=old).update(status=new)


def rename_status_back(apps, schema_editor):
    rename_status(apps, schema_editor, old="needs_review", new="submitted")


def comments_into_history(apps, schema_editor):
    StatusChange = apps.get_model("news", "BestPracticeStatusChange")
    History = apps.get_model("news", "HistoricalBestPractice")
    for change in StatusChange.objects.exclude(comment="").order_by("pk"):
        status = "needs_review" if change.to_status == "submitted" else change.to_status
        window = (change.created - timedelta(minutes=5), change.created + timedelta(minutes=5))
        row = (
            History.objects.filter(id=change.best_practice_id, status=status)
            .filter(history_date__range=window)
            .order_by("history_date")
            .first()
        )
        if row is not None and not row.history_change_reason:
            row.history_change_reason = change.comment
            row.save(update_fields=["history_change_reason"])


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


def recreate_group(apps, schema_editor):
    module = importlib.import_module("news.migrations.0002_create_cluster_managers_group")
    module.create_group(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("news", "0003_add_history"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalbestpractice",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicaldocument",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalnewsitem",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="bestpractice",
            name="status",
            field=models.CharField(choices=STATUS_CHOICES, default="draft", max_length=20),
        ),
        migrations.AlterField(
            model_name="historicalbestpractice",
            name="status",
            field=models.CharField(choices=STATUS_CHOICES, default="draft", max_length=20),
        ),
        migrations.RunPython(rename_status, rename_status_back),
        migrations.RunPython(comments_into_history, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name="bestpracticestatuschange", name="news_bestpr_best_pr_2d20c1_idx"
        ),
        migrations.DeleteModel(name="BestPracticeStatusChange"),
        migrations.RunPython(delete_group, recreate_group),
    ]
