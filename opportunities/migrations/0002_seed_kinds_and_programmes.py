"""The opportunity kinds of the issue and the common programmes; staff can add more."""

from django.db import migrations

KINDS = [
    ("partner-search", "Partner search for a project proposal", "Demand"),
    ("technology-offer", "Technology offer", "Offer"),
    ("technology-request", "Technology request", "Demand"),
    ("business-cooperation", "Business cooperation", "Demand"),
    ("event-or-mission", "Event or mission participation", "Offer"),
]
PROGRAMMES = [
    ("horizon-europe", "Horizon Europe"),
    ("single-market-programme", "Single Market Programme"),
    ("interreg", "Interreg"),
    ("digital-europe", "Digital Europe"),
    ("national", "National or regional programme"),
]


def seed(apps, schema_editor):
    OpportunityKind = apps.get_model("opportunities", "OpportunityKind")
    Programme = apps.get_model("opportunities", "Programme")
    for position, (slug, name, schema_type) in enumerate(KINDS):
        OpportunityKind.objects.update_or_create(
            slug=slug, defaults={"name": name, "schema_type": schema_type, "position": position}
        )
    for position, (slug, name) in enumerate(PROGRAMMES):
        Programme.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})


def unseed(apps, schema_editor):
    apps.get_model("opportunities", "OpportunityKind").objects.filter(
        slug__in=[slug for slug, *_ in KINDS], opportunities__isnull=True
    ).delete()
    apps.get_model("opportunities", "Programme").objects.filter(
        slug__in=[slug for slug, _ in PROGRAMMES], calls__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0001_add_opportunities_and_calls")]

    operations = [migrations.RunPython(seed, unseed)]
