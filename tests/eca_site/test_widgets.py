"""FastSelect renders what Django's Select renders, without a template per option."""

import pytest
from django import forms
from django.test.html import parse_html

from eca_site.lib.widgets import FastSelect

CHOICES = [
    ("", "Any"),
    ("be", "Belgium & <Luxembourg>"),
    ("Group", [("fr", "France"), ("de", 'Germany "DE"')]),
    (7, "Seven"),
]


@pytest.mark.parametrize("value", [None, "", "be", "de", 7, "missing"])
def test_fast_select_renders_the_same_html_as_djangos_select(value):
    attrs = {"id": "id_x", "class": "wide", "required": True, "disabled": False}
    expected = forms.Select(attrs=attrs, choices=CHOICES).render("x", value)
    actual = FastSelect(attrs=attrs, choices=CHOICES).render("x", value)

    assert parse_html(actual) == parse_html(expected)
    assert "<Luxembourg>" not in actual  # labels are escaped


def test_fast_select_in_a_bound_form_keeps_the_choice():
    class Form(forms.Form):
        country = forms.ChoiceField(choices=CHOICES, widget=FastSelect)

    html = str(Form({"country": "fr"})["country"])

    assert parse_html('<option value="fr" selected>France</option>') in parse_html(html)
