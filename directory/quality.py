"""Data quality: which profiles need staff's attention, and why (the admin's "Data quality").

A profile is listed (withdrawn ones aside) when it was not updated for 12 months, is under
50 % complete, has no contact person, has a website that looks broken (no scheme, or not
HTTPS), or may duplicate another profile: the same website domain, or the same name once
case, punctuation, word order and generic words ("cluster", "association" ...) are ignored.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import GENERIC_NAME_WORDS, Contact, Organisation, website_domain

STALE_AFTER = timedelta(days=365)
LOW_COMPLETENESS = 50


class Problem:
    STALE = "stale"
    INCOMPLETE = "incomplete"
    NO_CONTACT = "no_contact"
    WEBSITE = "website"
    DUPLICATE = "duplicate"

    LABELS = {
        STALE: _("Not updated for 12 months"),
        INCOMPLETE: lazy(
            lambda: gettext("Under %(percent)s %% complete") % {"percent": LOW_COMPLETENESS}, str
        )(),
        NO_CONTACT: _("No contact person"),
        WEBSITE: _("Website looks broken"),
        DUPLICATE: _("Possible duplicate"),
    }


@dataclass
class Finding:
    organisation: Organisation
    problems: dict = field(default_factory=dict)  # Problem -> detail text

    def described(self):
        """[(label, detail)] of its problems."""
        return [(str(Problem.LABELS[key]), detail) for key, detail in self.problems.items()]


def name_key(name):
    """'The Automotive Cluster, Bavaria' and 'Bavaria automotive cluster' give the same key."""
    words = re.findall(r"\w+", name.casefold())
    kept = [w for w in words if w not in GENERIC_NAME_WORDS and w not in {"the", "of", "and"}]
    return " ".join(sorted(kept or words))


def website_problem(url):
    if not url:
        return ""
    if "://" not in url:
        return gettext("no scheme: %(url)s") % {"url": url}
    if not url.lower().startswith("https://"):
        return gettext("not HTTPS: %(url)s") % {"url": url}
    return ""


def findings(now=None):
    """[Finding] of every profile with at least one problem, by name (two queries)."""
    now = now or timezone.now()
    profiles = (
        Organisation.objects.exclude(status=Organisation.Status.WITHDRAWN)
        .only("name", "slug", "status", "website", "completeness", "updated", "country")
        .annotate(has_contact=Exists(Contact.objects.filter(organisation_id=OuterRef("pk"))))
        .order_by("name", "pk")
    )
    found = {}

    def note(organisation, problem, detail):
        found.setdefault(organisation.pk, Finding(organisation)).problems[problem] = detail

    by_domain, by_name = defaultdict(list), defaultdict(list)
    for organisation in profiles.iterator(chunk_size=2000):
        if organisation.updated < now - STALE_AFTER:
            note(
                organisation,
                Problem.STALE,
                gettext("last updated %(date)s") % {"date": f"{organisation.updated:%Y-%m-%d}"},
            )
        if organisation.completeness < LOW_COMPLETENESS:
            note(organisation, Problem.INCOMPLETE, f"{organisation.completeness} %")
        if not organisation.has_contact:
            note(organisation, Problem.NO_CONTACT, "")
        if detail := website_problem(organisation.website):
            note(organisation, Problem.WEBSITE, detail)
        if domain := website_domain(organisation.website) if organisation.website else "":
            by_domain[domain].append(organisation)
        by_name[name_key(organisation.name)].append(organisation)
    same = (
        (gettext("same website domain as %(others)s"), by_domain),
        (gettext("same name as %(others)s"), by_name),
    )
    for sentence, groups in same:
        for group in groups.values():
            for organisation in group if len(group) > 1 else ():
                others = ", ".join(o.name for o in group if o is not organisation)
                previous = found.get(organisation.pk)
                earlier = previous.problems.get(Problem.DUPLICATE) if previous else ""
                detail = sentence % {"others": others}
                note(organisation, Problem.DUPLICATE, f"{earlier}; {detail}" if earlier else detail)
    return sorted(found.values(), key=lambda f: (f.organisation.name, f.organisation.pk))
