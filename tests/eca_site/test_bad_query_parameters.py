"""Bad input in the query string never causes a 500: every page, every parameter any page
reads, each given a NUL byte (PostgreSQL text cannot hold one) and an oversized value."""

from django.urls import reverse

from tests.factories import make_organisation
from tests.site_pages import page_urls

PARAMETERS = [
    "q", "page", "sort", "country", "region", "kind", "language", "tag", "service",
    "sectoral_industry", "s3_priority_area", "established_after", "upcoming_events",
    "organisation", "organiser", "year", "sector", "ecosystem", "format", "date_from",
    "date_to", "week", "next",
]  # fmt: skip
VALUES = ["\x00", "x" * 3000]


def test_no_page_answers_a_bad_parameter_with_a_server_error(anon, db):
    organisation = make_organisation()
    urls = [
        *page_urls(),
        reverse("directory:partners", args=[organisation.slug]),
        reverse("directory:export_csv"),
        reverse("events:feed_ics"),
    ]
    failures = []
    for url in urls:
        for name in PARAMETERS:
            for value in VALUES:
                status = anon.get(url, {name: value}, follow=True).status_code
                if status >= 500:
                    failures.append((url, name, value[:3], status))
    assert failures == []
