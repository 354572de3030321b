"""Site-wide forms: site search, and the account forms with the honeypot anonymous forms carry."""

from django import forms
from django.contrib.auth import forms as auth_forms

from eca_site.lib.honeypot import HoneypotFormMixin


class LoginForm(HoneypotFormMixin, auth_forms.AuthenticationForm):
    pass


class PasswordResetForm(HoneypotFormMixin, auth_forms.PasswordResetForm):
    pass


class SiteSearchForm(forms.Form):
    """/search/?q=: whitespace folded, at most 200 characters, no NUL bytes (CharField rejects
    them, and PostgreSQL text cannot hold them)."""

    q = forms.CharField(label="Search", max_length=200, required=False)

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())
