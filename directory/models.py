"""The directory: organisations, their people, members and classification."""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords
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

    def managed_by(self, user):
        """Profiles `user` may edit in self-service (staff included only as managers)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(managers=user)

    def awaiting_review(self):
        return self.filter(status=Organisation.Status.NEEDS_REVIEW)

    def stale(self, before):
        """Published profiles not updated since `before` (freshness reminders)."""
        return self.published().filter(updated__lt=before)

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
    class Status(models.TextChoices):
        """The validation workflow; `is_published` stays the one public-visibility flag."""

        DRAFT = "draft", "Draft"
        NEEDS_REVIEW = "needs_review", "Needs review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        PUBLISHED = "published", "Published"

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

    # Validation workflow (self-service registration). Staff-created and seeded profiles are
    # "published" by default; self-service drafts are created with status DRAFT.
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PUBLISHED)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_organisations",
        editable=False,
    )
    reviewer_comment = models.TextField(
        blank=True, help_text="Sent to the applicant when you request changes."
    )
    criteria_waived = models.BooleanField(
        "validation criteria waived",
        default=False,
        help_text="For officially recognised cluster programmes: publish although criteria "
        "are unmet.",
    )
    criteria_waiver_reason = models.TextField(blank=True)
    last_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Derived on save (and when terms or tags change): see directory/search.py.
    search_keywords = models.TextField(blank=True, editable=False)
    search_place = models.TextField(blank=True, editable=False)
    search_document = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = OrganisationQuerySet.as_manager()
    # Every save is versioned with who and when (README, "Audit history").
    # managers are access rights, not profile facts: simple-history cannot follow that M2M from
    # the user side (user.managed_organisations.add() would crash), so it is left out.
    # The derived search texts are not facts of the profile: kept out of its history.
    history = HistoricalRecords(
        m2m_fields=[languages, terms],
        excluded_fields=[*SEARCH_TEXT_FIELDS, "search_vector"],
    )

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["is_published", "name"]),
            models.Index(fields=["country"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["completeness"]),
            models.Index(fields=["created"]),
            models.Index(fields=["status"]),
            models.Index(fields=["updated"]),
            models.Index(fields=["region"]),
            models.Index(fields=["date_of_establishment"]),
            # PostgreSQL only (the migration skips them elsewhere): full-text and trigram.
            GinIndex(fields=["search_vector"], name="organisation_search_vector"),
            GinIndex(
                OpClass("search_document", name="gin_trgm_ops"),
                name="organisation_search_trgm",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_published=False) | models.Q(status="published"),
                name="organisation_published_has_published_status",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:profile", args=[self.slug])

    def clean(self):
        if self.criteria_waived and not self.criteria_waiver_reason.strip():
            raise ValidationError(
                {"criteria_waiver_reason": "Give the reason for waiving the criteria."}
            )

    def save(self, *args, **kwargs):
        # Publishing (admin checkbox, bulk action, factories) always means status "published";
        # any other status keeps the profile off the public site.
        if self.is_published:
            self.status = self.Status.PUBLISHED
        self.about_html = sanitize_html(self.about)
        self.membership_info_html = sanitize_html(self.membership_info)
        self.completeness = self.compute_completeness()
        if self.pk:
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
            derived = {
                "about_html",
                "membership_info_html",
                "completeness",
                "status",
                *search_texts,
            }
            kwargs["update_fields"] = {*update_fields, *derived}
        super().save(*args, **kwargs)
        Organisation.objects.filter(pk=self.pk).update_search_vectors()

    def refresh_search_index(self):
        """Recompute the search texts and vector after terms or tags changed."""
        Organisation.objects.filter(pk=self.pk).refresh_search_index()

    # ----- completeness -------------------------------------------------------------------
    # What a complete profile has, and how much each part weighs (sum: 100). Related parts
    # (contacts, members, terms, languages, social links) count once the row is saved;
    # signals call `refresh_completeness()` when they change.
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
        saved = self.pk is not None  # related rows need a saved profile
        vocabularies = set(self.terms.values_list("vocabulary", flat=True)) if saved else set()
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
            "contacts": saved and self.contacts.exists(),
            "type_of_network": bool(self.type_of_network),
            "legal_form": bool(self.legal_form),
            "date_of_establishment": self.date_of_establishment is not None,
            "languages": saved and self.languages.exists(),
            "social_links": saved and self.social_links.exists(),
            "services": Vocabulary.SERVICE in vocabularies,
            "sectoral_focus": bool(vocabularies - {Vocabulary.SERVICE}),
            "members": any(member_counts) or (saved and self.memberships.exists()),
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

    # ----- validation criteria (shown as a checklist on the admin review screen) ----------
    MIN_MEMBERS = 15
    MIN_STAFF_FTE = Decimal("0.5")

    def validation_criteria(self):
        """[(label, met, detail)] computed from the data (languages must be prefetched or cheap).

        "An English website" means: a website address is given and English is among the
        languages the organisation works in -- the data holds no per-page language.
        """
        total = self.member_count_total or 0
        member_types = [
            label
            for label, count in (
                ("businesses", (self.members_sme or 0) + (self.members_large or 0)),
                ("research", self.members_research or 0),
                ("public bodies", self.members_public or 0),
            )
            if count > 0
        ]
        english = self.pk is not None and any(lang.code == "en" for lang in self.languages.all())
        return [
            (f"At least {self.MIN_MEMBERS} members", total >= self.MIN_MEMBERS, f"{total} members"),
            (
                f"At least {self.MIN_STAFF_FTE} FTE cluster-management staff",
                (self.staff_fte or 0) >= self.MIN_STAFF_FTE,
                f"{self.staff_fte if self.staff_fte is not None else 'no'} FTE",
            ),
            (
                "At least two member types among businesses, research, public bodies",
                len(member_types) >= 2,
                ", ".join(member_types) or "none",
            ),
            (
                "An English website (website given and English among the languages)",
                bool(self.website) and english,
                (self.website or "no website") + ("" if english else "; English not listed"),
            ),
        ]

    @property
    def meets_criteria(self):
        return all(met for _label, met, _detail in self.validation_criteria())

    @property
    def can_be_published(self):
        return self.meets_criteria or self.criteria_waived

    @property
    def is_editable_draft(self):
        """Drafts and returned profiles are edited freely; submitted ones wait for staff."""
        return self.status in {self.Status.DRAFT, self.Status.CHANGES_REQUESTED}

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

    history = HistoricalRecords()

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

    history = HistoricalRecords()

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

    history = HistoricalRecords()

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


class AccountProfile(models.Model):
    """What self-service sign-up records about an account: consent and e-mail verification.

    Accounts created by staff (admin, shell) have no AccountProfile and count as verified.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_profile"
    )
    terms_accepted_at = models.DateTimeField()
    privacy_accepted_at = models.DateTimeField()
    email_verified_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["email_verified_at"])]

    def __str__(self):
        return f"Account of {self.user}"

    def get_absolute_url(self):
        return reverse("admin:directory_accountprofile_change", args=[self.pk])

    @property
    def is_verified(self):
        return self.email_verified_at is not None


class ProfileChangeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ProfileChange.Status.PENDING)

    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)


class ProfileChange(models.Model):
    """One change a manager made to a profile: who, when, which field, old and new value.

    Values are stored as JSON (`old_value`/`new_value`, what a revert restores) and as text
    (`old_display`/`new_display`, what the admin diff shows). Changes to a published profile's
    name, country or profile type wait here (PENDING) until staff approve them.
    """

    class Status(models.TextChoices):
        APPLIED = "applied", "Live"
        PENDING = "pending", "Awaiting staff approval"
        REJECTED = "rejected", "Rejected"
        REVERTED = "reverted", "Reverted"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="profile_changes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="profile_changes",
    )
    created = models.DateTimeField(auto_now_add=True)
    field = models.CharField(max_length=64)
    label = models.CharField(max_length=128)
    old_value = models.JSONField(null=True, blank=True)
    new_value = models.JSONField(null=True, blank=True)
    old_display = models.TextField(blank=True)
    new_display = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.APPLIED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decided_profile_changes",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ProfileChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "-created"]),
            models.Index(fields=["status"]),
        ]

    def __str__(self):
        return f"{self.label} of {self.organisation} ({self.get_status_display()})"

    def get_absolute_url(self):
        return self.organisation.get_absolute_url()
