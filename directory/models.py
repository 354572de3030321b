"""The directory: organisations, their people, members and classification."""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django_countries.fields import CountryField
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from eca_site.lib.email_obfuscation import obfuscate_email
from eca_site.lib.models import TimeStampedModel
from eca_site.lib.sanitize import sanitize_html

from . import search as search_engine


class Vocabulary(models.TextChoices):
    """The controlled vocabularies of a cluster profile, in the order a profile shows them."""

    SECTORAL_INDUSTRY = "sectoral_industry", "Sectoral industries"
    CROSS_SECTORAL_INDUSTRY = "cross_sectoral_industry", "Cross-sectoral industries"
    INDUSTRIAL_ECOSYSTEM = "industrial_ecosystem", "Industrial ecosystems"
    INDUSTRIAL_ALLIANCE = "industrial_alliance", "Industrial alliances"
    TECHNOLOGY_FIELD = "technology_field", "Technology fields"
    S3_PRIORITY_AREA = "s3_priority_area", "S3 EU priority areas"
    SERVICE = "service", "Services offered"


class TermQuerySet(models.QuerySet):
    def of(self, vocabulary):
        return self.filter(vocabulary=vocabulary)


class Term(models.Model):
    """One entry of a controlled vocabulary; S3 areas use `parent` for their sub-areas."""

    vocabulary = models.CharField(max_length=32, choices=Vocabulary.choices)
    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=100)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(max_length=255, blank=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["vocabulary", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "slug"], name="term_unique_slug"),
        ]
        indexes = [models.Index(fields=["vocabulary", "position"])]

    def __str__(self):
        if self.parent_id:
            return f"{self.parent.name}: {self.name}"
        return self.name

    def get_absolute_url(self):
        """The directory filtered by this term (the filter parameter is the vocabulary)."""
        return f"{reverse('directory:list')}?{self.vocabulary}={self.slug}"


class Language(models.Model):
    """A language an organisation works in: the 24 official EU languages first, then others."""

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=64)
    is_eu_official = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_eu_official", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('directory:list')}?language={self.code}"


class OrganisationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        return self if user.is_staff else self.published()

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
            "languages",
            "social_links",
            "tags",
        )

    def for_cards(self):
        return self.only(
            "name", "slug", "logo", "country", "region", "city", "kind", "completeness"
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
        return matched.order_by("-rank", "name", "pk")

    def snippets(self, pks, q):
        """{pk: highlighted about-text extract} for the rows `pks`, in one query."""
        return search_engine.snippets(self, pks, q)

    def refresh_search_index(self):
        """Recompute the stored search texts (and the vector on PostgreSQL) of these rows."""
        rows = list(self.only("pk", "name", "short_name", "country", "region", "city", "kind"))
        term_names, tag_names = _names_by_organisation([row.pk for row in rows])
        for row in rows:
            fields = search_engine.search_fields(
                row, term_names.get(row.pk, []), tag_names.get(row.pk, [])
            )
            for name, value in fields.items():
                setattr(row, name, value)
        Organisation.objects.bulk_update(rows, SEARCH_TEXT_FIELDS, batch_size=500)
        return Organisation.objects.filter(pk__in=[row.pk for row in rows]).update_search_vectors()

    def update_search_vectors(self):
        """Rebuild `search_vector` from the stored texts in one UPDATE (PostgreSQL only)."""
        if not search_engine.is_postgresql(self):
            return 0
        return self.update(search_vector=search_engine.search_vector())


SEARCH_TEXT_FIELDS = ["search_keywords", "search_place", "search_document"]


def _names_by_organisation(pks):
    """({pk: [term names]}, {pk: [tag names]}) for the organisations `pks`, in two queries."""
    term_names, tag_names = {}, {}
    links = Organisation.terms.through.objects.filter(organisation_id__in=pks).select_related(
        "term__parent"
    )
    for link in links.order_by("term__vocabulary", "term__position", "term__name"):
        names = term_names.setdefault(link.organisation_id, [])
        if link.term.parent_id:
            names.append(link.term.parent.name)
        names.append(link.term.name)
    tagged = TaggedItem.objects.filter(
        content_type__app_label="directory",
        content_type__model="organisation",
        object_id__in=pks,
    ).values_list("object_id", "tag__name")
    for pk, name in tagged.order_by("tag__name"):
        tag_names.setdefault(pk, []).append(name)
    return term_names, tag_names


class Organisation(TimeStampedModel):
    class Kind(models.TextChoices):
        CLUSTER = "cluster", "Cluster organisation"
        NETWORK = "network", "National or European cluster network / association"
        OTHER = "other", "Other organisation"

    class ExcellenceLabel(models.TextChoices):
        BRONZE = "bronze", "Bronze"
        SILVER = "silver", "Silver"
        GOLD = "gold", "Gold"

    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.CLUSTER)
    name = models.CharField(max_length=255)
    short_name = models.CharField(max_length=64, blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    logo = models.ImageField(upload_to="logos/", blank=True)
    country = CountryField(blank=True)
    region = models.CharField(max_length=128, blank=True)
    city = models.CharField(max_length=128, blank=True)
    website = models.URLField(blank=True)
    about = models.TextField(blank=True, help_text="HTML; sanitised when saved.")
    about_html = models.TextField(blank=True, editable=False)
    membership_info = models.TextField(
        "who can become a member", blank=True, help_text="HTML; sanitised when saved."
    )
    membership_info_html = models.TextField(blank=True, editable=False)
    type_of_network = models.CharField(max_length=128, blank=True)
    legal_form = models.CharField("legal form of the cluster network", max_length=128, blank=True)
    date_of_establishment = models.DateField(null=True, blank=True)
    languages = models.ManyToManyField(Language, blank=True, related_name="organisations")
    terms = models.ManyToManyField(Term, blank=True, related_name="organisations")
    tags = TaggableManager("keywords", blank=True)

    # The facts a cluster directory validates a cluster organisation by.
    members_sme = models.PositiveIntegerField("SME members", null=True, blank=True)
    members_large = models.PositiveIntegerField("large company members", null=True, blank=True)
    members_research = models.PositiveIntegerField(
        "research and education members", null=True, blank=True
    )
    members_public = models.PositiveIntegerField("public body members", null=True, blank=True)
    members_other = models.PositiveIntegerField("other members", null=True, blank=True)
    staff_fte = models.DecimalField(
        "cluster-management staff (FTE)",
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    support_programme = models.CharField(max_length=255, blank=True)
    excellence_label = models.CharField(
        "cluster management excellence label",
        max_length=8,
        choices=ExcellenceLabel.choices,
        blank=True,
    )
    excellence_label_valid_until = models.DateField(null=True, blank=True)

    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="managed_organisations"
    )
    is_published = models.BooleanField("published", default=False)
    completeness = models.PositiveSmallIntegerField(default=0, editable=False)

    # Derived on save (and when terms or tags change): see directory/search.py.
    search_keywords = models.TextField(blank=True, editable=False)
    search_place = models.TextField(blank=True, editable=False)
    search_document = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["is_published", "name"]),
            models.Index(fields=["country"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["completeness"]),
            models.Index(fields=["created"]),
            models.Index(fields=["region"]),
            models.Index(fields=["date_of_establishment"]),
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

    def save(self, *args, **kwargs):
        self.about_html = sanitize_html(self.about)
        self.membership_info_html = sanitize_html(self.membership_info)
        if self.pk:
            self.completeness = self.compute_completeness()
            term_names, tag_names = _names_by_organisation([self.pk])
        else:
            term_names, tag_names = {}, {}
        search_texts = search_engine.search_fields(
            self, term_names.get(self.pk, []), tag_names.get(self.pk, [])
        )
        for name, value in search_texts.items():
            setattr(self, name, value)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            derived = {"about_html", "membership_info_html", "completeness", *search_texts}
            kwargs["update_fields"] = {*update_fields, *derived}
        super().save(*args, **kwargs)
        Organisation.objects.filter(pk=self.pk).update_search_vectors()

    def refresh_search_index(self):
        """Recompute the search texts and vector after terms or tags changed."""
        Organisation.objects.filter(pk=self.pk).refresh_search_index()

    # ----- completeness -------------------------------------------------------------------
    # What a complete profile has, and how much each part weighs (sum: 100). Related parts
    # (contacts, members, terms, languages, social links) count once the row has a primary
    # key; `refresh_completeness()` re-runs it when they change.
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

    def completeness_parts(self):
        """Which weighted parts of the profile are filled (a dict part -> bool)."""
        vocabularies = set(self.terms.values_list("vocabulary", flat=True))
        member_counts = (
            self.members_sme,
            self.members_large,
            self.members_research,
            self.members_public,
            self.members_other,
        )
        return {
            "name": bool(self.name),
            "logo": bool(self.logo),
            "location": bool(self.country and self.region),
            "website": bool(self.website),
            "about": bool(self.about.strip()),
            "contacts": self.contacts.exists(),
            "type_of_network": bool(self.type_of_network),
            "legal_form": bool(self.legal_form),
            "date_of_establishment": self.date_of_establishment is not None,
            "languages": self.languages.exists(),
            "social_links": self.social_links.exists(),
            "services": Vocabulary.SERVICE in vocabularies,
            "sectoral_focus": bool(vocabularies - {Vocabulary.SERVICE}),
            "members": self.memberships.exists() or any(n for n in member_counts),
        }

    def compute_completeness(self):
        parts = self.completeness_parts()
        return sum(w for part, w in self.COMPLETENESS_WEIGHTS.items() if parts[part])

    def refresh_completeness(self):
        value = self.compute_completeness()
        if value != self.completeness:
            Organisation.objects.filter(pk=self.pk).update(completeness=value)
            self.completeness = value
        return value

    # ----- facts shown on the profile ------------------------------------------------------
    @property
    def is_network(self):
        return self.kind == self.Kind.NETWORK

    @property
    def location_label(self):
        """`Belgium: Brussels Region`, as the profile header shows it."""
        if self.country and self.region:
            return f"{self.country.name}: {self.region}"
        return self.country.name if self.country else self.region

    @property
    def header_contact(self):
        """The first contact person, shown in the profile header (prefetched)."""
        contacts = list(self.contacts.all())
        return contacts[0] if contacts else None

    def terms_by_vocabulary(self):
        """{Vocabulary: [Term, ...]} for every vocabulary, empty lists included (prefetched)."""
        grouped = {vocabulary: [] for vocabulary in Vocabulary}
        for term in self.terms.all():
            grouped[Vocabulary(term.vocabulary)].append(term)
        return grouped

    FOCUS_GROUPS = [
        ("Sectoral industries", [Vocabulary.SECTORAL_INDUSTRY]),
        ("Cross-sectoral industries", [Vocabulary.CROSS_SECTORAL_INDUSTRY]),
        (
            "Industrial alliances and ecosystems",
            [Vocabulary.INDUSTRIAL_ECOSYSTEM, Vocabulary.INDUSTRIAL_ALLIANCE],
        ),
        ("Technology fields", [Vocabulary.TECHNOLOGY_FIELD]),
        ("S3 EU priority areas", [Vocabulary.S3_PRIORITY_AREA]),
    ]

    def sectoral_focus(self):
        """[(heading, [Term, ...])] in the order the profile's focus section shows them."""
        grouped = self.terms_by_vocabulary()
        return [
            (heading, [term for v in vocabularies for term in grouped[v]])
            for heading, vocabularies in self.FOCUS_GROUPS
        ]

    @property
    def member_count_total(self):
        counts = (
            self.members_sme,
            self.members_large,
            self.members_research,
            self.members_public,
            self.members_other,
        )
        if all(n is None for n in counts):
            return None
        return sum(n or 0 for n in counts)


class Contact(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=255)
    role = models.CharField(max_length=128, blank=True, help_text="For example: President")
    area_of_work = models.CharField(
        max_length=128, blank=True, help_text="Shown under the name, e.g. International projects"
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["organisation", "position", "pk"]
        indexes = [models.Index(fields=["organisation", "position"])]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    def get_absolute_url(self):
        return self.organisation.get_absolute_url()

    @property
    def obfuscated_email(self):
        return obfuscate_email(self.email)


class Membership(models.Model):
    """`member` belongs to the network or association `network`."""

    network = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="member_of")
    since = models.DateField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["network", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["network", "member"], name="membership_unique"),
            models.CheckConstraint(
                condition=~models.Q(network=models.F("member")), name="membership_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.member} in {self.network}"

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
        OTHER = "other", "Other"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="social_links"
    )
    network = models.CharField(max_length=16, choices=Network.choices)
    handle = models.CharField(max_length=128, help_text="As shown, e.g. @AlliedClusters")
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["organisation", "network"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "network", "handle"], name="social_link_unique"
            ),
        ]

    def __str__(self):
        return f"{self.get_network_display()}: {self.handle}"

    def get_absolute_url(self):
        return self.url or self.organisation.get_absolute_url()
