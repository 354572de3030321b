"""Open data: the rows of the CSV/JSON exports and the schema.org JSON-LD of a profile.

The export columns are a stable public interface (documented in README.md): add new columns
at the end, never rename or reorder existing ones.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .models import Term, Vocabulary

VOCABULARY_COLUMNS = {
    Vocabulary.SECTORAL_INDUSTRY: "sectoral_industries",
    Vocabulary.CROSS_SECTORAL_INDUSTRY: "cross_sectoral_industries",
    Vocabulary.INDUSTRIAL_ECOSYSTEM: "industrial_ecosystems",
    Vocabulary.INDUSTRIAL_ALLIANCE: "industrial_alliances",
    Vocabulary.TECHNOLOGY_FIELD: "technology_fields",
    Vocabulary.S3_PRIORITY_AREA: "s3_priority_areas",
    Vocabulary.SERVICE: "services",
}
COLUMNS = [
    "slug",
    "name",
    "short_name",
    "kind",
    "country",
    "country_name",
    "region",
    "city",
    "website",
    "profile_url",
    "date_of_establishment",
    "languages",
    *VOCABULARY_COLUMNS.values(),
    "tags",
    "member_count",
    "completeness",
    "updated",
]
LIST_COLUMNS = {"languages", "tags", *VOCABULARY_COLUMNS.values()}
CHUNK_SIZE = 1000


def rows(queryset, base_url=""):
    """One dict per organisation with exactly `COLUMNS` as keys (lists for multi-values).

    Iterates in chunks: 1 + 3 queries per CHUNK_SIZE rows, never the whole table in memory.
    """
    queryset = queryset.prefetch_related(
        Prefetch("terms", queryset=Term.objects.order_by("vocabulary", "position", "name")),
        "languages",
        "tags",
    )
    for organisation in queryset.iterator(chunk_size=CHUNK_SIZE):
        terms = {column: [] for column in VOCABULARY_COLUMNS.values()}
        for term in organisation.terms.all():
            terms[VOCABULARY_COLUMNS[term.vocabulary]].append(term.name)
        yield {
            "slug": organisation.slug,
            "name": organisation.name,
            "short_name": organisation.short_name,
            "kind": organisation.kind,
            "country": organisation.country.code or "",
            "country_name": organisation.country.name or "",
            "region": organisation.region,
            "city": organisation.city,
            "website": organisation.website,
            "profile_url": base_url + organisation.get_absolute_url(),
            "date_of_establishment": organisation.date_of_establishment,
            "languages": [language.code for language in organisation.languages.all()],
            **terms,
            "tags": sorted(tag.name for tag in organisation.tags.all()),
            "member_count": organisation.member_count_total,
            "completeness": organisation.completeness,
            "updated": organisation.updated,
        }


def csv_value(column, value):
    if column in LIST_COLUMNS:
        return "; ".join(value)
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


# The characters json_script escapes, so a value can never close the <script> element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def organisation_jsonld(organisation, request):
    """schema.org `Organization` for a profile page, escaped for a <script> data block.

    Uses only prefetched relations (terms, tags, contacts, social links, memberships).
    """
    url = request.build_absolute_uri(organisation.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": url,
        "name": organisation.name,
        "url": url,
    }
    if organisation.short_name:
        data["alternateName"] = organisation.short_name
    description = " ".join(strip_tags(organisation.about_html).split())
    if description:
        data["description"] = Truncator(description).chars(500)
    if organisation.logo:
        data["logo"] = request.build_absolute_uri(organisation.logo.url)
    same_as = [organisation.website] if organisation.website else []
    same_as += [link.url for link in organisation.social_links.all() if link.url]
    if same_as:
        data["sameAs"] = same_as
    address = {
        key: value
        for key, value in (
            ("addressCountry", organisation.country.code or ""),
            ("addressRegion", organisation.region),
            ("addressLocality", organisation.city),
        )
        if value
    }
    if address:
        data["address"] = {"@type": "PostalAddress", **address}
    if organisation.date_of_establishment:
        data["foundingDate"] = organisation.date_of_establishment.isoformat()
    topics = [term.name for term in organisation.terms.all()]
    if topics:
        data["knowsAbout"] = topics
    keywords = [tag.name for tag in organisation.tags.all()]
    if keywords:
        data["keywords"] = ", ".join(sorted(keywords))
    members = [
        {
            "@type": "Organization",
            "name": membership.member.name,
            **(
                {"url": request.build_absolute_uri(membership.member.get_absolute_url())}
                if membership.member.is_published
                else {}
            ),
        }
        for membership in organisation.memberships.all()
    ]
    if members:
        data["member"] = members
    contacts = [
        {
            "@type": "ContactPoint",
            "name": contact.name,
            **({"contactType": contact.role} if contact.role else {}),
            **({"telephone": contact.phone} if contact.phone else {}),
        }
        for contact in organisation.contacts.all()
    ]
    if contacts:
        data["contactPoint"] = contacts
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # escaped just above
