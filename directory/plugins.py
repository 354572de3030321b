"""What directory contributes to the site's shared registries beyond search: the "New
profiles" section of the e-mail digest (registered in apps.py)."""

from eca_site.lib.mail import absolute_url
from eca_site.lib.registry import DIGEST_SECTION_LIMIT, DigestItem, narrow_to_choices

from .models import Organisation


def digest_profiles(since, until, choices):
    """Profiles published in [since, until): `reviewed_at` is when staff published them (one
    query)."""
    profiles = narrow_to_choices(
        Organisation.objects.published().filter(reviewed_at__gte=since, reviewed_at__lt=until),
        choices,
    )
    profiles = profiles.only("name", "slug", "country", "city", "kind").order_by("-reviewed_at")
    return [
        DigestItem(
            title=profile.name,
            url=absolute_url(profile.get_absolute_url()),
            summary=profile.get_kind_display(),
            place=", ".join(p for p in [profile.city, profile.country.name] if p),
        )
        for profile in profiles[:DIGEST_SECTION_LIMIT]
    ]
