"""The directory's faceted filters: one FilterSet for the list page, the exports and the map.

Every parameter is a plain GET value, so each result page is a shareable URL that works
without JavaScript. Within one facet the values are alternatives (OR); facets combine (AND).
Invalid values become form errors and are ignored; the valid ones still apply.

Facet counts are disjunctive: a facet counts the result set filtered by every *other* facet,
so the options of an active facet still show what choosing them would add. That costs one
GROUP BY query per facet (plus one per active vocabulary), whatever the number of profiles.
"""

import hashlib
from collections import defaultdict

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.utils.text import slugify
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from taggit.models import Tag, TaggedItem

from eca_site.lib.content_version import cached, materialised
from eca_site.lib.registry import directory_filters

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
        (RELEVANCE, _("Relevance")),
        (NAME, _("Name (A to Z)")),
        (COMPLETENESS, _("Most complete first")),
        (NEWEST, _("Newest first")),
    ]
    ORDERING = {
        NAME: ["sort_name", "pk"],
        COMPLETENESS: ["-completeness", "sort_name", "pk"],
        NEWEST: ["-created", "-pk"],
    }


class AnyValueMultipleChoiceField(forms.MultipleChoiceField):
    """Regions are free text: any short value is valid (an unknown one matches nothing), but
    never a NUL byte, which no database text column can hold."""

    def valid_value(self, value):
        return 0 < len(value) <= 128 and "\x00" not in value


class AnyValueMultipleFilter(django_filters.MultipleChoiceFilter):
    field_class = AnyValueMultipleChoiceField


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1800)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    country = django_filters.MultipleChoiceFilter(
        label=_("Country"), choices=countries, distinct=False, widget=forms.CheckboxSelectMultiple
    )
    region = AnyValueMultipleFilter(label=_("Region"), distinct=False, method="filter_region")
    kind = django_filters.MultipleChoiceFilter(
        label=_("Type"), choices=Organisation.Kind.choices, distinct=False
    )
    sectoral_industry = django_filters.MultipleChoiceFilter(method="filter_terms")
    cross_sectoral_industry = django_filters.MultipleChoiceFilter(method="filter_terms")
    industrial_ecosystem = django_filters.MultipleChoiceFilter(method="filter_terms")
    industrial_alliance = django_filters.MultipleChoiceFilter(method="filter_terms")
    technology_field = django_filters.MultipleChoiceFilter(method="filter_terms")
    s3_priority_area = django_filters.MultipleChoiceFilter(method="filter_terms")
    service = django_filters.MultipleChoiceFilter(method="filter_terms")
    language = django_filters.MultipleChoiceFilter(
        label=_("Languages spoken"), method="filter_language"
    )
    tag = django_filters.MultipleChoiceFilter(label=_("Tags"), method="filter_tag")
    established_after = YearFilter(
        label=_("Established in or after (year)"),
        field_name="date_of_establishment",
        lookup_expr="year__gte",
    )
    established_before = YearFilter(
        label=_("Established in or before (year)"),
        field_name="date_of_establishment",
        lookup_expr="year__lte",
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SortOrder.CHOICES, empty_label=None, method="filter_nothing"
    )

    TERM_FILTERS = [vocabulary.value for vocabulary in Vocabulary]
    # Facets shown with counts, in the order of the filter panel.
    FACETS = ["country", "region", "kind", *TERM_FILTERS, "language", "tag"]

    class Meta:
        model = Organisation
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self._add_registered_filters()
        # One query each for the choices: every term, every language, the tags in use.
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
            (code, language.display_name) for code, language in self.languages.items()
        ]
        self.content_type = ContentType.objects.get_for_model(Organisation)  # cached
        tagged = TaggedItem.objects.filter(content_type=self.content_type)
        self.tags = {tag.slug: tag for tag in Tag.objects.filter(pk__in=tagged.values("tag_id"))}
        self.filters["tag"].extra["choices"] = [(slug, t.name) for slug, t in self.tags.items()]

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
        tagged = TaggedItem.objects.filter(tag_id__in=ids, content_type=self.content_type)
        return queryset.filter(pk__in=tagged.values("object_id"))

    def _add_registered_filters(self):
        """The yes/no filters other apps register (e.g. "Has upcoming events" from events),
        placed before `sort`."""
        sort = self.filters.pop("sort")
        for key, registered in directory_filters.items():
            extra = django_filters.BooleanFilter(
                field_name=key,
                label=registered.label,
                method="filter_registered",
                widget=forms.CheckboxInput,
            )
            extra.parent, extra.model = self, self.queryset.model
            self.filters[key] = extra
        self.filters["sort"] = sort

    def filter_registered(self, queryset, name, value):
        """A filter another app registered (eca_site.lib.registry.directory_filters)."""
        if not value:
            return queryset
        return dict(directory_filters.items())[name].apply(queryset)

    def registered_filters(self):
        """[(key, label, checked)] of the registered yes/no filters, for the panel."""
        self.errors  # noqa: B018 - validates the form
        return [
            (key, registered.label, bool(self.form.cleaned_data.get(key)))
            for key, registered in directory_filters.items()
        ]

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
            return ["-name_match", "-rank", "sort_name", "pk"]
        return SortOrder.ORDERING[self.sort_order]

    # ----- facets -------------------------------------------------------------------------
    def selected(self, name):
        self.errors  # noqa: B018 - validates the form
        value = self.form.cleaned_data.get(name)
        return set(value or [])

    # Facets whose counts come from a column of the organisation table itself.
    COLUMN_FACETS = ["country", "region", "kind"]

    def facet_counts(self):
        """{facet: {value: count}} for every facet, in ONE query (see facet_sql()).

        The raw counts are cached per content version under the SQL text; those of the
        unfiltered directory, which every first visit and every visit after an edit asks for
        (a 50 ms count of every profile's terms), are also kept in the database for that
        version (`materialised`), so a cold cache costs one small query.
        """
        sql, params = self.facet_sql()

        def run():
            with connections[self.queryset.db].cursor() as cursor:
                cursor.execute(sql, params)
                return [list(row) for row in cursor.fetchall()]

        if self.is_unfiltered():
            digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()[:16]
            rows = materialised(f"directory-facets-{digest}", run)
        else:
            rows = cached("facets", (sql, params), run)
        counts = defaultdict(dict)
        for facet, value, n in rows:
            counts[facet][value] = n
        terms = {str(t.pk): t for t in self.terms}
        languages = {str(language.pk): code for code, language in self.languages.items()}
        tags = {str(tag.pk): slug for slug, tag in self.tags.items()}
        result = {name: counts[name] for name in self.COLUMN_FACETS}
        for vocabulary in self.TERM_FILTERS:
            result[vocabulary] = {}
        for pk, n in counts["term"].items():
            result[terms[pk].vocabulary][terms[pk].slug] = n
        for pk, n in counts["area"].items():  # S3 areas: linked to the area or a sub-area
            result[terms[pk].vocabulary][terms[pk].slug] = n
        result["language"] = {languages[pk]: n for pk, n in counts["language"].items()}
        result["tag"] = {tags[pk]: n for pk, n in counts["tag"].items() if pk in tags}
        return result

    def is_unfiltered(self):
        """No filter applied (the sort order aside)."""
        self.errors  # noqa: B018 - validates the form
        return not any(
            value not in (None, "", [], False)
            for name, value in self.form.cleaned_data.items()
            if name != "sort"
        )

    def facet_sql(self):
        """One statement: a CTE per distinct base set, then a UNION ALL of GROUP BYs.

        A facet counts the rows filtered by every other facet (disjunctive facets), so an
        active facet gets its own base set; all inactive facets share the full result set.
        Each base set is computed once (MATERIALIZED), however many facets read it.
        """
        connection = connections[self.queryset.db]
        qn = connection.ops.quote_name
        materialized = "MATERIALIZED " if connection.vendor == "postgresql" else ""
        active = {name for name in self.FACETS if self.selected(name)}
        ctes, cte_params, branches, branch_params = [], [], [], []
        bases = {}

        def base(name):
            key = name if name in active else None
            if key not in bases:
                alias = f"base{len(bases)}"
                queryset = self.filter_queryset_except(self.queryset.all(), exclude={key})
                queryset = queryset.order_by().values("pk", "country", "region", "kind")
                sql, params = queryset.query.sql_with_params()
                ctes.append(f"{alias}(id, country, region, kind) AS {materialized}({sql})")
                cte_params.extend(params)
                bases[key] = alias
            return bases[key]

        for name in self.COLUMN_FACETS:
            b = base(name)
            branches.append(f"SELECT '{name}', {b}.{name}, COUNT(*) FROM {b} GROUP BY {b}.{name}")
        through = qn(TERM_THROUGH._meta.db_table)
        # Vocabularies that share a base set are counted in one pass over the links.
        term_ids_by_base = defaultdict(list)
        for vocabulary in self.TERM_FILTERS:
            term_ids_by_base[base(vocabulary)] += [
                t.pk for t in self.terms if t.vocabulary == vocabulary
            ]
        for b, ids in term_ids_by_base.items():
            if not ids:
                continue
            placeholders = ", ".join(["%s"] * len(ids))
            branches.append(
                f"SELECT 'term', CAST(l.term_id AS TEXT), COUNT(*) FROM {through} l"
                f" JOIN {b} ON {b}.id = l.organisation_id WHERE l.term_id IN ({placeholders})"
                " GROUP BY l.term_id"
            )
            branch_params.extend(ids)
        for vocabulary in self.TERM_FILTERS:
            b = base(vocabulary)
            ids = [t.pk for t in self.terms if t.vocabulary == vocabulary]
            if not ids:
                continue
            placeholders = ", ".join(["%s"] * len(ids))
            children = [t for t in self.terms if t.vocabulary == vocabulary and t.parent_id]
            if children:
                whens = " ".join(["WHEN %s THEN %s"] * len(children))
                branches.append(
                    f"SELECT 'area', CAST(CASE l.term_id {whens} ELSE l.term_id END AS TEXT),"
                    f" COUNT(DISTINCT l.organisation_id) FROM {through} l"
                    f" JOIN {b} ON {b}.id = l.organisation_id WHERE l.term_id IN ({placeholders})"
                    f" GROUP BY CASE l.term_id {whens} ELSE l.term_id END"
                )
                pairs = [v for t in children for v in (t.pk, t.parent_id)]
                branch_params.extend([*pairs, *ids, *pairs])
        b = base("language")
        branches.append(
            f"SELECT 'language', CAST(l.language_id AS TEXT), COUNT(*)"
            f" FROM {qn(LANGUAGE_THROUGH._meta.db_table)} l"
            f" JOIN {b} ON {b}.id = l.organisation_id GROUP BY l.language_id"
        )
        b = base("tag")
        branches.append(
            f"SELECT 'tag', CAST(t.tag_id AS TEXT), COUNT(*)"
            f" FROM {qn(TaggedItem._meta.db_table)} t"
            f" JOIN {b} ON {b}.id = t.object_id WHERE t.content_type_id = %s GROUP BY t.tag_id"
        )
        branch_params.append(self.content_type.pk)
        sql = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(branches)
        return sql, [*cte_params, *branch_params]

    def facets(self):
        """[{name, label, options: [{value, label, count, selected, depth}]}] for the panel."""
        counts = self.facet_counts()
        facets = []

        def facet(name, options):
            options = [o for o in options if o["count"] or o["selected"]]
            facets.append(
                {
                    "name": name,
                    "label": self.filters[name].label,
                    "options": options,
                    "open": any(o["selected"] for o in options),
                }
            )

        def option(name, value, label, depth=0):
            return {
                "value": value,
                "label": label,
                "count": counts[name].get(value, 0),
                "selected": value in self.selected(name),
                "depth": depth,
                "id": f"filter-{name}-{slugify(value)}",
            }

        codes = {code for code in counts["country"] if code} | self.selected("country")
        facet(
            "country",
            [option("country", c, countries.name(c)) for c in sorted(codes, key=countries.name)],
        )
        regions = sorted((r for r in counts["region"] if r), key=lambda r: -counts["region"][r])
        regions = regions[:REGION_FACET_LIMIT]
        regions += sorted(self.selected("region") - set(regions))
        facet("region", [option("region", r, r) for r in regions])
        facet("kind", [option("kind", v, label) for v, label in Organisation.Kind.choices])
        for vocabulary in Vocabulary:
            terms = _tree_order([t for t in self.terms if t.vocabulary == vocabulary])
            facet(
                vocabulary.value,
                [
                    option(vocabulary.value, t.slug, t.display_name, depth=1 if t.parent_id else 0)
                    for t in terms
                ],
            )
        facet(
            "language",
            [option("language", code, lang.display_name) for code, lang in self.languages.items()],
        )
        top_tags = sorted(counts["tag"], key=lambda slug: (-counts["tag"][slug], slug))
        shown = top_tags[:TAG_FACET_LIMIT]
        shown += sorted(self.selected("tag") - set(shown))
        facet("tag", [option("tag", slug, self.tags[slug].name) for slug in shown])
        return facets

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
            if name == "sort" or name not in data:
                continue
            for value in data.getlist(name):
                if not value:
                    continue
                remaining = data.copy()
                remaining.setlist(name, [v for v in data.getlist(name) if v != value])
                remaining.pop("page", None)
                # Translators: an active filter, e.g. "Country: Spain".
                label = gettext("%(filter)s: %(value)s") % {
                    "filter": self.filters[name].label,
                    "value": self.value_label(name, value),
                }
                query = remaining.urlencode()
                active.append({"label": label, "url": f"{path}?{query}" if query else path})
        return active

    def value_label(self, name, value):
        if name in self.TERM_FILTERS:
            return dict(self.form.fields[name].choices).get(value, value)
        if name == "country":
            return countries.name(value) or value
        if name == "kind":
            return Organisation.Kind(value).label if value in Organisation.Kind else value
        if name == "language" and value in self.languages:
            return self.languages[value].name
        if name == "tag" and value in self.tags:
            return self.tags[value].name
        if name in dict(directory_filters.items()):
            return pgettext("filter value", "yes")
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

    country = django_filters.MultipleChoiceFilter(
        label=_("Country"), choices=countries, distinct=False
    )
    kind = django_filters.MultipleChoiceFilter(
        label=_("Type"), choices=Organisation.Kind.choices, distinct=False
    )

    class Meta:
        model = Organisation
        fields = []
