"""AccountProfile and ProfileChange come over from directory (whose 0007 renamed their
tables), and co-editor invitations become single-use records.

ProfileChange now holds only what waits for staff approval: changes that went live at once
(and their reverts) are in the profiles' history (django-simple-history), which recorded every
one of those saves; approved ones are kept as "approved".
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import accounts.models


def move_content_types(apps, schema_editor, old="directory", new="accounts"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("accountprofile", "profilechange"):
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, old="accounts", new="directory")


def keep_what_waits(apps, schema_editor):
    ProfileChange = apps.get_model("accounts", "ProfileChange")
    ProfileChange.objects.filter(status="applied", decided_by__isnull=False).update(
        status="approved"
    )
    ProfileChange.objects.filter(status__in=["applied", "reverted"]).delete()


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0007_move_account_models_to_accounts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AccountProfile",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("terms_accepted_at", models.DateTimeField()),
                        ("privacy_accepted_at", models.DateTimeField()),
                        ("email_verified_at", models.DateTimeField(blank=True, null=True)),
                        ("created", models.DateTimeField(auto_now_add=True)),
                        ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="account_profile", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={"ordering": ["-created"]},
                ),
                migrations.CreateModel(
                    name="ProfileChange",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("created", models.DateTimeField(auto_now_add=True)),
                        ("field", models.CharField(max_length=64)),
                        ("label", models.CharField(max_length=128)),
                        ("old_value", models.JSONField(blank=True, null=True)),
                        ("new_value", models.JSONField(blank=True, null=True)),
                        ("old_display", models.TextField(blank=True)),
                        ("new_display", models.TextField(blank=True)),
                        ("status", models.CharField(choices=[("applied", "Live"), ("pending", "Awaiting staff approval"), ("rejected", "Rejected"), ("reverted", "Reverted")], default="applied", max_length=16)),
                        ("decided_at", models.DateTimeField(blank=True, null=True)),
                        ("decided_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="decided_profile_changes", to=settings.AUTH_USER_MODEL)),
                        ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="profile_changes", to="directory.organisation")),
                        ("user", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="profile_changes", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={"ordering": ["-created", "-pk"]},
                ),
            ]
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.AddIndex(
            model_name="accountprofile",
            index=models.Index(fields=["email_verified_at"], name="accounts_ac_email_v_0324f7_idx"),
        ),
        # Pending changes only.
        migrations.RunPython(keep_what_waits, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="profilechange",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Awaiting staff approval"),
                    ("approved", "Approved"),
                    ("rejected", "Rejected"),
                ],
                default="pending",
                max_length=16,
            ),
        ),
        migrations.AddIndex(
            model_name="profilechange",
            index=models.Index(fields=["organisation", "-created"], name="accounts_pr_organis_aa7f39_idx"),
        ),
        migrations.AddIndex(
            model_name="profilechange",
            index=models.Index(fields=["status", "created"], name="accounts_pr_status_1a984d_idx"),
        ),
        # Single-use invitations.
        migrations.CreateModel(
            name="Invitation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("email", models.EmailField(max_length=254)),
                ("token", models.CharField(default=accounts.models._invitation_token, editable=False, max_length=64, unique=True)),
                ("status", models.CharField(choices=[("pending", "Pending"), ("accepted", "Accepted"), ("revoked", "Revoked")], default="pending", max_length=16)),
                ("created", models.DateTimeField(auto_now_add=True)),
                ("expires_at", models.DateTimeField(default=accounts.models._invitation_expiry)),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                ("invited_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="sent_invitations", to=settings.AUTH_USER_MODEL)),
                ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="invitations", to="directory.organisation")),
            ],
            options={
                "ordering": ["-created"],
                "indexes": [models.Index(fields=["organisation", "email", "status"], name="accounts_in_organis_487a94_idx")],
            },
        ),
    ]
