"""Site-wide forms: the site search."""

from django import forms
from django.utils.translation import pgettext_lazy

from eca_site.lib.forms import SingleLineFormMixin


class SiteSearchForm(SingleLineFormMixin, forms.Form):
    """/search/?q=: whitespace folded, at most 200 characters, no NUL bytes (CharField rejects
    them, and PostgreSQL text cannot hold them)."""

    q = forms.CharField(label=pgettext_lazy("noun", "Search"), max_length=200, required=False)

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())
