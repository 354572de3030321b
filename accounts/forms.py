"""Forms of accounts and self-service: sign-up, log-in, registering and editing a profile in
steps, co-editor invitations."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model, password_validation
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.forms.formsets import DELETION_FIELD_NAME
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.models import (
    Contact,
    Language,
    Organisation,
    SocialLink,
    Term,
    Vocabulary,
    in_tree_order,
)
from eca_site.lib.forms import SingleLineFormMixin, SingleLineModelForm
from eca_site.lib.honeypot import HoneypotFormMixin
from eca_site.lib.mail import queue_mail
from eca_site.lib.models import PRIVACY_URL, TERMS_URL
from eca_site.lib.uploads import IMAGE_TYPES, check_upload

ABOUT_MAX_LENGTH = 20_000
LOGO_MAX_BYTES = 2 * 1024 * 1024


class SignupForm(SingleLineFormMixin, HoneypotFormMixin, forms.Form):
    name = forms.CharField(max_length=150, label=_("Your name"))
    # The address is also the username, which holds at most 150 characters.
    email = forms.EmailField(label=_("E-mail address"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accept_terms = forms.BooleanField(label=_("I accept the terms of use"))
    accept_privacy = forms.BooleanField(
        label=_("I have read the privacy notice and agree to my data being processed as described")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept_terms"].label = format_html(
            gettext('I accept the <a href="{url}">terms of use</a>'), url=TERMS_URL
        )
        self.fields["accept_privacy"].label = format_html(
            gettext(
                'I have read the <a href="{url}">privacy notice</a> and agree to my data being '
                "processed as described"
            ),
            url=PRIVACY_URL,
        )

    EXISTS_MESSAGE = _(
        "An account with this e-mail address exists already: log in or reset your password."
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        users = get_user_model().objects
        if users.filter(email__iexact=email).exists() or users.filter(username=email).exists():
            raise forms.ValidationError(self.EXISTS_MESSAGE)
        return email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", gettext("The two passwords differ."))
        elif password1:
            user = get_user_model()(
                username=cleaned.get("email", ""),
                email=cleaned.get("email", ""),
                first_name=cleaned.get("name", ""),
            )
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(SingleLineFormMixin, HoneypotFormMixin, auth_forms.AuthenticationForm):
    """Log in with the e-mail address: self-service accounts have it as their username; an
    account staff created with another username is found by its address too."""

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _(
            "Please enter a correct e-mail address and password. Both fields may be case-sensitive."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.label = gettext("E-mail address")
        field.widget = forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})

    def clean_username(self):
        typed = self.cleaned_data["username"].strip()
        users = get_user_model().objects.filter(email__iexact=typed).order_by("pk")
        if len(matches := users[:2]) == 1:
            return matches[0].username
        return typed.lower() if "@" in typed else typed


class PasswordResetForm(SingleLineFormMixin, HoneypotFormMixin, auth_forms.PasswordResetForm):
    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email,
        html_email_template_name=None,
    ):  # fmt: skip
        """Through the site's one mail path (a background task, retried), like every e-mail."""
        subject = render_to_string(subject_template_name, context)
        body = render_to_string(email_template_name, context)
        html = (
            render_to_string(html_email_template_name, context) if html_email_template_name else ""
        )
        queue_mail(subject, body, [to_email], html=html)


# ----- registering a profile ---------------------------------------------------------------
def with_blank_choice(field):
    """A required <select> starts with an empty option (HTML requires it): django-countries
    drops it when COUNTRIES_FIRST puts the EU's members first."""
    choices = list(field.choices)
    if choices and choices[0][0] != "":
        field.choices = [("", "---------"), *choices]


class NewOrganisationForm(SingleLineModelForm):
    """The first step: the profile type, then the facts a duplicate check needs."""

    confirm_not_duplicate = forms.BooleanField(
        required=False, label=_("None of these is my organisation: register it anyway")
    )

    class Meta:
        model = Organisation
        fields = ["kind", "name", "country", "website"]
        widgets = {"kind": forms.RadioSelect}
        labels = {"kind": _("Profile type"), "website": _("Website")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (Organisation.Kind.CLUSTER, Organisation.Kind.CLUSTER.label),
            (Organisation.Kind.NETWORK, Organisation.Kind.NETWORK.label),
        ]
        self.fields["country"].required = True
        with_blank_choice(self.fields["country"])
        self.user = user
        self.duplicates = []

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        # Only what this user may see: published profiles and their own drafts.
        candidates = Organisation.objects.published() | Organisation.objects.editable_by(self.user)
        self.duplicates = candidates.likely_duplicates(
            cleaned.get("name"), cleaned.get("country"), cleaned.get("website")
        )
        if self.duplicates and not cleaned.get("confirm_not_duplicate"):
            raise forms.ValidationError(
                gettext(
                    "This organisation may be in the directory already: check the profiles listed "
                    "above. If none of them is yours, tick the box and send the form again."
                ),
                code="duplicate",
            )
        return cleaned


class IdentityForm(SingleLineModelForm):
    class Meta:
        model = Organisation
        fields = [
            "kind",
            "name",
            "short_name",
            "country",
            "region",
            "city",
            "website",
            "legal_form",
            "type_of_network",
            "date_of_establishment",
            "languages",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "languages": forms.CheckboxSelectMultiple,
            "date_of_establishment": forms.DateInput(attrs={"type": "date"}),
        }
        labels = {"kind": _("Profile type")}
        help_texts = {"website": _("Its full address, e.g. https://www.example.eu/")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = [Organisation.Kind.CLUSTER, Organisation.Kind.NETWORK]
        if self.instance.kind not in kinds:  # staff classified it otherwise: keep that choice
            kinds.append(Organisation.Kind(self.instance.kind))
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]
        self.fields["country"].required = True
        with_blank_choice(self.fields["country"])
        languages = self.fields["languages"]
        languages.queryset = Language.objects.all()
        # Two labelled groups, each alphabetical (the queryset orders EU languages first).
        official, other = [], []
        for language in languages.queryset:
            (official if language.is_eu_official else other).append((language.pk, language.name))
        languages.choices = [
            group
            for group in [
                (gettext("Official EU languages"), official),
                (gettext("Other languages"), other),
            ]
            if group[1]
        ]
        # Ask a single cluster about itself, not about "the cluster network".
        kind = self.data.get(self.add_prefix("kind")) or self.instance.kind
        if kind == Organisation.Kind.NETWORK:
            self.fields["legal_form"].label = gettext("Legal form of the cluster network")
            self.fields["type_of_network"].label = gettext("Type of network")
        else:
            self.fields["legal_form"].label = gettext("Legal form of the cluster organisation")
            self.fields["type_of_network"].label = gettext("Type of cluster organisation")


class FiguresForm(SingleLineModelForm):
    class Meta:
        model = Organisation
        fields = [*Organisation.MEMBER_COUNT_FIELDS, "staff_fte", "support_programme"]
        help_texts = {
            "staff_fte": _("Full-time equivalents working on cluster management, e.g. 2.5"),
        }


class FocusForm(SingleLineModelForm):
    """One checkbox list per controlled vocabulary, saved together into `terms`."""

    class Meta:
        model = Organisation
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        terms = list(Term.objects.select_related("parent"))
        chosen = (
            set(self.instance.terms.values_list("pk", flat=True)) if self.instance.pk else set()
        )
        for vocabulary in Vocabulary:
            of_vocabulary = [t for t in terms if t.vocabulary == vocabulary]
            choices = [(t.pk, str(t)) for t in in_tree_order(of_vocabulary)]
            self.fields[vocabulary.value] = forms.TypedMultipleChoiceField(
                label=vocabulary.label,
                choices=choices,
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=[pk for pk, _ in choices if pk in chosen],
            )

    def _save_m2m(self):
        self.instance.terms.set(
            [pk for vocabulary in Vocabulary for pk in self.cleaned_data[vocabulary.value]]
        )


class AboutForm(SingleLineModelForm):
    class Meta:
        model = Organisation
        fields = ["about", "membership_info", "logo"]
        # Our upload check (content, size, pixel count) says what is wrong; Django's image
        # field would answer every refusal with "Upload a valid image".
        field_classes = {"logo": forms.FileField}
        widgets = {
            "about": forms.Textarea(attrs={"rows": 10}),
            "membership_info": forms.Textarea(attrs={"rows": 4}),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        }
        help_texts = {
            "about": format_lazy(
                _(
                    "Plain text or simple HTML (paragraphs, lists, links); at most "
                    "{max_length} characters."
                ),
                max_length=f"{ABOUT_MAX_LENGTH:,}",
            ),
            "membership_info": _("Plain text or simple HTML."),
            "logo": _("PNG, JPEG or WebP, at most 2 MB; shown at most 1024 pixels wide."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["about"].max_length = ABOUT_MAX_LENGTH
        self.fields["about"].validators.append(
            forms.fields.validators.MaxLengthValidator(ABOUT_MAX_LENGTH)
        )

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo or not hasattr(logo, "content_type"):
            return logo  # unchanged or cleared
        if logo.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(gettext("The logo is larger than 2 MB."))
        check_upload(logo, IMAGE_TYPES)  # the content, not the name; a pixel-count bound
        logo.seek(0)
        return logo


class RowsFormSet(BaseInlineFormSet):
    """Rows of a profile step (contacts, social links): a few empty rows to fill in without
    saving first; a new row has no "Delete" box and no position (it goes last)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if form.instance.pk is None:
            form.fields.pop(DELETION_FIELD_NAME, None)
            if "position" in form.fields:
                form.fields["position"].widget = forms.HiddenInput()


# Empty rows offered at once: enough for most profiles; saving offers as many again.
EMPTY_ROWS = 3

ContactFormSet = inlineformset_factory(
    Organisation,
    Contact,
    form=SingleLineModelForm,
    formset=RowsFormSet,
    fields=["name", "role", "area_of_work", "email", "phone", "position"],
    extra=EMPTY_ROWS,
    can_delete=True,
    max_num=20,
    validate_max=True,
)

SocialLinkFormSet = inlineformset_factory(
    Organisation,
    SocialLink,
    form=SingleLineModelForm,
    formset=RowsFormSet,
    fields=["network", "handle", "url"],
    labels={"url": _("Link (URL)")},
    extra=EMPTY_ROWS,
    can_delete=True,
    max_num=10,
    validate_max=True,
)


class ContactsStepForm(SingleLineModelForm):
    """The contacts step edits only its formset; this empty form carries the profile."""

    class Meta:
        model = Organisation
        fields = []


class InvitationForm(SingleLineFormMixin, forms.Form):
    email = forms.EmailField(label=_("Colleague's e-mail address"))

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class MemberInvitationForm(SingleLineFormMixin, forms.Form):
    """A network invites an organisation that has no profile yet to register one."""

    name = forms.CharField(max_length=255, label=_("Organisation's name"))
    email = forms.EmailField(label=_("Contact person's e-mail address"), max_length=254)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
