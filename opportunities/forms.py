from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from directory.models import Term, Vocabulary
from eca_site.lib.timezones import as_wall_clock_in, zone_or_default
from eca_site.lib.translated_text import TranslationsFormMixin

from .models import (
    EXPIRY_MONTHS,
    OPPORTUNITY_VOCABULARIES,
    Call,
    Interest,
    Opportunity,
    OpportunityKind,
    PartnerType,
)

RICH_TEXT_HELP = escape(  # lazy: escape() keeps a lazy string lazy
    _(
        "Plain paragraphs, or simple HTML: <p>, <strong>, <em>, <a href>, <ul>/<ol> lists and "
        "<h3> headings. Anything else is removed when saved."
    )
)
MULTI_HELP = _("Hold Ctrl (Cmd on a Mac) to choose more than one.")


class CallAdminForm(forms.ModelForm):
    """Opening and closing times are typed and shown in the call's own time zone (a call
    closing at 17:00 Brussels time is typed as 17:00 with Europe/Brussels)."""

    class Meta:
        model = Call
        fields = [
            "programme", "title", "slug", "identifier", "summary", "official_url", "opens_at",
            "closes_at", "timezone", "budget", "topics", "eligible_countries", "is_published",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("opens_at", "closes_at"):
                self.initial[name] = timezone.make_naive(
                    getattr(self.instance, name), self.instance.tz
                )

    def clean(self):
        cleaned = super().clean()
        if "timezone" in self.errors:
            return cleaned
        tz = zone_or_default(cleaned.get("timezone") or "")
        for name in ("opens_at", "closes_at"):
            if cleaned.get(name) is not None:
                cleaned[name] = as_wall_clock_in(cleaned[name], tz)
                setattr(self.instance, name, cleaned[name])
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", gettext("A call must close after it opens."))
        return cleaned


def _terms(vocabularies):
    return Term.objects.filter(vocabulary__in=vocabularies).select_related("parent")


class OpportunityForm(TranslationsFormMixin, forms.ModelForm):
    """What a cluster manager fills in; the four vocabularies are stored together as `terms`."""

    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=_terms([Vocabulary.SECTORAL_INDUSTRY, Vocabulary.CROSS_SECTORAL_INDUSTRY]),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=MULTI_HELP,
    )
    ecosystems = forms.ModelMultipleChoiceField(
        label=_("Industrial ecosystems"),
        queryset=_terms([Vocabulary.INDUSTRIAL_ECOSYSTEM]),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=MULTI_HELP,
    )
    technology_fields = forms.ModelMultipleChoiceField(
        label=_("Technology fields"),
        queryset=_terms([Vocabulary.TECHNOLOGY_FIELD]),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=MULTI_HELP,
    )
    s3_areas = forms.ModelMultipleChoiceField(
        label=_("S3 EU priority areas"),
        queryset=_terms([Vocabulary.S3_PRIORITY_AREA]),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=MULTI_HELP,
    )
    sought_partner_types = forms.MultipleChoiceField(
        label=_("Sought partner types"),
        choices=PartnerType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    TERM_FIELDS = ["sectors", "ecosystems", "technology_fields", "s3_areas"]
    translated_texts = ["summary"]

    class Meta:
        model = Opportunity
        fields = [
            "organisation", "kind", "title", "summary", "summary_language", "description",
            "sought_partner_types",
            "sought_countries", "call", "deadline", "expires_on",
        ]  # fmt: skip
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "expires_on": forms.DateInput(attrs={"type": "date"}),
            "sought_countries": forms.SelectMultiple(attrs={"size": 6}),
        }
        labels = {
            "organisation": _("Organisation"),
            "kind": pgettext_lazy("opportunity", "Kind"),
            "title": _("Title"),
            "summary": _("Summary"),
            "description": _("Description"),
            "sought_countries": _("Sought countries"),
            "call": _("Related call"),
            "deadline": _("Deadline"),
            "expires_on": _("Expires on"),
        }
        help_texts = {"description": RICH_TEXT_HELP}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None
        self.fields["kind"].queryset = OpportunityKind.objects.all()
        self.fields["call"].queryset = (
            Call.objects.published().current().select_related("programme")
        )
        self.fields["sought_countries"].help_text = "{} {}".format(
            gettext("Leave empty when partners may come from anywhere."), MULTI_HELP
        )
        self.fields["expires_on"].help_text = gettext(
            "It leaves the lists after this day: at most %(months)s months after it was "
            "first posted (%(latest)s)."
        ) % {"months": EXPIRY_MONTHS, "latest": date_format(self.instance.latest_expiry, "d F Y")}
        # A callable model default adds a hidden "initial-" input (with aria-describedby, which
        # HTML forbids on hidden inputs); the default is shown as the initial value instead.
        self.fields["expires_on"].show_hidden_initial = False
        if self.instance.pk:
            chosen = [term.pk for term in self.instance.terms.all()]
            for name in self.TERM_FIELDS:
                self.fields[name].initial = chosen

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline and deadline < timezone.localdate():
            raise ValidationError(gettext("The deadline is in the past."))
        return deadline

    def clean_expires_on(self):
        expires_on = self.cleaned_data.get("expires_on")
        if expires_on is None:
            return expires_on
        if expires_on < timezone.localdate():
            raise ValidationError(gettext("The expiry date is in the past."))
        latest = self.instance.latest_expiry
        if expires_on > latest:
            raise ValidationError(
                gettext("At most %(months)s months after it was first posted: %(latest)s.")
                % {"months": EXPIRY_MONTHS, "latest": date_format(latest, "d F Y")}
            )
        return expires_on

    def clean(self):
        cleaned = super().clean()
        deadline, expires_on = cleaned.get("deadline"), cleaned.get("expires_on")
        if deadline and expires_on and deadline > expires_on:
            self.add_error("deadline", gettext("The deadline is after the expiry date."))
        return cleaned

    def save(self, commit=True):
        if "expires_on" in self.changed_data:
            self.instance.expiry_reminded_on = None  # a new date earns a new reminder
        return super().save(commit)

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.terms.set(
            [term for name in self.TERM_FIELDS for term in self.cleaned_data[name]]
        )


class InterestForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, empty_label=None, label=_("On behalf of"))
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=Interest.MESSAGE_MAX_LENGTH,
        help_text=_(
            "What you offer and why you fit. Your e-mail address is not shared until they reply."
        ),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 20:
            raise ValidationError(gettext("Say a little more (at least 20 characters)."))
        return message


class ReplyForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (Interest.Status.ANSWERED, _("Answer (they get your message and e-mail address)")),
            (Interest.Status.DECLINED, _("Decline (they are told politely)")),
        ],
        widget=forms.RadioSelect,
        initial=Interest.Status.ANSWERED,
    )
    reply = forms.CharField(
        label=_("Your answer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=Interest.MESSAGE_MAX_LENGTH,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == Interest.Status.ANSWERED
            and not cleaned.get("reply", "").strip()
        ):
            self.add_error(
                "reply", gettext("Write your answer: it is e-mailed to them with your address.")
            )
        return cleaned


__all__ = ["OPPORTUNITY_VOCABULARIES", "CallAdminForm", "InterestForm", "OpportunityForm"]
