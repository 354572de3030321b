import datetime

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django_countries import countries

from directory.models import Organisation, Term, Vocabulary

from .grids import MAX_YEAR, MIN_YEAR
from .models import SECTOR_VOCABULARIES, Event, local_midnight

FIRST_DAY = datetime.date(MIN_YEAR, 1, 1)
LAST_DAY = datetime.date(MAX_YEAR, 12, 31)


class CalendarDateField(forms.DateField):
    """A date the calendar can compute with: 9999-12-31 plus a day overflows Python's dates,
    so days outside the calendar's years are a form error (issue 12, bug 2)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        message = f"Choose a date between {FIRST_DAY:%d/%m/%Y} and {LAST_DAY:%d/%m/%Y}."
        self.validators += [
            MinValueValidator(FIRST_DAY, message=message),
            MaxValueValidator(LAST_DAY, message=message),
        ]


class CalendarDateFilter(django_filters.DateFilter):
    field_class = CalendarDateField


# The browser's date picker offers only the days the filter accepts.
DATE_INPUT = forms.DateInput(
    attrs={"type": "date", "min": FIRST_DAY.isoformat(), "max": LAST_DAY.isoformat()}
)


def _organisers(request=None):
    """Published organisations that organise or co-organise at least one published event."""
    return (
        Organisation.objects.published()
        .filter(Event.objects.published().organisers_q())
        .only("name", "slug")
        .order_by("name")
    )


class EventFilter(django_filters.FilterSet):
    """The facets of the events list and of the filtered iCalendar feed."""

    q = django_filters.CharFilter(label="Text", method="filter_text")
    country = django_filters.ChoiceFilter(choices=countries, empty_label="Any country")
    format = django_filters.ChoiceFilter(choices=Event.Format.choices, empty_label="Any format")
    sector = django_filters.ModelChoiceFilter(
        field_name="terms",
        label="Sector",
        queryset=Term.objects.filter(vocabulary__in=SECTOR_VOCABULARIES).order_by("name"),
        empty_label="Any sector",
    )
    ecosystem = django_filters.ModelChoiceFilter(
        field_name="terms",
        label="Industrial ecosystem",
        queryset=Term.objects.of(Vocabulary.INDUSTRIAL_ECOSYSTEM).order_by("name"),
        empty_label="Any ecosystem",
    )
    organiser = django_filters.ModelChoiceFilter(
        label="Organiser",
        queryset=_organisers,
        method="filter_organiser",
        empty_label="Any organiser",
    )
    date_from = CalendarDateFilter(
        label="From",
        method="filter_date_from",
        widget=DATE_INPUT,
    )
    date_to = CalendarDateFilter(
        label="To",
        method="filter_date_to",
        widget=DATE_INPUT,
    )

    class Meta:
        model = Event
        fields = ["q", "country", "format", "sector", "ecosystem", "organiser"]

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_organiser(self, queryset, name, value):
        return queryset.for_organisation(value)

    def filter_date_from(self, queryset, name, value):
        """Events still running on or after the start of that day."""
        return queryset.filter(end__gt=local_midnight(value))

    def filter_date_to(self, queryset, name, value):
        """Events starting on or before that day."""
        return queryset.filter(start__lt=local_midnight(value + datetime.timedelta(days=1)))
