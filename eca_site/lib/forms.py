"""Form helpers shared by every app (imports no app).

    from eca_site.lib.forms import SingleLineFormMixin

    class ContactForm(SingleLineFormMixin, forms.Form):
        ...

Every single-line text field of a form with the mixin (a `CharField`, `EmailField`, `URLField`
... whose widget is not a `<textarea>` or a password box) loses its control characters before
validation: a run of CR, LF, tab, NUL, DEL, C1 or Unicode line separators becomes one space, and
the value is trimmed. A name typed or pasted with a line break is saved on one line instead of
breaking e-mail headers, CSV rows or iCalendar lines later (issue 12, bug 1). Multi-line fields
(textareas) and passwords are left exactly as sent. The admin site adds the mixin to every model
admin's forms (`eca_site.admin.SiteAdmin.register`). `tests/eca_site/test_single_line_fields.py`
checks that every form and formset of the site uses the mixin.
"""

import re
from functools import wraps

from django import forms
from django.utils.translation import gettext_noop

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def strip_control_characters(value):
    """`value` on one line: every run of control characters becomes one space; trimmed."""
    if not isinstance(value, str):
        return value
    return CONTROL_CHARACTERS.sub(" ", value).strip()


def is_single_line(field):
    return isinstance(field, forms.CharField) and not isinstance(
        field.widget, forms.Textarea | forms.PasswordInput
    )


def _stripping(to_python):
    @wraps(to_python)
    def single_line_to_python(value):
        return to_python(strip_control_characters(value))

    return single_line_to_python


class SingleLineFormMixin:
    """Control characters are removed from every single-line text field (see the module)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if is_single_line(field) and not getattr(field, "single_line", False):
                field.to_python = _stripping(field.to_python)
                field.single_line = True


class SingleLineModelForm(SingleLineFormMixin, forms.ModelForm):
    """The base of model forms that need nothing else (inline formsets)."""


# The label of a select's empty choice in Django 6.1, which Django's own catalogues do not
# translate yet: ours do (the project's LOCALE_PATHS are searched before Django's catalogues).
gettext_noop("- Select an option -")
