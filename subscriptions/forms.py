from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries

from directory.models import Organisation, Term
from eca_site.lib.honeypot import HoneypotFormMixin
from eca_site.lib.languages import site_language, translation_language_choices
from eca_site.lib.registry import digest_sections

from .models import VOCABULARIES, Subscription

# Throw-away mailbox services: a digest sent there reaches nobody, and their addresses are
# how robots fill forms. Lower case; a subdomain of one matches too.
DISPOSABLE_DOMAINS = {
    "10minutemail.com", "discard.email", "dispostable.com", "getnada.com", "guerrillamail.com",
    "guerrillamail.net", "maildrop.cc", "mailinator.com", "mailnesia.com", "mintemail.com",
    "mohmal.com", "sharklasers.com", "spam4.me", "temp-mail.org", "tempmail.com",
    "tempmail.dev", "throwawaymail.com", "trashmail.com", "trashmail.de", "yopmail.com",
    "yopmail.fr", "example.com", "example.org", "example.net", "test.com", "invalid",
}  # fmt: skip
DISPOSABLE_MESSAGE = _(
    "Please use an address you will read: “%(domain)s” is a throw-away or example mailbox, "
    "so the confirmation would never reach you."
)


def validate_deliverable(email):
    domain = email.rpartition("@")[2].lower().rstrip(".")
    parts = domain.split(".")
    candidates = {".".join(parts[i:]) for i in range(len(parts))}
    if "." not in domain or candidates & DISPOSABLE_DOMAINS:
        raise ValidationError(DISPOSABLE_MESSAGE, code="disposable", params={"domain": domain})


def section_choices():
    return [(section.key, section.label) for section in digest_sections]


# EU, EEA and EFTA members, the United Kingdom and the candidate countries.
EUROPE = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    "CH", "GB", "AL", "BA", "GE", "MD", "ME", "MK", "RS", "TR", "UA",
]  # fmt: skip


def country_choices():
    """European countries and any other country of a published profile, by name."""
    codes = set(EUROPE) | set(
        Organisation.objects.published().exclude(country="").values_list("country", flat=True)
    )
    return sorted(((code, all_countries.name(code)) for code in codes), key=lambda c: c[1])


class ChoicesForm(forms.Form):
    """What a digest contains: shared by the subscribe form and the manage page."""

    content_types = forms.MultipleChoiceField(
        label=_("What to receive"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of content.")},
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every country. Europe-wide content is always included."),
    )
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Subscription.Frequency.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_types"].choices = section_choices()
        self.fields["countries"].choices = country_choices()
        # One group of checkboxes per vocabulary: sectors, ecosystems, technology fields.
        terms = list(
            Term.objects.filter(vocabulary__in=VOCABULARIES, parent__isnull=True).order_by(
                "position", "name"
            )
        )
        for vocabulary in VOCABULARIES:
            field = forms.ModelMultipleChoiceField(
                label=vocabulary.label,
                queryset=Term.objects.filter(vocabulary=vocabulary),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=gettext("None chosen: all."),
            )
            field.choices = [(t.pk, t.display_name) for t in terms if t.vocabulary == vocabulary]
            self.fields[vocabulary.value] = field
        self.order_fields(["email", "content_types", "countries", *VOCABULARIES, "frequency"])
        self.folded_fields = ["countries", *(v.value for v in VOCABULARIES)]
        daily = {s.key for s in digest_sections if "daily" in s.frequencies}
        if not daily:  # offered once a section (opportunities) takes part in daily digests
            self.fields["frequency"].choices = [Subscription.Frequency.choices[0]]
        self.fields["frequency"].initial = Subscription.Frequency.WEEKLY
        self.daily_sections = daily
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of the e-mails"),
            choices=translation_language_choices,
            initial=site_language(get_language()),
            required=False,  # left out: the page's language (new), unchanged (managing)
        )

    def clean(self):
        data = super().clean()
        data["terms"] = [term for v in VOCABULARIES for term in data.get(v.value) or []]
        if data.get("frequency") == "daily" and not set(data.get("content_types", ())) & (
            self.daily_sections
        ):
            self.add_error(
                "frequency", gettext("The daily digest needs opportunities or calls chosen.")
            )
        return data

    @classmethod
    def initial_for(cls, subscription):
        terms = list(subscription.terms.all())
        return {
            "content_types": subscription.content_types,
            "countries": list(subscription.countries),
            **{
                vocabulary.value: [t for t in terms if t.vocabulary == vocabulary]
                for vocabulary in VOCABULARIES
            },
            "frequency": subscription.frequency,
            "language": subscription.language,
        }


class SubscribeForm(HoneypotFormMixin, ChoicesForm):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        validators=[validate_deliverable],
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
