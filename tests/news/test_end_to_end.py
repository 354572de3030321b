"""The whole journey through the test client, as the people involved would do it."""

import xml.etree.ElementTree as ET

from django.contrib.admin import helpers
from django.urls import reverse

from news.models import BestPractice
from tests.client import Client
from tests.news.files import pdf_bytes, upload


def test_manager_submits_staff_publishes_and_everyone_sees_it(
    organisation, manager_user, staff_user, outbox
):
    manager = Client()

    # The manager logs in with their password and lands on their dashboard.
    response = manager.post(
        reverse("accounts:login"), {"username": "manager", "password": "pw-manager-1"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/my/"
    assert "Alpha Cluster" in response.content.decode()
    assert "Submit a best practice" in response.content.decode()

    # They fill in the form with a PDF and preview it.
    response = manager.post(
        reverse("news:best_practice_create"),
        {
            "organisation": organisation.pk,
            "title": "One back office for five clusters",
            "summary": "Sharing accounting and HR cut costs by a third.",
            "body": "<p>We pooled <strong>back-office</strong> staff.</p>",
            "challenge": "<p>Small teams, big overheads.</p>",
            "approach": "<p>A shared service company.</p>",
            "results": "<p>Costs down 33%.</p>",
            "attachments-TOTAL_FORMS": "3",
            "attachments-INITIAL_FORMS": "0",
            "attachments-0-file": upload("Rapport final — été.pdf", pdf_bytes()),
            "next": "preview",
        },
        follow=True,
    )
    best_practice = BestPractice.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "news:best_practice_preview", args=[best_practice.pk]
    )
    html = response.content.decode()
    assert "Submit for review" in html
    assert "Rapport final — été.pdf" in html
    assert best_practice.status == BestPractice.Status.DRAFT

    # Not public yet.
    assert Client().get(best_practice.get_absolute_url()).status_code == 404

    # They submit it; staff are told.
    response = manager.post(
        reverse("news:best_practice_submit", args=[best_practice.pk]), follow=True
    )
    assert "is submitted" in response.content.decode()
    assert [m.to for m in outbox] == [["staff@example.org"]]

    # Staff find it in the admin queue and publish it.
    staff = Client()
    staff.force_login(staff_user)
    changelist = reverse("admin:news_bestpractice_changelist")
    assert "One back office for five clusters" in staff.get(changelist).content.decode()
    response = staff.post(
        changelist,
        {
            "action": "publish",
            helpers.ACTION_CHECKBOX_NAME: [best_practice.pk],
            "apply": "1",
            "comment": "Great example, thanks!",
        },
    )
    assert response.status_code == 302

    # The submitter got an e-mail with the link and the comment.
    decision = outbox[-1]
    assert decision.to == ["manager@example.org"]
    assert "published" in decision.subject
    assert "Great example, thanks!" in decision.body
    assert best_practice.get_absolute_url() in decision.body

    # It is on the organisation's profile, in the list, on its page and in both feeds.
    visitor = Client()
    profile = visitor.get(organisation.get_absolute_url()).content.decode()
    assert "One back office for five clusters" in profile
    assert "See all best practices" in profile
    listing = visitor.get(reverse("news:best_practices")).content.decode()
    assert "One back office for five clusters" in listing
    detail = visitor.get(best_practice.get_absolute_url())
    assert detail.status_code == 200
    assert "Costs down 33%." in detail.content.decode()
    attachment = best_practice.attachments.get()
    download = visitor.get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf_bytes()
    rss = ET.fromstring(visitor.get(reverse("news:best_practice_feed_rss")).content)
    assert [t.text for t in rss.iter("item") for t in t.iter("title")] == [
        "One back office for five clusters"
    ]
    atom = ET.fromstring(visitor.get(reverse("news:best_practice_feed_atom")).content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert atom.find("a:entry/a:title", ns).text == "One back office for five clusters"
