from django.db import migrations

from eca_site.lib.sanitize import sanitize_html
from eca_site.site_pages_text import PAGES, VERSION


def create_pages(apps, schema_editor):
    SitePage = apps.get_model("eca_site", "SitePage")
    for url, title, content in PAGES:
        SitePage.objects.get_or_create(
            url=url,
            defaults={"title": title, "content": sanitize_html(content), "version": VERSION},
        )


def delete_pages(apps, schema_editor):
    apps.get_model("eca_site", "SitePage").objects.filter(
        url__in=[url for url, _title, _content in PAGES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("eca_site", "0003_site_pages")]

    operations = [migrations.RunPython(create_pages, delete_pages)]
