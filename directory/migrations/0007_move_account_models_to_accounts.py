"""AccountProfile and ProfileChange move to the new `accounts` app (accounts/0001): their
tables are renamed here and the models leave directory's state; no row is touched."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0006_single_status_and_history_snapshots"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="accountprofile", name="directory_a_email_v_3d7281_idx"),
        migrations.RemoveIndex(model_name="profilechange", name="directory_p_organis_a8588f_idx"),
        migrations.RemoveIndex(model_name="profilechange", name="directory_p_status_8d2072_idx"),
        migrations.AlterModelTable(name="accountprofile", table="accounts_accountprofile"),
        migrations.AlterModelTable(name="profilechange", table="accounts_profilechange"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="AccountProfile"),
                migrations.DeleteModel(name="ProfileChange"),
            ]
        ),
    ]
