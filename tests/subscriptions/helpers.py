import re

from django.core import mail
from django.urls import reverse

from tests.factories import make_term


def subscribe_data(**overrides):
    data = {
        "email": "reader@cluster.example.eu",
        "content_types": ["events", "news"],
        "countries": [],
        "frequency": "weekly",
        "homepage": "",
    }
    # Topics are chosen per vocabulary; the factories' terms are sectors.
    data["sectoral_industry"] = overrides.pop("terms", [])
    data.update(overrides)
    return data


def link_in(message, name):
    """The path of the first link to the URL named `name` in an e-mail's text."""
    prefix = reverse(name, args=["TOKEN"]).split("TOKEN")[0]
    match = re.search(re.escape(prefix) + r"[^\s/]+/", message.body)
    assert match, f"no {name} link in {message.body!r}"
    return match.group(0)


def last_mail_to(address):
    return [m for m in mail.outbox if address in m.to][-1]


def a_term():
    return make_term()
