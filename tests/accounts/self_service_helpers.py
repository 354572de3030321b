"""Helpers shared by the self-service tests: form data as the pages would post it."""

import re

from django.core import mail

LINK_RE = re.compile(r"https?://[^/\s]+(/\S+)")


def link_path_in_last_mail(fragment):
    """The path of the first link containing `fragment` in the newest e-mail."""
    for path in LINK_RE.findall(mail.outbox[-1].body):
        if fragment in path:
            return path
    raise AssertionError(f"no link with {fragment!r} in: {mail.outbox[-1].body}")


def formset_data(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def identity_data(organisation=None, **overrides):
    data = {
        "kind": "cluster",
        "name": organisation.name if organisation else "Baltic Robotics Cluster",
        "short_name": "",
        "country": str(organisation.country) if organisation else "LV",
        "region": "Riga",
        "city": "Riga",
        "website": organisation.website if organisation and organisation.website else "",
        "legal_form": "Association",
        "type_of_network": "",
        "date_of_establishment": "",
        "action": "save",
    }
    data.update(overrides)
    return data


def figures_data(**overrides):
    data = {
        "members_sme": "10",
        "members_large": "",
        "members_research": "4",
        "members_public": "2",
        "members_other": "",
        "staff_fte": "1.5",
        "support_programme": "",
        "action": "save",
    }
    data.update(overrides)
    return data


def about_data(**overrides):
    data = {
        "about": "<p>We connect robotics companies.</p>",
        "membership_info": "",
        "action": "save",
    }
    data.update(formset_data("social_links", []))
    data.update(overrides)
    return data


def admin_change_data(response, **overrides):
    """The admin change form's current values, as a browser would post them back."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = "" if hasattr(value, "storage") else str(value)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        mgmt = formset.management_form
        for name in mgmt.fields:
            data[f"{formset.prefix}-{name}"] = mgmt[name].value()
        for subform in formset.forms:
            for name in subform.fields:
                value = subform[name].value()
                if value is None or value is False:
                    continue
                data[subform.add_prefix(name)] = "on" if value is True else str(value)
    data.update(overrides)
    return data
