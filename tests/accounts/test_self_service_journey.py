"""The whole self-service journey through the test client, as the issue's "done when" asks."""

import re

from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from directory.models import Organisation
from tests.accounts.self_service_helpers import (
    about_data,
    admin_change_data,
    figures_data,
    formset_data,
    identity_data,
    link_path_in_last_mail,
)
from tests.client import Client
from tests.factories import make_language, make_term

EMAIL = "ilze@baltic-robotics.example.eu"
PASSWORD = "Robots-in-Riga-2026"


def test_sign_up_verify_register_in_two_sittings_review_fix_and_publish(staff_client, db):
    cache.clear()
    english = make_language()
    sector = make_term(name="Robotics")
    browser = Client()

    # 1. Sign up, then verify with the token from the e-mail.
    browser.post(
        reverse("accounts:signup"),
        {
            "name": "Ilze Ozola",
            "email": EMAIL,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "accept_terms": "on",
            "accept_privacy": "on",
        },
    )
    assert browser.get(reverse("my:organisation_new")).status_code == 403
    assert browser.get(link_path_in_last_mail("/accounts/verify/")).status_code == 302

    # 2. First sitting: profile type, name, country and website; identity and contacts.
    response = browser.post(
        reverse("my:organisation_new"),
        {
            "kind": "cluster",
            "name": "Baltic Robotics Cluster",
            "country": "LV",
            "website": "https://www.baltic-robotics.example.eu/",
        },
    )
    organisation = Organisation.objects.get(name="Baltic Robotics Cluster")
    assert response.url == reverse("my:organisation_edit", args=[organisation.slug])
    assert organisation.status == Organisation.Status.DRAFT
    assert not organisation.is_published
    edit = lambda step: reverse("my:organisation_step", args=[organisation.slug, step])  # noqa: E731 -- short local alias
    response = browser.post(
        edit("identity"),
        identity_data(
            organisation, website="https://www.baltic-robotics.example.eu/",
            languages=[english.pk], action="next",
        ),
    )  # fmt: skip
    assert response.url == edit("contacts")
    browser.post(
        edit("contacts"),
        {
            **formset_data("contacts", [{"name": "Ilze Ozola", "role": "Director",
                                          "email": EMAIL, "position": "0"}]),
            "action": "next",
        },
    )  # fmt: skip
    assert organisation.contacts.get().name == "Ilze Ozola"

    # The draft is not public.
    assert Client().get(organisation.get_absolute_url()).status_code == 404

    # 3. Second sitting: log in again and resume where the draft left off.
    browser.logout()
    response = browser.post(reverse("accounts:login"), {"username": EMAIL, "password": PASSWORD})
    assert response.status_code == 302  # through the site's login form (axes needs a request)
    listing = browser.get(reverse("my:organisation_list")).content.decode()
    assert "Baltic Robotics Cluster" in listing and "Draft" in listing
    browser.post(edit("figures"), figures_data(members_sme="8", members_research="2",
                                               members_public=""))  # fmt: skip
    browser.post(edit("focus"), {"sectoral_industry": [str(sector.pk)], "action": "next"})
    browser.post(edit("about"), about_data())
    organisation.refresh_from_db()
    assert list(organisation.terms.all()) == [sector]
    assert organisation.members_sme == 8

    # 4. Submit: staff get an e-mail.
    mail.outbox.clear()
    response = browser.post(reverse("my:organisation_submit", args=[organisation.slug]))
    assert response.url == reverse("my:organisation_list")
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.NEEDS_REVIEW
    assert mail.outbox[-1].to == ["staff@example.org"]
    assert "Baltic Robotics Cluster" in mail.outbox[-1].subject

    # 5. Staff review: the checklist shows the unmet criteria; they request changes.
    admin_url = reverse("admin:directory_organisation_change", args=[organisation.pk])
    page = staff_client.get(admin_url)
    html = page.content.decode()
    assert "At least 15 members" in html and "criterion-unmet" in html
    assert 'name="_request_changes"' in html
    comment = "Please give your full membership: we count only 10 members."
    staff_client.post(
        admin_url, admin_change_data(page, reviewer_comment=comment, _request_changes="1")
    )
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.CHANGES_REQUESTED
    assert mail.outbox[-1].to == [EMAIL]
    assert comment in mail.outbox[-1].body

    # 6. The manager sees the comment, fixes the figures and submits again.
    page = browser.get(reverse("my:organisation_edit", args=[organisation.slug]))
    assert comment in page.content.decode()
    browser.post(edit("figures"), figures_data())
    browser.post(reverse("my:organisation_submit", args=[organisation.slug]))
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.NEEDS_REVIEW

    # 7. Staff publish; the applicant is told.
    page = staff_client.get(admin_url)
    assert "All criteria met." in page.content.decode()
    staff_client.post(admin_url, admin_change_data(page, _publish="1"))
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.PUBLISHED
    assert organisation.is_published
    assert mail.outbox[-1].to == [EMAIL]
    assert "published" in mail.outbox[-1].subject

    # 8. Public and listed.
    public = Client()
    profile = public.get(organisation.get_absolute_url())
    assert profile.status_code == 200
    assert re.search(r"<h1>Baltic Robotics Cluster</h1>", profile.content.decode())
    assert "Baltic Robotics Cluster" in public.get(reverse("directory:list")).content.decode()
