"""The issue's journey: manager A posts a partner search, staff publish it, manager B sees it
on /my/ as a match and answers, A gets the e-mail, sees it on /my/ and replies; after its
expiry day it leaves the list and the feeds but keeps its page."""

import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.contrib.admin import helpers
from django.urls import reverse
from django.utils import timezone

from directory.models import Vocabulary
from opportunities.models import Interest, Opportunity, OpportunityKind
from tests.factories import make_term

pytestmark = pytest.mark.django_db


def test_post_publish_match_answer_reply_expire(
    manager_client, manager_user, organisation, other_manager_client, other_manager_user,
    other_organisation, staff_client, staff_user, anon, outbox,
):  # fmt: skip
    robotics = make_term(Vocabulary.SECTORAL_INDUSTRY, name="Robotics", slug="robotics")
    organisation.terms.add(robotics)
    other_organisation.terms.add(robotics)
    today = timezone.localdate()

    # 1. Manager A posts a partner search and submits it.
    r = manager_client.post(
        reverse("opportunities:create"),
        {
            "organisation": organisation.pk,
            "kind": OpportunityKind.objects.get(slug="partner-search").pk,
            "title": "Partners for a cobot pilot line",
            "summary": "Two SMEs and a lab wanted for a Horizon Europe pilot line.",
            "description": "<p>We coordinate the proposal.</p>",
            "sectors": [robotics.pk],
            "deadline": (today + datetime.timedelta(days=4)).isoformat(),
            "expires_on": (today + datetime.timedelta(days=5)).isoformat(),
        },
    )
    assert r.status_code == 302
    opportunity = Opportunity.objects.get()
    manager_client.post(reverse("opportunities:submit", args=[opportunity.pk]))
    assert outbox[-1].to == [staff_user.email]
    assert opportunity.title not in anon.get(reverse("opportunities:list")).text

    # 2. Staff publish it in the admin.
    staff_client.post(
        reverse("admin:opportunities_opportunity_changelist"),
        {"action": "publish", helpers.ACTION_CHECKBOX_NAME: [opportunity.pk], "apply": "1"},
    )
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.PUBLISHED
    assert outbox[-1].to == [manager_user.email]
    assert opportunity.title in anon.get(reverse("opportunities:list")).text

    # 3. Manager B sees it on /my/ as a match, with the shared term.
    dashboard = other_manager_client.get(reverse("my:dashboard")).text
    assert f"What fits {other_organisation.name}" in dashboard
    assert opportunity.title in dashboard
    assert "Shared: Robotics" in dashboard

    # 4. B expresses interest; A gets the e-mail and sees it on /my/, without B's address.
    outbox.clear()
    other_manager_client.post(
        reverse("opportunities:interest", args=[opportunity.slug]),
        {"organisation": other_organisation.pk, "message": "Our lab tests cobots: count us in."},
    )
    assert [m.to for m in outbox] == [[manager_user.email]]
    assert "Our lab tests cobots" in outbox[0].body
    assert other_manager_user.email not in outbox[0].body
    dashboard = manager_client.get(reverse("my:dashboard")).text
    assert "Our lab tests cobots" in dashboard
    assert other_manager_user.email not in dashboard

    # 5. A replies: B gets A's address, and A now sees B's.
    interest = Interest.objects.get()
    outbox.clear()
    manager_client.post(
        reverse("opportunities:interest_reply", args=[interest.pk]),
        {"status": "answered", "reply": "Great, let's call on Monday."},
    )
    assert [m.to for m in outbox] == [[other_manager_user.email]]
    assert manager_user.email in outbox[0].body
    assert other_manager_user.email in manager_client.get(reverse("my:dashboard")).text

    # 6. The day after its expiry it leaves the list and the feeds, and keeps its page.
    after_expiry = datetime.datetime.combine(
        opportunity.expires_on + datetime.timedelta(days=1), datetime.time(9)
    ).replace(tzinfo=timezone.get_default_timezone())
    with time_machine.travel(after_expiry, tick=False):
        assert opportunity.title not in anon.get(reverse("opportunities:list")).text
        rss = ET.fromstring(anon.get(reverse("opportunities:feed_rss")).content)
        assert list(rss.iter("item")) == []
        assert opportunity.get_absolute_url() not in anon.get(reverse("sitemap")).text
        page = anon.get(opportunity.get_absolute_url())
        assert page.status_code == 200
        assert "Expired on" in page.text
        dashboard = other_manager_client.get(reverse("my:dashboard"))
        assert dashboard.status_code == 200
        assert "Nothing matches its sectors" in dashboard.text  # no longer a match
