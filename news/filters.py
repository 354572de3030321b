"""The facets of the news, document and best-practice lists."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation, Term, Vocabulary

from .models import SECTOR_VOCABULARIES, BestPractice, Document, NewsItem


class ListFilter(django_filters.FilterSet):
    """Shared: a search box and an organisation facet limited to those with content."""

    q = django_filters.CharFilter(label=_("Search"), method="search", widget=forms.SearchInput)
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        empty_label=_("Any organisation"),
    )

    organisation_related_name = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        published_ids = self.queryset.model.objects.published().values("organisation")
        self.filters["organisation"].queryset = (
            Organisation.objects.published().filter(pk__in=published_ids).only("name", "slug")
        )

    def search(self, queryset, name, value):
        return queryset.search(value)


class NewsFilter(ListFilter):
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="published_at", lookup_expr="year", empty_label=_("Any year")
    )

    class Meta:
        model = NewsItem
        fields = ["q", "organisation", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = NewsItem.objects.published().datetimes("published_at", "year", order="DESC")
        self.filters["year"].extra["choices"] = [(d.year, d.year) for d in years]


class DocumentFilter(ListFilter):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Document.Kind.choices, empty_label=_("Any kind")
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="published_on", lookup_expr="year", empty_label=_("Any year")
    )

    class Meta:
        model = Document
        fields = ["q", "kind", "organisation", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = Document.objects.published().dates("published_on", "year", order="DESC")
        self.filters["year"].extra["choices"] = [(d.year, d.year) for d in years]


class BestPracticeFilter(ListFilter):
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"),
        field_name="terms",
        queryset=Term.objects.filter(vocabulary__in=SECTOR_VOCABULARIES),
        empty_label=_("Any sector"),
    )
    s3_area = django_filters.ModelChoiceFilter(
        label=_("S3 area"),
        field_name="terms",
        queryset=Term.objects.filter(vocabulary=Vocabulary.S3_PRIORITY_AREA).select_related(
            "parent"
        ),
        empty_label=_("Any S3 area"),
    )

    class Meta:
        model = BestPractice
        fields = ["q", "organisation", "sector", "s3_area"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer only the terms some published best practice has: no facet leads nowhere.
        used = BestPractice.objects.published().values("terms")
        for name in ("sector", "s3_area"):
            self.filters[name].queryset = self.filters[name].queryset.filter(pk__in=used)
