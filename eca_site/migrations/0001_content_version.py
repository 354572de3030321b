from django.db import migrations, models


def create_version_row(apps, schema_editor):
    apps.get_model("eca_site", "ContentVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveBigIntegerField(default=1)),
                ("changed", models.DateTimeField(auto_now=True)),
            ],
            options={"ordering": ["pk"]},
        ),
        migrations.RunPython(create_version_row, migrations.RunPython.noop),
    ]
