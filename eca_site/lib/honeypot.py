"""A honeypot field for anonymous forms (imports no app).

    from eca_site.lib.honeypot import HoneypotFormMixin

    class ContactForm(HoneypotFormMixin, forms.Form):
        ...

The mixin adds one text field that people never see (visually hidden, out of the tab order,
`autocomplete=off`, inside an `aria-hidden` box, so assistive technology skips it too). Spam robots
fill every field: when it has a value the form is invalid, so the submission is dropped (nothing
is saved or sent) and a human whose browser auto-filled it sees why. However the form is
rendered (`{{ form }}`, `{{ field.as_field_group }}` in a loop over `form`), the field renders
through one template, `templates/includes/honeypot.html`: one way of hiding it everywhere.
"""

import logging

from django import forms
from django.forms.boundfield import BoundField
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("eca_site.honeypot")

HONEYPOT_FIELD = "homepage"
HONEYPOT_ERROR = _(
    "Your submission looked automated, so it was not sent. Please leave the field "
    "“Leave this field empty” blank and submit the form again."
)


class HoneypotBoundField(BoundField):
    def css_classes(self, extra_classes=None):
        return super().css_classes(extra_classes=f"visually-hidden {extra_classes or ''}".strip())

    def as_field_group(self):
        # The project's template (the form renderer only sees Django's own form templates).
        return render_to_string("includes/honeypot.html", {"field": self})


class HoneypotField(forms.CharField):
    bound_field_class = HoneypotBoundField

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Leave this field empty"))
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
        )
        super().__init__(**kwargs)


class HoneypotFormMixin:
    """Adds the honeypot field last; a filled honeypot makes the form invalid."""

    honeypot_field_name = HONEYPOT_FIELD

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_field_name] = HoneypotField()

    def clean(self):
        cleaned_data = super().clean()
        if self.cleaned_data.get(self.honeypot_field_name):
            logger.info("Honeypot filled: submission dropped", extra={"form": type(self).__name__})
            raise forms.ValidationError(HONEYPOT_ERROR, code="honeypot")
        return cleaned_data
