"""Issue 12: no 5xx in a fuzz of every page with the README's parameters, out-of-range dates,
control characters and 10,000-character values (anonymous and signed-in pages)."""

import pytest
from django.urls import reverse

from tests.conftest import logged_in
from tests.factories import make_organisation
from tests.site_pages import page_urls, signed_in_page_urls

# Every query parameter the README documents (directory filters, events filters, news lists,
# the profile's week strip, pagination, log-in's next).
PARAMETERS = [
    "q", "country", "region", "kind", "sectoral_industry", "cross_sectoral_industry",
    "industrial_ecosystem", "industrial_alliance", "technology_field", "s3_priority_area",
    "service", "language", "tag", "established_after", "established_before",
    "upcoming_events", "sort", "page", "organisation", "organiser", "year", "sector",
    "ecosystem", "format", "date_from", "date_to", "week", "next",
]  # fmt: skip
VALUES = [
    "9999-12-31",
    "0001-01-01",
    "-99999999999999999999",
    "99999999999999999999",
    "9999-W53",
    "0000-W00",
    "\r\nSet-Cookie: evil=1",
    "\x00\x1b[31m\u2028\x85",
    "%00%0d%0a",
    "x" * 10_000,
]
# Each parameter alone with the values most likely to break parsing.
SINGLE_VALUES = ["9999-12-31", "\r\n\x00", "9" * 10_000]


def fuzz(client, urls):
    failures = []
    for url in urls:
        for value in VALUES:
            status = client.get(url, dict.fromkeys(PARAMETERS, value)).status_code
            if status >= 500:
                failures.append((url, "*", value[:12], status))
        for name in PARAMETERS:
            for value in SINGLE_VALUES:
                status = client.get(url, {name: value}).status_code
                if status >= 500:
                    failures.append((url, name, value[:12], status))
    return failures


@pytest.mark.django_db
def test_no_public_page_answers_fuzzed_parameters_with_a_server_error(anon):
    organisation = make_organisation()
    urls = [
        *page_urls(),
        reverse("directory:partners", args=[organisation.slug]),
        reverse("directory:export_csv"),
        reverse("directory:export_json"),
        reverse("events:feed_ics"),
        reverse("events:organisation_ics", args=[organisation.slug]),
    ]
    assert fuzz(anon, urls) == []


@pytest.mark.django_db
def test_no_signed_in_page_answers_fuzzed_parameters_with_a_server_error(manager_user):
    client = logged_in(manager_user)
    assert fuzz(client, signed_in_page_urls(manager_user)) == []
