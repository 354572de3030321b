"""The facets of the opportunity and call lists. Every state is a GET URL; an invalid value
becomes a form error and is ignored (django-filter), never a 500."""

import datetime

import django_filters
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from directory.models import Organisation, Term, Vocabulary

from .models import Call, CallStatus, Opportunity, OpportunityKind, Programme

# One parameter per vocabulary, named as on the directory (term slugs are unique per vocabulary).
# (parameter, label, "any" label, vocabularies)
TERM_FACETS = [
    ("sectoral_industry", _("Sector"), _("Any sector"), [Vocabulary.SECTORAL_INDUSTRY]),
    (
        "industrial_ecosystem",
        _("Industrial ecosystem"),
        _("Any industrial ecosystem"),
        [Vocabulary.INDUSTRIAL_ECOSYSTEM],
    ),
    (
        "technology_field",
        _("Technology field"),
        _("Any technology field"),
        [Vocabulary.TECHNOLOGY_FIELD],
    ),
    ("s3_priority_area", _("S3 area"), _("Any S3 area"), [Vocabulary.S3_PRIORITY_AREA]),
]
DEADLINE_WINDOWS = [
    ("7", _("Within a week")),
    ("30", _("Within a month")),
    ("90", _("Within 3 months")),
]


def _term_filter(name, field_name):
    _name, label, empty_label, vocabularies = next(f for f in TERM_FACETS if f[0] == name)
    return django_filters.ModelChoiceFilter(
        label=label,
        field_name=field_name,
        to_field_name="slug",
        queryset=Term.objects.filter(vocabulary__in=vocabularies),
        empty_label=empty_label,
    )


class SearchMixin:
    def search(self, queryset, name, value):
        return queryset.search(value)


class OpportunityFilter(SearchMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("opportunity", "Kind"),
        queryset=OpportunityKind.objects.all(),
        to_field_name="slug",
        empty_label=_("Any kind"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country of the organisation"),
        field_name="organisation__country",
        choices=[],
        empty_label=_("Any country"),
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        empty_label=_("Any organisation"),
    )
    sectoral_industry = _term_filter("sectoral_industry", "terms")
    industrial_ecosystem = _term_filter("industrial_ecosystem", "terms")
    technology_field = _term_filter("technology_field", "terms")
    s3_priority_area = _term_filter("s3_priority_area", "terms")
    deadline = django_filters.ChoiceFilter(
        label=_("Deadline"),
        choices=DEADLINE_WINDOWS,
        method="deadline_within",
        # Translators: the empty choice of the "Deadline" filter (any deadline).
        empty_label=pgettext_lazy("deadline", "Any"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[("newest", _("Newest first")), ("deadline", _("Deadline, soonest first"))],
        method="sort_by",
        empty_label=None,
        null_label=None,
    )

    class Meta:
        model = Opportunity
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        live = Opportunity.objects.live()
        self.filters["organisation"].queryset = Organisation.objects.filter(
            pk__in=live.values("organisation")
        ).only("name", "slug")
        used_countries = set(live.values_list("organisation__country", flat=True).distinct())
        self.filters["country"].extra["choices"] = [
            (code, name) for code, name in countries if code in used_countries
        ]
        used_terms = live.values("terms")
        for name, *_rest in TERM_FACETS:
            self.filters[name].queryset = self.filters[name].queryset.filter(pk__in=used_terms)
        self.filters["q"].field.widget.input_type = "search"

    def deadline_within(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(
            deadline__gte=today, deadline__lte=today + datetime.timedelta(days=int(value))
        )

    def sort_by(self, queryset, name, value):
        return queryset  # applied in qs, after every filter

    @property
    def qs(self):
        queryset = super().qs.distinct()
        if (
            self.is_bound
            and self.form.is_valid()
            and self.form.cleaned_data.get("sort") == "deadline"
        ):
            return queryset.order_by(F("deadline").asc(nulls_last=True), "-published_at", "pk")
        return queryset.order_by("-published_at", "-pk")


class CallFilter(SearchMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"),
        queryset=Programme.objects.all(),
        to_field_name="slug",
        empty_label=_("Any programme"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(s.value, s.label) for s in CallStatus if s != CallStatus.CLOSED],
        method="with_status",
        empty_label=_("Any status"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Eligible country"),
        choices=countries,
        method="eligible",
        # Translators: the empty choice of the "Eligible country" filter (any country).
        empty_label=pgettext_lazy("eligible country", "Any"),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="topics",
        queryset=Term.objects.none(),
        empty_label=_("Any topic"),
    )

    class Meta:
        model = Call
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["topic"].queryset = Term.objects.filter(
            pk__in=self.queryset.values("topics")
        ).select_related("parent")
        self.filters["q"].field.widget.input_type = "search"

    def with_status(self, queryset, name, value):
        return queryset.with_status(value)

    def eligible(self, queryset, name, value):
        return queryset.filter(Q(eligible_countries="") | Q(eligible_countries__contains=value))

    @property
    def qs(self):
        return super().qs.distinct()
