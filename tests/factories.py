"""Plain factories: make_<model>(**overrides) with a counter for unique names and slugs."""

import itertools

from directory.models import Contact, Membership, Organisation, Term, Vocabulary

_counter = itertools.count(1)


def make_organisation(**overrides):
    n = next(_counter)
    fields = {
        "name": f"Cluster {n}",
        "slug": f"cluster-{n}",
        "country": "BE",
        "kind": Organisation.Kind.CLUSTER,
        "is_published": True,
    }
    fields.update(overrides)
    return Organisation.objects.create(**fields)


def make_term(vocabulary=Vocabulary.SECTORAL_INDUSTRY, **overrides):
    n = next(_counter)
    fields = {"vocabulary": vocabulary, "name": f"Term {n}", "slug": f"term-{n}"}
    fields.update(overrides)
    return Term.objects.create(**fields)


def make_contact(organisation, **overrides):
    n = next(_counter)
    fields = {"organisation": organisation, "name": f"Person {n}", "role": "Manager"}
    fields.update(overrides)
    return Contact.objects.create(**fields)


def make_membership(network, member=None, **overrides):
    member = member or make_organisation()
    return Membership.objects.create(network=network, member=member, **overrides)


def make_event(**overrides):
    """A published, timed, in-person event; pass aware `start`/`end` to place it."""
    import datetime

    from django.utils import timezone

    from events.models import Event

    n = next(_counter)
    start = overrides.pop("start", timezone.now() + datetime.timedelta(days=7))
    fields = {
        "title": f"Event {n}",
        "slug": f"event-{n}",
        "start": start,
        "end": overrides.pop("end", start + datetime.timedelta(hours=2)),
        "venue": "Cluster House",
        "city": "Brussels",
        "country": "BE",
        "is_published": True,
    }
    co_organisers = overrides.pop("co_organisers", [])
    terms = overrides.pop("terms", [])
    fields.update(overrides)
    event = Event.objects.create(**fields)
    event.co_organisers.add(*co_organisers)
    event.terms.add(*terms)
    return event


def at(year, month, day, hour=0, minute=0, tz="Europe/Brussels"):
    """An aware datetime on the wall clock of `tz` (default: the site's time zone)."""
    import datetime
    import zoneinfo

    return datetime.datetime(year, month, day, hour, minute, tzinfo=zoneinfo.ZoneInfo(tz))
