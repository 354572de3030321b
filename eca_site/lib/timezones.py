"""Time-zone helpers shared by apps (imports no app)."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext


def validate_timezone(value):
    """An IANA time-zone name that zoneinfo knows, e.g. `Europe/Brussels`."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            gettext(
                "“%(value)s” is not a known time zone: use an IANA name such as Europe/Brussels."
            ),
            code="invalid_timezone",
            params={"value": value},
        ) from None


def zone_or_default(name):
    """ZoneInfo(name), or the site's time zone when `name` is unknown."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_default_timezone()


def as_wall_clock_in(value, tz):
    """A datetime typed in a form (read in the active zone) moved to the same wall-clock time
    in `tz`: 17:00 typed for a call closing in Helsinki means 17:00 Helsinki time."""
    return timezone.make_aware(timezone.make_naive(value), tz)
