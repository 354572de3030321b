import datetime

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Count, Min, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from directory.models import Organisation, Term, Vocabulary, published_q
from eca_site.lib.widgets import FastSelect

from .grids import MAX_YEAR, MIN_YEAR
from .models import SECTOR_VOCABULARIES, Event, local_midnight

FIRST_DAY = datetime.date(MIN_YEAR, 1, 1)
LAST_DAY = datetime.date(MAX_YEAR, 12, 31)


class CalendarDateField(forms.DateField):
    """A date the calendar can compute with: 9999-12-31 plus a day overflows Python's dates,
    so days outside the calendar's years are a form error (issue 12, bug 2)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        message = gettext("Choose a date between %(first)s and %(last)s.") % {
            "first": f"{FIRST_DAY:%d/%m/%Y}",
            "last": f"{LAST_DAY:%d/%m/%Y}",
        }
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


# How many organisers the organiser field suggests (a <datalist>): the most active ones. Any
# other organiser is found by typing part of its name, matched on the server.
ORGANISER_SUGGESTIONS = 30
ORGANISER_DATALIST_ID = "organiser-suggestions"


def _organisers():
    """Published organisations that organise or co-organise at least one published event."""
    return Organisation.objects.published().filter(Event.objects.published().organisers_q())


class OrganiserField(forms.CharField):
    """A name typed (or picked from the suggestions), cleaned into the organisers it means.

    A name or slug equal to an organiser's (any case) means that organiser; a number, the
    organiser with that id (links made before the field took names); otherwise every organiser
    whose name or short name contains the text. Only organisers of published events count; no
    match is a form error, so the filter is ignored rather than showing nothing.
    """

    widget = forms.TextInput(attrs={"list": ORGANISER_DATALIST_ID, "autocomplete": "off"})

    def __init__(self, **kwargs):
        super().__init__(max_length=255, **kwargs)

    def clean(self, value):
        text = " ".join(super().clean(value).split())
        if not text:
            return None
        organisers = _organisers()
        exact = Q(name__iexact=text) | Q(slug=text)
        if text.isdigit() and len(text) <= 18:  # an id: within a 64-bit integer
            exact |= Q(pk=int(text))
        chosen = list(organisers.filter(exact).values_list("pk", flat=True)[:20])
        if chosen:
            return Organisation.objects.filter(pk__in=chosen)
        partial = organisers.filter(Q(name__icontains=text) | Q(short_name__icontains=text))
        if not partial.exists():
            raise forms.ValidationError(
                gettext("No organiser of events matches “%(text)s”."), params={"text": text}
            )
        return Organisation.objects.filter(pk__in=partial.values("pk"))


class OrganiserFilter(django_filters.Filter):
    field_class = OrganiserField


class EventFilter(django_filters.FilterSet):
    """The facets of the events list and of the filtered iCalendar feed."""

    q = django_filters.CharFilter(label=_("Text"), method="filter_text")
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=countries, empty_label=_("Any country"), widget=FastSelect
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"),
        choices=Event.Format.choices,
        empty_label=_("Any format"),
        widget=FastSelect,
    )
    sector = django_filters.ModelChoiceFilter(
        field_name="terms",
        label=_("Sector"),
        queryset=Term.objects.filter(vocabulary__in=SECTOR_VOCABULARIES).order_by("name"),
        empty_label=_("Any sector"),
        widget=FastSelect,
    )
    ecosystem = django_filters.ModelChoiceFilter(
        field_name="terms",
        label=_("Industrial ecosystem"),
        queryset=Term.objects.of(Vocabulary.INDUSTRIAL_ECOSYSTEM).order_by("name"),
        empty_label=_("Any ecosystem"),
        widget=FastSelect,
    )
    organiser = OrganiserFilter(
        label=_("Organiser"),
        method="filter_organiser",
        help_text=_("Type part of a name."),
    )
    date_from = CalendarDateFilter(
        label=_("From"),
        method="filter_date_from",
        widget=DATE_INPUT,
    )
    date_to = CalendarDateFilter(
        label=_("To"),
        method="filter_date_to",
        widget=DATE_INPUT,
    )

    class Meta:
        model = Event
        fields = ["q", "country", "format", "sector", "ecosystem", "organiser"]

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_organiser(self, queryset, name, value):
        return queryset.for_organisations(value)

    @property
    def organiser_suggestions(self):
        """Names of the organisers with the most events in this list (upcoming or past; ties go
        to the earliest event), for the organiser field's <datalist>: one query, whatever the
        number of organisers."""
        top = (
            self.queryset.order_by()
            .filter(published_q("organiser"))
            .values("organiser__name")
            .annotate(events=Count("pk"), first=Min("start"))
            .order_by("-events", "first", "organiser__name")[:ORGANISER_SUGGESTIONS]
        )
        return sorted({row["organiser__name"] for row in top}, key=str.casefold)

    def filter_date_from(self, queryset, name, value):
        """Events still running on or after the start of that day."""
        return queryset.filter(end__gt=local_midnight(value))

    def filter_date_to(self, queryset, name, value):
        """Events starting on or before that day."""
        return queryset.filter(start__lt=local_midnight(value + datetime.timedelta(days=1)))
