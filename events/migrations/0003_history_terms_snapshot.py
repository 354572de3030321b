"""Event history rows hold their terms as an id list (eca_site/lib/history.py), copied from
simple-history's per-relation table before it is dropped; reasons may be long."""

from django.db import migrations, models


def copy_history_terms(apps, schema_editor):
    History = apps.get_model("events", "HistoricalEvent")
    ids = {}
    rows = apps.get_model("events", "HistoricalEvent_terms").objects.order_by("term_id")
    for history_id, term_id in rows.values_list("history_id", "term_id"):
        ids.setdefault(history_id, []).append(str(term_id))
    for history_id, values in ids.items():
        History.objects.filter(history_id=history_id).update(terms_ids=",".join(values))


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_add_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalevent",
            name="terms_ids",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(copy_history_terms, migrations.RunPython.noop),
        migrations.DeleteModel(name="HistoricalEvent_terms"),
        migrations.AlterField(
            model_name="historicalevent",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
    ]
