"""Open data: the rows of the CSV/JSON exports and the schema.org JSON-LD of a profile.

The export columns are a stable public interface (documented in README.md): add new columns
at the end, never rename or reorder existing ones.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django_countries import countries
from taggit.models import TaggedItem

from eca_site.lib.sanitize import plain_text

from .models import Organisation, Vocabulary, member_total

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


MEMBER_FIELDS = list(Organisation.MEMBER_COUNT_FIELDS)
FIELDS = [
    "pk",
    "slug",
    "name",
    "short_name",
    "kind",
    "country",
    "region",
    "city",
    "website",
    "date_of_establishment",
    *MEMBER_FIELDS,
    "completeness",
    "updated",
]


def rows(queryset, base_url=""):
    """One dict per organisation with exactly `COLUMNS` as keys (lists for multi-values).

    Streams plain values, never model instances: one query for the organisations (a server-
    side cursor), then three per CHUNK_SIZE rows for their terms, languages and tags.
    """
    batch = []
    for values in queryset.values(*FIELDS).iterator(chunk_size=CHUNK_SIZE):
        batch.append(values)
        if len(batch) == CHUNK_SIZE:
            yield from _rows_for(batch, base_url)
            batch = []
    if batch:
        yield from _rows_for(batch, base_url)


def _rows_for(batch, base_url):
    pks = [values["pk"] for values in batch]
    terms = defaultdict(lambda: defaultdict(list))
    links = (
        Organisation.terms.through.objects.filter(organisation_id__in=pks)
        .order_by("term__vocabulary", "term__position", "term__name")
        .values_list("organisation_id", "term__vocabulary", "term__name")
    )
    for pk, vocabulary, name in links:
        terms[pk][VOCABULARY_COLUMNS[vocabulary]].append(name)
    languages = defaultdict(list)
    spoken = (
        Organisation.languages.through.objects.filter(organisation_id__in=pks)
        .order_by("language__code")
        .values_list("organisation_id", "language__code")
    )
    for pk, code in spoken:
        languages[pk].append(code)
    tags = defaultdict(list)
    tagged = (
        TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Organisation), object_id__in=pks
        )
        .order_by("tag__name")
        .values_list("object_id", "tag__name")
    )
    for pk, name in tagged:
        tags[pk].append(name)
    with translation.override("en"):  # open data is the same file whatever the page's language
        profile_url = base_url + reverse("directory:profile", args=["SLUG"])
        codes = {v["country"] for v in batch} - {""}
        country_names = {code: str(countries.name(code)) for code in codes}
    for values in batch:
        pk = values["pk"]
        yield {
            "slug": values["slug"],
            "name": values["name"],
            "short_name": values["short_name"],
            "kind": values["kind"],
            "country": values["country"],
            "country_name": country_names.get(values["country"], ""),
            "region": values["region"],
            "city": values["city"],
            "website": values["website"],
            "profile_url": profile_url.replace("SLUG", values["slug"]),
            "date_of_establishment": values["date_of_establishment"],
            "languages": languages[pk],
            **{column: terms[pk][column] for column in VOCABULARY_COLUMNS.values()},
            "tags": tags[pk],
            "member_count": member_total(values[field] for field in MEMBER_FIELDS),
            "completeness": values["completeness"],
            "updated": values["updated"],
        }


def csv_value(column, value):
    if column in LIST_COLUMNS:
        return "; ".join(value)
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def organisation_jsonld(organisation, request):
    """schema.org `Organization` of a profile page, as a dict (`{{ data|json_ld }}` writes it).

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
    description = plain_text(organisation.about_html)
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
    networks = [
        {
            "@type": "Organization",
            "name": network.name,
            "url": request.build_absolute_uri(network.get_absolute_url()),
        }
        for network in organisation.networks
    ]
    if networks:
        data["memberOf"] = networks
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
    return data
