"""Load the real seed: the European Clusters Alliance profile, its members and the taxonomies.

Idempotent: every row is keyed on a natural key (slug, code, (network, member) ...) and
written only when it differs (`eca_site.lib.upsert`), inside one transaction, so a second run
writes nothing: no row, no history entry. Profiles it changed are derived once at the end by
the profile write path. The seed files live in `directory/seed/` (a copy of the shared seed).

`member_facts.json` holds the public facts of the member associations, each with its source.
It only fills fields that are still empty (and adds a social link only for a network the
profile has none for), so what a member's manager entered is never overwritten; a fact a
manager clears is filled again on the next run.
"""

import json
import re
from datetime import date
from html import escape
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from directory import services
from directory.models import (
    Contact,
    Language,
    Membership,
    Organisation,
    SocialLink,
    Term,
    Vocabulary,
)
from eca_site.lib.upsert import UNCHANGED, upsert

SEED_DIR = Path(__file__).resolve().parents[2] / "seed"

# The 24 official languages of the EU, then others cluster organisations commonly work in.
EU_LANGUAGES = {
    "bg": "Bulgarian", "hr": "Croatian", "cs": "Czech", "da": "Danish", "nl": "Dutch",
    "en": "English", "et": "Estonian", "fi": "Finnish", "fr": "French", "de": "German",
    "el": "Greek", "hu": "Hungarian", "ga": "Irish", "it": "Italian", "lv": "Latvian",
    "lt": "Lithuanian", "mt": "Maltese", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "sk": "Slovak", "sl": "Slovenian", "es": "Spanish", "sv": "Swedish",
}  # fmt: skip
OTHER_LANGUAGES = {
    "sq": "Albanian", "ar": "Arabic", "eu": "Basque", "bs": "Bosnian", "ca": "Catalan",
    "zh": "Chinese", "gl": "Galician", "he": "Hebrew", "is": "Icelandic", "ja": "Japanese",
    "lb": "Luxembourgish", "mk": "Macedonian", "no": "Norwegian", "ru": "Russian",
    "sr": "Serbian", "tr": "Turkish", "uk": "Ukrainian",
}  # fmt: skip

# Names the seed gives twice to one term ({(vocabulary, alias): term}): the term is created
# once, with the alias in its `aliases` (search finds profiles by either name; forms and
# filters offer one), and a term created under the alias by an earlier load is merged into it.
TERM_ALIASES = {
    (Vocabulary.SERVICE, "Clusters matchmaking"): "Networking and matchmaking",
}

ABOUT_START = "The European Clusters Alliance (ECA) is the common voice"
MEMBERS_HEADING = "Who are the members of the European Clusters Alliance?"
JOIN_HEADING = "Who can become a member?"
CONTACT_START = "President European Clusters Alliance"


def text_to_html(text):
    """Turn the seed page's plain text into HTML: question lines become <h3>, `N. ` lines an
    ordered list, everything else paragraphs. Only the seed's own words, escaped."""
    html, items = [], []
    text = re.sub(r"[ \xa0]+", " ", text)  # the copied page has stray no-break spaces
    for block in (b.strip() for b in re.split(r"\n\s*\n", text)):
        if not block:
            continue
        numbered = re.match(r"^\d+\.\s+(.*)$", block, re.S)
        if numbered:
            items.append(f"<li>{escape(numbered.group(1))}</li>")
            continue
        if items:
            html.append("<ol>" + "".join(items) + "</ol>")
            items = []
        if block.endswith("?") and len(block) < 120:
            html.append(f"<h3>{escape(block)}</h3>")
        else:
            html.append(f"<p>{escape(block)}</p>")
    if items:
        html.append("<ol>" + "".join(items) + "</ol>")
    return "\n".join(html)


def seed_page_sections(page_text):
    """(about_html, membership_html) cut from the seed page at its own headings."""
    about = page_text[page_text.index(ABOUT_START) : page_text.index(MEMBERS_HEADING)]
    join_start = page_text.index(JOIN_HEADING) + len(JOIN_HEADING)
    join = page_text[join_start : page_text.index(CONTACT_START)]
    return text_to_html(about), text_to_html(join)


class Command(BaseCommand):
    help = "Load the real seed data (ECA profile, its members, taxonomies, languages)."

    def add_arguments(self, parser):
        parser.add_argument("--seed-dir", type=Path, default=SEED_DIR)

    @transaction.atomic
    def handle(self, *args, seed_dir, **options):
        taxonomies = json.loads((seed_dir / "taxonomies.json").read_text())
        profile = json.loads((seed_dir / "eca_profile.json").read_text())
        page_text = (seed_dir / "eca-profile-page.txt").read_text()

        self.changed_profiles = set()
        languages = self.load_languages()
        terms = self.load_taxonomies(taxonomies)
        eca = self.load_profile(profile, page_text, terms)
        facts_file = seed_dir / "member_facts.json"
        if facts_file.exists():
            self.load_member_facts(json.loads(facts_file.read_text()))
        services.refresh_profiles(sorted(self.changed_profiles))
        counts = {
            "languages": languages,
            "terms": Term.objects.count(),
            "organisations": Organisation.objects.count(),
            "memberships": eca.memberships.count(),
            "contacts": eca.contacts.count(),
        }
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        changed = len(self.changed_profiles)
        self.stdout.write(
            self.style.SUCCESS(f"Seed loaded: {summary}; {changed} profile(s) changed.")
        )

    def save(self, queryset, lookup, values, of=None, create_only=None):
        """Write one row if it differs; when it changed, note the profile it is part of (`of`:
        an organisation, or "self" for an organisation's own row)."""
        obj, outcome = upsert(
            queryset, lookup, values, create_only=create_only, _change_reason="load_seed"
        )
        if outcome != UNCHANGED and of is not None:
            self.changed_profiles.add(obj.pk if of == "self" else of.pk)
        return obj

    def load_languages(self):
        for languages, official in ((EU_LANGUAGES, True), (OTHER_LANGUAGES, False)):
            for code, name in languages.items():
                self.save(
                    Language.objects, {"code": code}, {"name": name, "is_eu_official": official}
                )
        return len(EU_LANGUAGES) + len(OTHER_LANGUAGES)

    def load_taxonomies(self, taxonomies):
        """Create every term; return {(vocabulary, name): Term} for linking profiles."""
        source = taxonomies["_about"]
        by_name = {}

        def save_term(vocabulary, name, position, parent=None):
            if (vocabulary, name) in TERM_ALIASES:
                return None  # created as its term's alias, below
            aliases = [a for (v, a), t in TERM_ALIASES.items() if (v, t) == (vocabulary, name)]
            term = self.save(
                Term.objects,
                {"vocabulary": vocabulary, "slug": slugify(name)[:100]},
                {
                    "name": name,
                    "position": position,
                    "parent": parent,
                    "source": source[:255],
                    "aliases": "; ".join(aliases),
                },
            )
            by_name[vocabulary, name] = term
            return term

        for vocabulary in Vocabulary:
            entries = taxonomies.get(vocabulary.value, [])
            if isinstance(entries, dict):  # S3 areas: {area: [sub-area, ...]}
                for position, (area, subareas) in enumerate(entries.items()):
                    parent = save_term(vocabulary, area, position)
                    for sub_position, subarea in enumerate(subareas):
                        save_term(vocabulary, subarea, sub_position, parent=parent)
            else:
                for position, name in enumerate(entries):
                    save_term(vocabulary, name, position)
        for (vocabulary, alias), name in TERM_ALIASES.items():
            term = by_name[vocabulary, alias] = by_name[vocabulary, name]
            duplicate = Term.objects.filter(vocabulary=vocabulary, slug=slugify(alias)).first()
            if duplicate is not None:
                self.changed_profiles.update(services.merge_term(duplicate, term))
        return by_name

    def load_profile(self, profile, page_text, terms):
        about_html, membership_html = seed_page_sections(page_text)
        eca_values = {
            "kind": Organisation.Kind.NETWORK,
            "name": profile["name"],
            "short_name": profile["short_name"],
            "country": profile["country"],
            "region": profile["region"],
            "website": profile["website"],
            "about": about_html,
            "membership_info": membership_html,
            "type_of_network": profile["type_of_network"],
            "legal_form": profile["legal_form"],
        }
        published = {"status": Organisation.Status.PUBLISHED}  # staff may withdraw it later
        eca = self.save(
            Organisation.objects, {"slug": slugify(profile["name"])}, eca_values, "self", published
        )

        for position, member in enumerate(profile["members"]):
            organisation = self.save(
                Organisation.objects,
                {"slug": slugify(member["name"])},
                {
                    "kind": Organisation.Kind.NETWORK,
                    "name": member["name"],
                    "country": member["country"],
                },
                "self",
                # A member's website is its manager's to change; member_facts.json fills it
                # when neither the seed nor the manager gave one.
                published | {"website": member.get("website", "")},
            )
            self.save(
                Membership.objects, {"network": eca, "member": organisation},
                {"position": position}, eca,
            )  # fmt: skip

        header = profile["header_contact"]
        for position, contact in enumerate(profile["contacts"]):
            self.save(
                Contact.objects,
                {"organisation": eca, "name": contact["name"]},
                {
                    "role": contact["role"],
                    "area_of_work": (
                        header["line_under_name"] if contact["name"] == header["name"] else ""
                    ),
                    "phone": contact["phone"],
                    "position": position,
                },
                eca,
            )

        social_urls = {
            SocialLink.Network.TWITTER: "https://x.com/{}",
            SocialLink.Network.FACEBOOK: "https://www.facebook.com/{}",
        }
        for network, handle in profile["social"].items():
            handle = handle.lstrip("@")
            url_pattern = social_urls.get(network)
            self.save(
                SocialLink.objects,
                {"organisation": eca, "network": network, "handle": handle},
                {"url": url_pattern.format(handle) if url_pattern else ""},
                eca,
            )

        focus = profile["sectoral_and_industrial_focus"]
        linked = [terms[Vocabulary.SERVICE, name] for name in profile["services_offered"]]
        vocabulary_keys = {
            "sectoral_industry": Vocabulary.SECTORAL_INDUSTRY,
            "cross_sectoral_industry": Vocabulary.CROSS_SECTORAL_INDUSTRY,
            "technology_field": Vocabulary.TECHNOLOGY_FIELD,
        }
        for key, vocabulary in vocabulary_keys.items():
            linked += [terms[vocabulary, name] for name in focus[key]]
        for label in focus["s3_priority_area"]:
            _area, _, subarea = label.partition(":")
            linked.append(terms[Vocabulary.S3_PRIORITY_AREA, subarea.strip()])
        for name in focus["industrial_ecosystem_or_alliance"]:
            linked.append(
                terms.get((Vocabulary.INDUSTRIAL_ECOSYSTEM, name))
                or terms[Vocabulary.INDUSTRIAL_ALLIANCE, name]
            )
        if {term.pk for term in linked} != set(eca.terms.values_list("pk", flat=True)):
            eca.terms.set(linked)
            self.changed_profiles.add(eca.pk)
        return eca

    def load_member_facts(self, facts):
        """Fill the empty fields of each member profile from its public facts (see the module
        docstring); a field or social network that already has a value is left alone."""
        for slug, fact in facts.items():
            if slug.startswith("_"):
                continue
            organisation = Organisation.objects.get(slug=slug)
            candidates = {
                "website": fact["website"],
                "city": fact["city"],
                "about": f"<p>{escape(fact['description'])}</p>" if fact["description"] else "",
                "date_of_establishment": (
                    date.fromisoformat(fact["founded"]) if fact["founded"] else None
                ),
            }
            values = {
                name: value
                for name, value in candidates.items()
                if value and not getattr(organisation, name)
            }
            if values:
                self.save(Organisation.objects, {"pk": organisation.pk}, values, "self")
            networks = set(organisation.social_links.values_list("network", flat=True))
            for link in fact["social"]:
                if link["network"] in networks:
                    continue
                self.save(
                    SocialLink.objects,
                    {"organisation": organisation, "network": link["network"]},
                    {},
                    organisation,
                    {"handle": link["handle"], "url": link["url"]},
                )
