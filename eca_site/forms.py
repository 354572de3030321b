"""Site-wide forms: the site search."""

from django import forms

from eca_site.lib.forms import SingleLineFormMixin


class SiteSearchForm(SingleLineFormMixin, forms.Form):
    """/search/?q=: whitespace folded, at most 200 characters, no NUL bytes (CharField rejects
    them, and PostgreSQL text cannot hold them)."""

    q = forms.CharField(label="Search", max_length=200, required=False)

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())
