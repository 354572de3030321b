"""Form widgets that render long option lists in Python (imports no app).

Django renders every <option> of a <select> through a template of its own: about 0.1 ms an
option, 35 ms for the events filter's countries and sectors. `FastSelect` builds the same
markup with `format_html`, from the same `get_context()`, so attributes, selection and
option groups behave exactly as Django's `Select`.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            parts.extend(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    option["value"] if option["value"] is not None else "",
                    flatatt(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # every part is escaped by format_html
