"""The directory's faceted filters: one FilterSet for the list page, the exports and the map.

Every parameter is a plain GET value, so each result page is a shareable URL that works
without JavaScript. Within one facet the values are alternatives (OR); facets combine (AND).
Invalid values become form errors and are ignored; the valid ones still apply.

Facet counts are disjunctive: a facet counts the result set filtered by every *other* facet,
so the options of an active facet still show what choosing them would add. That costs one
GROUP BY query per facet (plus one per active vocabulary), whatever the number of profiles.
"""

from collections import defaultdict
from urllib.parse import urlencode

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_countries import countries
from taggit.models import Tag, TaggedItem

from .models import Language, Organisation, Term, Vocabulary

TERM_THROUGH = Organisation.terms.through
LANGUAGE_THROUGH = Organisation.languages.through
REGION_FACET_LIMIT = 25
TAG_FACET_LIMIT = 25


class SortOrder:
    RELEVANCE = "relevance"
    NAME = "name"
    COMPLETENESS = "completeness"
    NEWEST = "newest"
    CHOICES = [
        (RELEVANCE, "Relevance"),
        (NAME, "Name (A to Z)"),
        (COMPLETENESS, "Most complete first"),
        (NEWEST, "Newest first"),
    ]
    ORDERING = {
        NAME: ["name", "pk"],
        COMPLETENESS: ["-completeness", "name", "pk"],
        NEWEST: ["-created", "-pk"],
    }


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1800)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


def events_relation():
    """The reverse relation `Organisation.events` with a `start` field, once the events app
    provides one (looked up by name: directory never imports events), else None."""
    try:
        relation = Organisation._meta.get_field("events")
    except FieldDoesNotExist:
        return None
    try:
        relation.related_model._meta.get_field("start")
    except FieldDoesNotExist:
        return None
    return relation


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="filter_search")
    country = django_filters.MultipleChoiceFilter(
        choices=countries, distinct=False, widget=forms.CheckboxSelectMultiple
    )
    region = django_filters.MultipleChoiceFilter(distinct=False, method="filter_region")
    kind = django_filters.MultipleChoiceFilter(
        label="Type", choices=Organisation.Kind.choices, distinct=False
    )
    sectoral_industry = django_filters.MultipleChoiceFilter(method="filter_terms")
    cross_sectoral_industry = django_filters.MultipleChoiceFilter(method="filter_terms")
    industrial_ecosystem = django_filters.MultipleChoiceFilter(method="filter_terms")
    industrial_alliance = django_filters.MultipleChoiceFilter(method="filter_terms")
    technology_field = django_filters.MultipleChoiceFilter(method="filter_terms")
    s3_priority_area = django_filters.MultipleChoiceFilter(method="filter_terms")
    service = django_filters.MultipleChoiceFilter(method="filter_terms")
    language = django_filters.MultipleChoiceFilter(
        label="Languages spoken", method="filter_language"
    )
    tag = django_filters.MultipleChoiceFilter(label="Tags", method="filter_tag")
    established_after = YearFilter(
        label="Established in or after (year)",
        field_name="date_of_establishment",
        lookup_expr="year__gte",
    )
    established_before = YearFilter(
        label="Established in or before (year)",
        field_name="date_of_establishment",
        lookup_expr="year__lte",
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by", choices=SortOrder.CHOICES, empty_label=None, method="filter_nothing"
    )

    TERM_FILTERS = [vocabulary.value for vocabulary in Vocabulary]
    # Facets shown with counts, in the order of the filter panel.
    FACETS = ["country", "region", "kind", *TERM_FILTERS, "language", "tag"]

    class Meta:
        model = Organisation
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # One query each for the choices: every term, every language, regions and tags in use.
        self.terms = list(Term.objects.select_related("parent"))
        self.terms_by_slug = defaultdict(dict)
        for term in self.terms:
            self.terms_by_slug[term.vocabulary][term.slug] = term
        for vocabulary in Vocabulary:
            field = self.filters[vocabulary.value]
            field.label = vocabulary.label
            field.extra["choices"] = [
                (term.slug, str(term)) for term in self.terms if term.vocabulary == vocabulary
            ]
        self.languages = {language.code: language for language in Language.objects.all()}
        self.filters["language"].extra["choices"] = [
            (code, language.name) for code, language in self.languages.items()
        ]
        regions = (
            self.queryset.exclude(region="")
            .order_by("region")
            .values_list("region", flat=True)
            .distinct()
        )
        self.filters["region"].extra["choices"] = [(region, region) for region in regions]
        self.tags = {
            tag.slug: tag
            for tag in Tag.objects.filter(
                taggit_taggeditem_items__content_type__model="organisation",
                taggit_taggeditem_items__content_type__app_label="directory",
            ).distinct()
        }
        self.filters["tag"].extra["choices"] = [(slug, t.name) for slug, t in self.tags.items()]
        if events_relation() is not None:
            self.filters["upcoming_events"] = django_filters.BooleanFilter(
                label="Has upcoming events",
                method="filter_upcoming_events",
                widget=forms.CheckboxInput,
            )

    # ----- filtering ----------------------------------------------------------------------
    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_region(self, queryset, name, value):
        return queryset.filter(region__in=value)

    def filter_terms(self, queryset, name, value):
        terms = [self.terms_by_slug[name][slug] for slug in value]
        ids = {term.pk for term in terms}
        # An S3 area selects its sub-areas too.
        ids |= {term.pk for term in self.terms if term.parent_id in ids}
        linked = TERM_THROUGH.objects.filter(term_id__in=ids).values("organisation_id")
        return queryset.filter(pk__in=linked)

    def filter_language(self, queryset, name, value):
        ids = [self.languages[code].pk for code in value]
        linked = LANGUAGE_THROUGH.objects.filter(language_id__in=ids)
        return queryset.filter(pk__in=linked.values("organisation_id"))

    def filter_tag(self, queryset, name, value):
        ids = [self.tags[slug].pk for slug in value]
        tagged = TaggedItem.objects.filter(
            tag_id__in=ids,
            content_type__app_label="directory",
            content_type__model="organisation",
        )
        return queryset.filter(pk__in=tagged.values("object_id"))

    def filter_upcoming_events(self, queryset, name, value):
        if not value:
            return queryset
        upcoming = Organisation.objects.filter(events__start__gte=timezone.now())
        return queryset.filter(pk__in=upcoming.values("pk"))

    def filter_nothing(self, queryset, name, value):
        return queryset  # `sort` is applied last, in filter_queryset()

    def filter_queryset(self, queryset):
        queryset = self.filter_queryset_except(queryset, exclude=())
        return queryset.order_by(*self.ordering())

    def filter_queryset_except(self, queryset, exclude):
        for name, value in self.form.cleaned_data.items():
            if name not in exclude:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def search_text(self):
        self.errors  # noqa: B018 - validates the form
        return self.form.cleaned_data.get("q", "")

    @property
    def sort_order(self):
        self.errors  # noqa: B018 - validates the form
        sort = self.form.cleaned_data.get("sort") or SortOrder.RELEVANCE
        if sort == SortOrder.RELEVANCE and not self.search_text:
            return SortOrder.NAME
        return sort

    def ordering(self):
        if self.sort_order == SortOrder.RELEVANCE:
            return ["-rank", "name", "pk"]
        return SortOrder.ORDERING[self.sort_order]

    # ----- facets -------------------------------------------------------------------------
    def selected(self, name):
        self.errors  # noqa: B018 - validates the form
        value = self.form.cleaned_data.get(name)
        return set(value or [])

    def _base(self, name):
        """Primary keys of the result set filtered by every facet except `name`."""
        queryset = self.filter_queryset_except(self.queryset.all(), exclude={name})
        return queryset.order_by().values("pk")

    def _field_counts(self, name, field):
        rows = (
            Organisation.objects.filter(pk__in=self._base(name))
            .values(field)
            .annotate(n=Count("pk"))
            .order_by("-n", field)
        )
        return {row[field]: row["n"] for row in rows}

    def _term_counts(self):
        """{term pk: count}; an S3 area counts profiles linked to it or to a sub-area."""
        counts = {}
        inactive = [v for v in self.TERM_FILTERS if not self.selected(v)]
        groups = [(inactive, self._base(None))] if inactive else []
        groups += [([v], self._base(v)) for v in self.TERM_FILTERS if self.selected(v)]
        for vocabularies, base in groups:
            links = TERM_THROUGH.objects.filter(
                organisation_id__in=base, term__vocabulary__in=vocabularies
            )
            rows = links.values("term_id").annotate(n=Count("organisation_id"))
            counts.update({row["term_id"]: row["n"] for row in rows})
            if Vocabulary.S3_PRIORITY_AREA in vocabularies:
                areas = (
                    links.filter(term__vocabulary=Vocabulary.S3_PRIORITY_AREA)
                    .annotate(area=Coalesce(F("term__parent_id"), F("term_id")))
                    .values("area")
                    .annotate(n=Count("organisation_id", distinct=True))
                )
                counts.update({row["area"]: row["n"] for row in areas})
        return counts

    def facets(self):
        """[{name, label, options: [{value, label, count, selected, depth}]}] for the panel."""
        facets = []

        def facet(name, options):
            options = [o for o in options if o["count"] or o["selected"]]
            facets.append({"name": name, "label": self.filters[name].label, "options": options})

        def option(name, value, label, count, depth=0):
            selected = value in self.selected(name)
            return {
                "value": value,
                "label": label,
                "count": count,
                "selected": selected,
                "depth": depth,
                "id": f"filter-{name}-{value}",
            }

        country_counts = self._field_counts("country", "country")
        selected_countries = self.selected("country") - set(country_counts)
        facet(
            "country",
            [
                option("country", code, countries.name(code), n)
                for code, n in sorted(country_counts.items(), key=lambda i: countries.name(i[0]))
                if code
            ]
            + [option("country", code, countries.name(code), 0) for code in selected_countries],
        )
        region_counts = self._field_counts("region", "region")
        regions = [(r, n) for r, n in region_counts.items() if r][:REGION_FACET_LIMIT]
        regions += [(r, 0) for r in sorted(self.selected("region") - set(region_counts))]
        facet("region", [option("region", r, r, n) for r, n in regions])
        kind_counts = self._field_counts("kind", "kind")
        facet(
            "kind",
            [option("kind", v, label, kind_counts.get(v, 0)) for v, label in self.kind_choices()],
        )

        term_counts = self._term_counts()
        for vocabulary in Vocabulary:
            terms = [t for t in self.terms if t.vocabulary == vocabulary]
            terms = _tree_order(terms)
            facet(
                vocabulary.value,
                [
                    option(
                        vocabulary.value,
                        t.slug,
                        t.name,
                        term_counts.get(t.pk, 0),
                        depth=1 if t.parent_id else 0,
                    )
                    for t in terms
                ],
            )

        language_rows = (
            LANGUAGE_THROUGH.objects.filter(organisation_id__in=self._base("language"))
            .values("language__code")
            .annotate(n=Count("organisation_id"))
        )
        language_counts = {row["language__code"]: row["n"] for row in language_rows}
        facet(
            "language",
            [
                option("language", code, language.name, language_counts.get(code, 0))
                for code, language in self.languages.items()
            ],
        )

        tag_rows = (
            TaggedItem.objects.filter(
                object_id__in=self._base("tag"),
                content_type__app_label="directory",
                content_type__model="organisation",
            )
            .values("tag__slug", "tag__name")
            .annotate(n=Count("object_id"))
            .order_by("-n", "tag__name")[:TAG_FACET_LIMIT]
        )
        tag_options = [
            option("tag", row["tag__slug"], row["tag__name"], row["n"]) for row in tag_rows
        ]
        shown = {o["value"] for o in tag_options}
        tag_options += [
            option("tag", slug, self.tags[slug].name, 0)
            for slug in sorted(self.selected("tag") - shown)
        ]
        facet("tag", tag_options)
        return facets

    def kind_choices(self):
        return Organisation.Kind.choices

    def error_list(self):
        """[(field label, message)] for the form errors shown above the results."""
        return [
            (self.form.fields[name].label or name, " ".join(messages))
            for name, messages in self.errors.items()
        ]

    # ----- the "active filters" row --------------------------------------------------------
    def active_filters(self, path):
        """[{label, url}] for each applied value, the URL removing just that value."""
        data = self.data
        active = []
        for name in self.form.cleaned_data:
            if name in {"sort"} or name not in data:
                continue
            for value in data.getlist(name):
                if not value or self.form.has_error(name):
                    continue
                remaining = data.copy()
                remaining.setlist(name, [v for v in data.getlist(name) if v != value])
                remaining.pop("page", None)
                label = f"{self.filters[name].label}: {self.value_label(name, value)}"
                query = urlencode(remaining, doseq=True)
                active.append({"label": label, "url": f"{path}?{query}" if query else path})
        return active

    def value_label(self, name, value):
        choices = dict(self.form.fields[name].choices) if name in self.TERM_FILTERS else {}
        if name in self.TERM_FILTERS:
            return choices.get(value, value)
        if name == "country":
            return countries.name(value) or value
        if name == "kind":
            return Organisation.Kind(value).label if value in Organisation.Kind else value
        if name == "language" and value in self.languages:
            return self.languages[value].name
        if name == "tag" and value in self.tags:
            return self.tags[value].name
        if name == "upcoming_events":
            return "yes"
        return value


def _tree_order(terms):
    """Parents each followed by their children, in vocabulary order."""
    children = defaultdict(list)
    for term in terms:
        if term.parent_id:
            children[term.parent_id].append(term)
    ordered = []
    for term in terms:
        if not term.parent_id:
            ordered += [term, *children[term.pk]]
    return ordered


class PartnerFilter(django_filters.FilterSet):
    """The filters of a profile's partner suggestions: country and kind."""

    country = django_filters.MultipleChoiceFilter(choices=countries, distinct=False)
    kind = django_filters.MultipleChoiceFilter(
        label="Type", choices=Organisation.Kind.choices, distinct=False
    )

    class Meta:
        model = Organisation
        fields = []
