"""The "Cluster managers" group: exactly what a manager needs to submit best practices."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Cluster managers"
PERMISSIONS = [
    ("news", "bestpractice", "add_bestpractice"),
    ("news", "bestpractice", "change_bestpractice"),
    ("news", "bestpracticeattachment", "add_bestpracticeattachment"),
    ("news", "bestpracticeattachment", "delete_bestpracticeattachment"),
]


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    # (create_permissions skips app configs without a models module, as migration states have.)
    app_config = apps.get_app_config("news")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    try:
        create_permissions(app_config, apps=apps, verbosity=0)
    finally:
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    permissions = [
        Permission.objects.get(
            content_type__app_label=app_label, content_type__model=model, codename=codename
        )
        for app_label, model, codename in PERMISSIONS
    ]
    group.permissions.set(permissions)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("news", "0001_add_news_documents_best_practices"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
