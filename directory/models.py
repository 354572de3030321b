"""The directory: organisations, their people, members and classification."""

import re
import unicodedata
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField, TrigramSimilarity
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from eca_site.lib.email_obfuscation import obfuscate_email
from eca_site.lib.history import SnapshotHistory
from eca_site.lib.languages import language_display_name
from eca_site.lib.models import TimeStampedModel
from eca_site.lib.sanitize import sanitize_html
from eca_site.lib.translated_text import (
    TranslatedText,
    TranslatedTextsMixin,
    original_language_field,
    translations_field,
)
from eca_site.lib.uploads import (
    IMAGE_TYPES,
    MAX_PICTURE_SIDE,
    RandomUploadTo,
    UploadValidator,
    prepare_for_storage,
)

from . import search as search_engine


class Vocabulary(models.TextChoices):
    """The controlled vocabularies of a cluster profile, in the order a profile shows them."""

    SECTORAL_INDUSTRY = "sectoral_industry", _("Sectoral industries")
    CROSS_SECTORAL_INDUSTRY = "cross_sectoral_industry", _("Cross-sectoral industries")
    INDUSTRIAL_ECOSYSTEM = "industrial_ecosystem", _("Industrial ecosystems")
    INDUSTRIAL_ALLIANCE = "industrial_alliance", _("Industrial alliances")
    TECHNOLOGY_FIELD = "technology_field", _("Technology fields")
    # Translators: S3 = the EU's smart specialisation strategies.
    S3_PRIORITY_AREA = "s3_priority_area", _("S3 EU priority areas")
    SERVICE = "service", _("Services offered")


class TermQuerySet(models.QuerySet):
    def of(self, vocabulary):
        return self.filter(vocabulary=vocabulary)


def member_total(counts):
    """The sum of member counts by type, None when no count is given (never 0 for unknown)."""
    counts = [n for n in counts if n is not None]
    return sum(counts) if counts else None


def in_tree_order(terms):
    """`terms` (parents loaded) with each parent directly before its sub-areas: S3 areas listed
    "Digital", "Digital: AI", "Energy" instead of the sub-areas before their parent."""
    ids = {term.pk for term in terms}
    children = {}
    for term in terms:
        children.setdefault(term.parent_id if term.parent_id in ids else None, []).append(term)
    ordered = []

    def visit(parent_id):
        for term in sorted(children.get(parent_id, []), key=lambda t: (t.position, t.name)):
            ordered.append(term)
            visit(term.pk)

    visit(None)
    return ordered


def split_aliases(text):
    """'Clusters matchmaking; B2B meetings' -> ['Clusters matchmaking', 'B2B meetings']."""
    return [alias.strip() for alias in (text or "").split(";") if alias.strip()]


class Term(models.Model):
    """One entry of a controlled vocabulary; S3 areas use `parent` for their sub-areas."""

    vocabulary = models.CharField(
        verbose_name=_("vocabulary"), max_length=32, choices=Vocabulary.choices
    )
    name = models.CharField(verbose_name=_("name"), max_length=255)
    slug = models.SlugField(verbose_name=_("slug"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField(
        verbose_name=pgettext_lazy("order in a list", "position"), default=0
    )
    source = models.CharField(
        verbose_name=pgettext_lazy("where a term comes from", "source"), max_length=255, blank=True
    )
    aliases = models.CharField(
        verbose_name=_("aliases"),
        max_length=255,
        blank=True,
        help_text=_(
            "Other names of this term, separated by “;”: search finds its profiles by "
            "them too, while forms and filters offer the term once."
        ),
    )

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["vocabulary", "position", "name"]
        verbose_name = pgettext_lazy("classification", "term")
        verbose_name_plural = pgettext_lazy("classification", "terms")
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "slug"], name="term_unique_slug"),
        ]
        indexes = [models.Index(fields=["vocabulary", "position"])]

    def __str__(self):
        if self.parent_id:
            return f"{self.parent.display_name}: {self.display_name}"
        return self.display_name

    def get_absolute_url(self):
        """The directory filtered by this term (the filter parameter is the vocabulary)."""
        return f"{reverse('directory:list')}?{self.vocabulary}={self.slug}"

    @property
    def alias_list(self):
        return split_aliases(self.aliases)

    @property
    def display_name(self):
        """The name in the active language: the seed's terms are in the catalogues (context
        "taxonomy", directory/taxonomy_messages.py); a term staff added shows as written."""
        return pgettext("taxonomy", self.name)


class Language(models.Model):
    """A language an organisation works in: the 24 official EU languages first, then others."""

    code = models.CharField(
        verbose_name=pgettext_lazy("language code", "code"), max_length=8, unique=True
    )
    name = models.CharField(verbose_name=_("name"), max_length=64)
    is_eu_official = models.BooleanField(verbose_name=_("is eu official"), default=False)

    class Meta:
        ordering = ["-is_eu_official", "name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return f"{reverse('directory:list')}?language={self.code}"

    @property
    def display_name(self):
        """The language's name in the active language (CLDR, through Babel); as stored when
        CLDR does not know the code."""
        return language_display_name(self.code, self.name)


def published_q(prefix=""):
    """The condition "this organisation is public", for a query through a relation:
    `NewsItem.objects.filter(published_q("organisation"))`. The one place that says it."""
    lookup = f"{prefix}__status" if prefix else "status"
    return Q(**{lookup: Organisation.Status.PUBLISHED})


class OrganisationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_q())

    def editable_by(self, user):
        """Profiles `user` may edit in self-service: those they manage (staff use the admin)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(managers=user)

    def visible_to(self, user):
        """Published profiles; staff see every profile (drafts shown as such)."""
        return self if user.is_staff else self.published()

    def awaiting_review(self):
        return self.filter(status=Organisation.Status.NEEDS_REVIEW)

    def stale(self, before):
        """Published profiles not updated since `before` (freshness reminders)."""
        return self.published().filter(updated__lt=before)

    def for_profile_page(self):
        """Everything the profile page shows, in a fixed number of queries."""
        return self.prefetch_related(
            Prefetch("contacts", queryset=Contact.objects.order_by("position", "pk")),
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("member").order_by(
                    "position", "member__name"
                ),
            ),
            Prefetch("terms", queryset=Term.objects.select_related("parent")),
            Prefetch(
                "member_of",
                queryset=Membership.objects.select_related("network").order_by("network__name"),
            ),
            "languages",
            "social_links",
            "tags",
        )

    def for_cards(self):
        return self.only(
            "name",
            "short_name",
            "slug",
            "logo",
            "country",
            "region",
            "city",
            "kind",
            "completeness",
            "status",
            *Organisation.MEMBER_COUNT_FIELDS,
        )

    def with_main_sectors(self):
        """Each row's sectoral industries as `main_sectors` (one query for the whole page), so
        a directory card can say what tells it apart; the card shows the first two."""
        return self.prefetch_related(
            Prefetch(
                "terms",
                queryset=Term.objects.of(Vocabulary.SECTORAL_INDUSTRY).only(
                    "name", "slug", "vocabulary", "position"
                ),
                to_attr="main_sectors",
            )
        )

    def search(self, q):
        """Rows matching the query `q`, annotated with `rank` and ordered best first.

        The one place that chooses the engine: PostgreSQL full-text search plus trigram
        similarity, or a case-insensitive match on other databases (see directory/search.py).
        """
        q = (q or "").strip()
        if not q:
            return self
        if search_engine.is_postgresql(self):
            matched = search_engine.postgresql_search(self, q)
        else:
            matched = search_engine.fallback_search(self, q)
        # A profile whose name is the query, or starts with it, comes first ("Clustero" was
        # not in the top five: names containing "Cluster" outranked it).
        key = sort_key(q)
        matched = matched.annotate(
            name_match=models.Case(
                models.When(sort_name=key, then=models.Value(2)),
                models.When(sort_name__startswith=key, then=models.Value(1)),
                default=models.Value(0),
                output_field=models.IntegerField(),
            )
        )
        return matched.order_by("-name_match", "-rank", "sort_name", "pk")

    def snippets(self, pks, q):
        """{pk: highlighted about-text extract} for the rows `pks`, in one query."""
        return search_engine.snippets(self, pks, q)

    def likely_duplicates(self, name, country, website, limit=5):
        """Rows with the same website domain, or a similar name in the same country.

        PostgreSQL ranks names by trigram similarity (pg_trgm); SQLite falls back to a
        case-insensitive containment test either way round, ignoring generic words.
        """
        queryset = self.only("name", "slug", "country", "website", "status")
        found = {}
        domain = website_domain(website) if website else ""
        if domain:
            for organisation in queryset.filter(website__icontains=domain)[:50]:
                if website_domain(organisation.website) == domain:
                    found[organisation.pk] = organisation
        if name and country:
            same_country = queryset.filter(country=country)
            if search_engine.is_postgresql(self):
                similar = (
                    same_country.annotate(similarity=TrigramSimilarity("name", name))
                    .filter(similarity__gte=0.3)
                    .order_by("-similarity")
                )
            else:
                words = [
                    w for w in name.split() if len(w) > 3 and w.lower() not in GENERIC_NAME_WORDS
                ] or [name]
                similar = same_country.filter(name__icontains=name)
                for word in words:
                    similar = similar | same_country.filter(name__icontains=word)
            for organisation in similar[:limit]:
                found.setdefault(organisation.pk, organisation)
        return list(found.values())[:limit]

    def update_search_vectors(self):
        """Rebuild `search_vector` from the stored texts in one UPDATE (PostgreSQL only)."""
        if not search_engine.is_postgresql(self):
            return 0
        return self.update(search_vector=search_engine.search_vector())


# Words too common in cluster names to signal a duplicate (SQLite fallback only).
GENERIC_NAME_WORDS = {"cluster", "clusters", "association", "network", "national", "european"}


def website_domain(url):
    """'https://www.Example.eu/path' -> 'example.eu'."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


SEARCH_TEXT_FIELDS = ["search_keywords", "search_place", "search_document", "search_translations"]
DERIVED_FIELDS = ["completeness", *SEARCH_TEXT_FIELDS, "search_vector", "sort_name"]


def sort_key(name):
    """A case- and accent-insensitive sort key: "go-cluster" sorts with G, "Écija" with E."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Organisation(TranslatedTextsMixin, TimeStampedModel):
    class Status(models.TextChoices):
        """Where a profile is in its life; only PUBLISHED is public. `directory.services`
        moves a profile between them (publish, request changes, withdraw); self-service
        submits drafts for review."""

        DRAFT = "draft", pgettext_lazy("profile status", "Draft")
        NEEDS_REVIEW = "needs_review", pgettext_lazy("profile status", "Needs review")
        CHANGES_REQUESTED = (
            "changes_requested",
            pgettext_lazy("profile status", "Changes requested"),
        )
        PUBLISHED = "published", pgettext_lazy("profile status", "Published")
        WITHDRAWN = "withdrawn", pgettext_lazy("profile status", "Withdrawn")

    class Kind(models.TextChoices):
        CLUSTER = "cluster", _("Cluster organisation")
        NETWORK = "network", _("National or European cluster network / association")
        OTHER = "other", _("Other organisation")

    class ExcellenceLabel(models.TextChoices):
        # Translators: the levels of the European Cluster Excellence label (ECEI).
        BRONZE = "bronze", pgettext_lazy("excellence label", "Bronze")
        SILVER = "silver", pgettext_lazy("excellence label", "Silver")
        GOLD = "gold", pgettext_lazy("excellence label", "Gold")

    kind = models.CharField(
        verbose_name=_("kind"), max_length=16, choices=Kind.choices, default=Kind.CLUSTER
    )
    name = models.CharField(verbose_name=_("name"), max_length=255)
    # Derived from `name` on save: what "Name (A to Z)" and the admin sort by.
    sort_name = models.CharField(max_length=255, editable=False, default="")
    short_name = models.CharField(verbose_name=_("short name"), max_length=64, blank=True)
    slug = models.SlugField(verbose_name=_("slug"), max_length=120, unique=True)
    logo = models.ImageField(
        verbose_name=_("logo"),
        upload_to=RandomUploadTo("logos"),
        max_length=255,
        blank=True,
        validators=[UploadValidator("image")],
        help_text=_("PNG, JPEG or WebP; re-encoded to at most 1024 pixels, without metadata."),
    )
    country = CountryField(verbose_name=_("country"), blank=True)
    region = models.CharField(verbose_name=_("region"), max_length=128, blank=True)
    city = models.CharField(verbose_name=_("city"), max_length=128, blank=True)
    website = models.URLField(verbose_name=_("website"), blank=True)
    about = models.TextField(
        verbose_name=_("about"), blank=True, help_text=_("HTML; sanitised when saved.")
    )
    about_html = models.TextField(verbose_name=_("about html"), blank=True, editable=False)
    membership_info = models.TextField(
        _("who can become a member"), blank=True, help_text=_("HTML; sanitised when saved.")
    )
    membership_info_html = models.TextField(
        verbose_name=_("membership info html"), blank=True, editable=False
    )
    type_of_network = models.CharField(
        verbose_name=_("type of network"), max_length=128, blank=True
    )
    legal_form = models.CharField(
        _("legal form of the cluster network"), max_length=128, blank=True
    )
    date_of_establishment = models.DateField(
        verbose_name=_("date of establishment"), null=True, blank=True
    )
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages"), blank=True, related_name="organisations"
    )
    terms = models.ManyToManyField(
        Term,
        verbose_name=pgettext_lazy("classification", "terms"),
        blank=True,
        related_name="organisations",
    )
    tags = TaggableManager(_("keywords"), blank=True)

    # The facts a cluster directory validates a cluster organisation by.
    members_sme = models.PositiveIntegerField(_("SME members"), null=True, blank=True)
    members_large = models.PositiveIntegerField(_("large company members"), null=True, blank=True)
    members_research = models.PositiveIntegerField(
        _("research and education members"), null=True, blank=True
    )
    members_public = models.PositiveIntegerField(_("public body members"), null=True, blank=True)
    members_other = models.PositiveIntegerField(_("other members"), null=True, blank=True)
    staff_fte = models.DecimalField(
        # Translators: FTE = full-time equivalent.
        _("cluster-management staff (FTE)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    support_programme = models.CharField(
        verbose_name=_("support programme"), max_length=255, blank=True
    )
    excellence_label = models.CharField(
        _("cluster management excellence label"),
        max_length=8,
        choices=ExcellenceLabel.choices,
        blank=True,
    )
    excellence_label_valid_until = models.DateField(
        verbose_name=_("excellence label valid until"), null=True, blank=True
    )

    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("managers"),
        blank=True,
        related_name="managed_organisations",
    )
    completeness = models.PositiveSmallIntegerField(
        verbose_name=_("completeness"), default=0, editable=False
    )

    # The one publication state (see Status); directory.services changes it.
    status = models.CharField(
        verbose_name=_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(
        verbose_name=_("submitted at"), null=True, blank=True, editable=False
    )
    reviewed_at = models.DateTimeField(
        verbose_name=_("reviewed at"), null=True, blank=True, editable=False
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_organisations",
        editable=False,
    )
    reviewer_comment = models.TextField(
        verbose_name=_("reviewer comment"),
        blank=True,
        help_text=_("Sent to the applicant when you request changes."),
    )
    criteria_waived = models.BooleanField(
        _("validation criteria waived"),
        default=False,
        help_text=_(
            "For officially recognised cluster programmes: publish although criteria are unmet."
        ),
    )
    criteria_waiver_reason = models.TextField(verbose_name=_("criteria waiver reason"), blank=True)
    last_reminded_at = models.DateTimeField(
        verbose_name=_("last reminded at"), null=True, blank=True, editable=False
    )
    # Derived by directory.services.refresh_profiles() after every change (directory/search.py).
    search_keywords = models.TextField(blank=True, editable=False)
    search_place = models.TextField(blank=True, editable=False)
    search_document = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    # The about text in more languages (eca_site/lib/translated_text.py); the search index
    # keeps their words too (search_translations, derived like the fields above).
    about_language = original_language_field()
    about_translations = translations_field()
    search_translations = models.TextField(blank=True, editable=False)

    TRANSLATED_TEXTS = {"about": TranslatedText(clean=sanitize_html, html_field="about_html")}

    objects = OrganisationQuerySet.as_manager()
    # Every save is versioned with who, when and why (README, "Audit history"), terms and
    # languages included. Managers are access rights, not profile facts; the derived fields
    # are recomputed from the facts, so neither is kept in the history.
    history = SnapshotHistory(snapshot_m2m=["terms", "languages"], excluded_fields=DERIVED_FIELDS)

    class Meta:
        ordering = ["sort_name", "pk"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["status", "name"]),
            models.Index(fields=["sort_name"]),
            models.Index(fields=["country"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["completeness"]),
            models.Index(fields=["created"]),
            models.Index(fields=["updated"]),
            models.Index(fields=["region"]),
            models.Index(fields=["date_of_establishment"]),
            # PostgreSQL also has "organisation_facets" (status) INCLUDE (id, country, region,
            # kind), created by migration 0008 only there (SQLite has no covering indexes).
            # PostgreSQL only (the migration skips them elsewhere): full-text and trigram.
            GinIndex(fields=["search_vector"], name="organisation_search_vector"),
            GinIndex(
                OpClass("search_document", name="gin_trgm_ops"),
                name="organisation_search_trgm",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:profile", args=[self.slug])

    def upload_folder(self):
        """Where its logos are stored (`logos/<slug>/<random name>`)."""
        return self.slug or "new"

    def clean(self):
        if self.criteria_waived and not self.criteria_waiver_reason.strip():
            raise ValidationError(
                {"criteria_waiver_reason": gettext("Give the reason for waiving the criteria.")}
            )

    def save(self, *args, **kwargs):
        """Save the row (and its history row). Rich text is sanitised here; everything else
        derived (completeness, search index) is refreshed by directory.services after the
        change, once, however many rows changed."""
        self.about_html = sanitize_html(self.about)
        self.clean_translations()
        self.membership_info_html = sanitize_html(self.membership_info)
        self.sort_name = sort_key(self.name)
        # A new logo: content checked, re-encoded small without EXIF/GPS, stored under a
        # random name (eca_site.lib.uploads), as every upload.
        prepare_for_storage(self.logo, IMAGE_TYPES, max_side=MAX_PICTURE_SIDE)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            extra = {"about_html"} if "about" in update_fields else set()
            if "name" in update_fields:
                extra.add("sort_name")
            if "membership_info" in update_fields:
                extra.add("membership_info_html")
            kwargs["update_fields"] = {*update_fields, *extra}
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def website_label(self):
        """The website as link text: its domain ("clusterplattform.de"), not a long path."""
        return website_domain(self.website)

    # ----- completeness -------------------------------------------------------------------
    # What a complete profile has, and how much each part weighs (sum: 100).
    COMPLETENESS_WEIGHTS = {
        "name": 5,
        "logo": 10,
        "location": 5,  # country and region
        "website": 5,
        "about": 15,
        "contacts": 10,
        "type_of_network": 5,
        "legal_form": 5,
        "date_of_establishment": 5,
        "languages": 5,
        "social_links": 5,
        "services": 10,
        "sectoral_focus": 10,  # any sector, ecosystem, alliance, technology field or S3 area
        "members": 5,  # member organisations listed, or member counts given
    }

    def completeness_parts(self, related):
        """Which weighted parts are filled (part -> bool). `related` says what the related rows
        hold: {"vocabularies": set, "contacts", "languages", "social_links", "members": bool}
        (directory.services.refresh_profiles reads them for many profiles at once)."""
        vocabularies = related["vocabularies"]
        return {
            "name": bool(self.name),
            "logo": bool(self.logo),
            "location": bool(self.country and self.region),
            "website": bool(self.website),
            "about": bool(self.about.strip()),
            "contacts": related["contacts"],
            "type_of_network": bool(self.type_of_network),
            "legal_form": bool(self.legal_form),
            "date_of_establishment": self.date_of_establishment is not None,
            "languages": related["languages"],
            "social_links": related["social_links"],
            "services": Vocabulary.SERVICE in vocabularies,
            "sectoral_focus": bool(vocabularies - {Vocabulary.SERVICE}),
            "members": self.member_count_total is not None or related["members"],
        }

    def compute_completeness(self, related):
        parts = self.completeness_parts(related)
        return sum(w for part, w in self.COMPLETENESS_WEIGHTS.items() if parts[part])

    # ----- validation criteria (shown as a checklist on the admin review screen) ----------
    MIN_MEMBERS = 15
    MIN_STAFF_FTE = Decimal("0.5")

    def validation_criteria(self):
        """[(label, met, detail)] computed from the data (languages must be prefetched or cheap).

        "An English website" means: a website address is given and English is among the
        languages the organisation works in -- the data holds no per-page language.
        """
        total = self.member_count
        member_types = [
            label
            for label, count in (
                (gettext("businesses"), (self.members_sme or 0) + (self.members_large or 0)),
                (gettext("research"), self.members_research or 0),
                (gettext("public bodies"), self.members_public or 0),
            )
            if count > 0
        ]
        english = self.pk is not None and any(lang.code == "en" for lang in self.languages.all())
        if self.staff_fte is None:
            staff = gettext("no FTE")
        else:
            staff = gettext("%(fte)s FTE") % {"fte": number_format(self.staff_fte)}
        website = self.website or gettext("no website")
        if not english:
            website = gettext("%(website)s; English not listed") % {"website": website}
        return [
            (
                ngettext(
                    "At least %(count)s member", "At least %(count)s members", self.MIN_MEMBERS
                )
                % {"count": self.MIN_MEMBERS},
                total >= self.MIN_MEMBERS,
                ngettext("%(count)s member", "%(count)s members", total) % {"count": total},
            ),
            (
                # Translators: FTE = full-time equivalent.
                gettext("At least %(fte)s FTE cluster-management staff")
                % {"fte": number_format(self.MIN_STAFF_FTE)},
                (self.staff_fte or 0) >= self.MIN_STAFF_FTE,
                staff,
            ),
            (
                gettext("At least two member types among businesses, research, public bodies"),
                len(member_types) >= 2,
                ", ".join(member_types) or gettext("none"),
            ),
            (
                gettext("An English website (website given and English among the languages)"),
                bool(self.website) and english,
                website,
            ),
        ]

    @property
    def meets_criteria(self):
        return all(met for _label, met, _detail in self.validation_criteria())

    @property
    def can_be_published(self):
        return self.meets_criteria or self.criteria_waived

    # Statuses from which managers may (re)submit a profile for review.
    SUBMITTABLE = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED, Status.WITHDRAWN})

    @property
    def is_editable_draft(self):
        """Not public: edited freely, then submitted; profiles under review wait for staff."""
        return self.status in self.SUBMITTABLE

    # ----- facts shown on the profile ------------------------------------------------------
    @property
    def is_network(self):
        return self.kind == self.Kind.NETWORK

    @property
    def location_label(self):
        """`Belgium: Brussels Region`, `Poland: Warsaw` or `Slovakia: Nitra`, as the profile
        header shows it: the country, then the region and the city when known."""
        places = ", ".join(dict.fromkeys(filter(None, [self.region, self.city])))
        if self.country and places:
            return f"{self.country.name}: {places}"
        return self.country.name if self.country else places

    @property
    def header_contact(self):
        """The first contact person, shown in the profile header (prefetched)."""
        contacts = list(self.contacts.all())
        return contacts[0] if contacts else None

    CARD_KIND_LABELS = {
        Kind.CLUSTER: _("Cluster"),
        Kind.NETWORK: _("Cluster network"),
        Kind.OTHER: "",
    }

    @property
    def card_kind(self):
        """The profile type in a word or two, for cards ("Cluster network")."""
        return self.CARD_KIND_LABELS.get(self.kind, "")

    @property
    def initials(self):
        """The logo placeholder's text: a short name of up to four letters ("ECA"), else the
        initials of the first two significant words ("Spanish Federation of ..." -> "SF",
        "go-cluster" -> "GC")."""
        if self.short_name.isalpha() and len(self.short_name) <= 4:
            return self.short_name
        words = [w for w in re.split(r"[\s\-\u2013/]+", self.name) if w[:1].isalnum()]
        significant = [w for w in words if w.lower() not in NAME_STOP_WORDS] or words
        return "".join(w[0] for w in significant[:2]).upper()

    @property
    def networks(self):
        """The published networks this organisation is a member of (prefetched)."""
        return [m.network for m in self.member_of.all() if m.network.is_published]

    @property
    def member_figures(self):
        """[(label, number)] of the members by type and staff a manager entered."""
        figures = [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.MEMBER_COUNT_FIELDS
        ]
        figures.append((gettext("cluster-management staff (FTE)"), self.staff_fte))
        return [(label, value) for label, value in figures if value is not None]

    def missing_facts(self):
        """Names of the header facts the profile leaves empty, shown in one line instead of a
        box each ("Not provided yet: legal form, languages spoken"); languages prefetched."""
        missing = [
            name
            for name, value in [
                (gettext("type of network"), self.type_of_network),
                (gettext("legal form"), self.legal_form),
                (gettext("date of establishment"), self.date_of_establishment),
            ]
            if not value
        ]
        if not self.languages.all():
            missing.append(gettext("languages spoken"))
        return missing

    def terms_by_vocabulary(self):
        """{Vocabulary: [Term, ...]} for every vocabulary, empty lists included (prefetched)."""
        grouped = {vocabulary: [] for vocabulary in Vocabulary}
        for term in self.terms.all():
            grouped[Vocabulary(term.vocabulary)].append(term)
        return grouped

    FOCUS_GROUPS = [
        (_("Sectoral industries"), [Vocabulary.SECTORAL_INDUSTRY]),
        (_("Cross-sectoral industries"), [Vocabulary.CROSS_SECTORAL_INDUSTRY]),
        (
            _("Industrial alliances and ecosystems"),
            [Vocabulary.INDUSTRIAL_ECOSYSTEM, Vocabulary.INDUSTRIAL_ALLIANCE],
        ),
        (_("Technology fields"), [Vocabulary.TECHNOLOGY_FIELD]),
        (_("S3 EU priority areas"), [Vocabulary.S3_PRIORITY_AREA]),
    ]

    def sectoral_focus(self):
        """[(heading, [Term, ...])] in the order the profile's focus section shows them."""
        grouped = self.terms_by_vocabulary()
        return [
            (heading, [term for v in vocabularies for term in grouped[v]])
            for heading, vocabularies in self.FOCUS_GROUPS
        ]

    MEMBER_COUNT_FIELDS = (
        "members_sme",
        "members_large",
        "members_research",
        "members_public",
        "members_other",
    )

    @property
    def member_count_total(self):
        """The sum of the member counts given by type; None when none is given."""
        return member_total(getattr(self, name) for name in self.MEMBER_COUNT_FIELDS)

    @property
    def member_count(self):
        """How many members: the counts by type when given, else the member organisations
        listed on the profile (memberships prefetched or counted)."""
        total = self.member_count_total
        if total is not None:
            return total
        return len(self.memberships.all()) if self.pk else 0


class Contact(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(verbose_name=_("name"), max_length=255)
    role = models.CharField(
        verbose_name=_("role"), max_length=128, blank=True, help_text=_("For example: President")
    )
    area_of_work = models.CharField(
        verbose_name=_("area of work"),
        max_length=128,
        blank=True,
        help_text=_("Shown under the name, e.g. International projects"),
    )
    email = models.EmailField(verbose_name=_("email"), blank=True)
    phone = models.CharField(verbose_name=_("phone"), max_length=32, blank=True)
    position = models.PositiveSmallIntegerField(
        verbose_name=pgettext_lazy("order in a list", "position"), default=0
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "position", "pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [models.Index(fields=["organisation", "position"])]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    def get_absolute_url(self):
        return self.organisation.get_absolute_url()

    @property
    def obfuscated_email(self):
        return obfuscate_email(self.email)


# Words that do not make initials: articles and prepositions of the EU languages' names.
NAME_STOP_WORDS = {
    "a", "and", "de", "del", "der", "des", "di", "die", "du", "e", "et", "for", "für", "in",
    "la", "le", "les", "of", "the", "und", "y", "van", "von", "z", "w", "na", "i",
}  # fmt: skip


class Membership(models.Model):
    """`member` belongs to the network or association `network`."""

    network = models.ForeignKey(
        Organisation,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    member = models.ForeignKey(
        Organisation, verbose_name=_("member"), on_delete=models.PROTECT, related_name="member_of"
    )
    since = models.DateField(
        verbose_name=pgettext_lazy("member since", "since"), null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(
        verbose_name=pgettext_lazy("order in a list", "position"), default=0
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["network", "position", "pk"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["network", "member"], name="membership_unique"),
            models.CheckConstraint(
                condition=~models.Q(network=models.F("member")), name="membership_not_self"
            ),
        ]

    def __str__(self):
        # Translators: a membership, e.g. "Cluster A in National Cluster Network B".
        return gettext("%(member)s in %(network)s") % {
            "member": self.member,
            "network": self.network,
        }

    def get_absolute_url(self):
        return self.network.get_absolute_url()


class SocialLink(models.Model):
    class Network(models.TextChoices):
        TWITTER = "twitter", "Twitter"
        LINKEDIN = "linkedin", "LinkedIn"
        FACEBOOK = "facebook", "Facebook"
        YOUTUBE = "youtube", "YouTube"
        INSTAGRAM = "instagram", "Instagram"
        MASTODON = "mastodon", "Mastodon"
        OTHER = "other", pgettext_lazy("social network", "Other")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="social_links",
    )
    network = models.CharField(
        verbose_name=pgettext_lazy("social media", "network"),
        max_length=16,
        choices=Network.choices,
    )
    handle = models.CharField(
        verbose_name=pgettext_lazy("social media", "handle"),
        max_length=128,
        help_text=_("As shown, e.g. @AlliedClusters"),
    )
    url = models.URLField(verbose_name=_("url"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "network"]
        verbose_name = _("social link")
        verbose_name_plural = _("social links")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "network", "handle"], name="social_link_unique"
            ),
        ]

    def __str__(self):
        return f"{self.get_network_display()}: {self.handle}"

    def get_absolute_url(self):
        return self.url or self.organisation.get_absolute_url()
