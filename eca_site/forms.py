"""Site-wide forms: the account forms with the honeypot anonymous forms carry."""

from django.contrib.auth import forms as auth_forms

from eca_site.lib.honeypot import HoneypotFormMixin


class LoginForm(HoneypotFormMixin, auth_forms.AuthenticationForm):
    pass


class PasswordResetForm(HoneypotFormMixin, auth_forms.PasswordResetForm):
    pass
