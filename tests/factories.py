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


def make_language(code="xx", **overrides):
    from directory.models import Language

    fields = {"name": f"Language {code}"}
    fields.update(overrides)
    language, _ = Language.objects.get_or_create(code=code, defaults=fields)
    return language
