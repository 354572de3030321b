"""A manager's best-practice pages: the draft form, its attachments, the preview."""

import pytest
from django.urls import reverse

from news.models import BestPractice, BestPracticeAttachment
from tests.client import committed
from tests.factories import make_attachment, make_best_practice, make_term
from tests.news.files import docx_bytes, pdf_bytes, upload

Status = BestPractice.Status


def _form_data(organisation, **overrides):
    data = {
        "organisation": organisation.pk,
        "title": "Cluster twinning",
        "summary": "Pairing clusters across borders.",
        "body": "",
        "challenge": "",
        "approach": "",
        "results": "",
        "attachments-TOTAL_FORMS": "3",
        "attachments-INITIAL_FORMS": "0",
        "next": "draft",
    }
    data.update(overrides)
    return data


def test_save_draft_creates_it_with_terms_attachments_and_history(
    manager_client, manager_user, organisation
):
    sector = make_term(name="Textiles")
    response = manager_client.post(
        reverse("news:best_practice_create"),
        _form_data(
            organisation,
            sectors=[sector.pk],
            **{
                "attachments-0-file": upload("plan.pdf", pdf_bytes()),
                "attachments-1-file": upload("notes.docx", docx_bytes()),
            },
        ),
    )
    assert response["Location"] == reverse("my:dashboard")
    best_practice = BestPractice.objects.get()
    assert best_practice.status == Status.DRAFT
    assert best_practice.submitted_by == manager_user
    assert best_practice.slug == "cluster-twinning"
    assert list(best_practice.terms.all()) == [sector]
    assert sorted(a.original_filename for a in best_practice.attachments.all()) == [
        "notes.docx",
        "plan.pdf",
    ]
    assert [step.to_status for step in best_practice.status_history()] == [Status.DRAFT]
    assert best_practice.history.get().history_user.email == "manager@example.org"


def test_required_fields_re_render_with_errors_and_input(manager_client, organisation):
    response = manager_client.post(
        reverse("news:best_practice_create"),
        _form_data(organisation, title="", summary="", results="<p>Keep me</p>"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please correct the errors below." in html
    assert html.count("This field is required.") == 2
    assert "&lt;p&gt;Keep me&lt;/p&gt;</textarea>" in html
    assert BestPractice.objects.count() == 0


def test_edit_keeps_and_removes_attachments_and_previews(
    manager_client, manager_user, organisation
):
    best_practice = make_best_practice(
        organisation, status=Status.CHANGES_REQUESTED, submitted_by=manager_user
    )
    keep = make_attachment(best_practice, name="keep.pdf")
    drop = make_attachment(best_practice, name="drop.pdf")
    url = reverse("news:best_practice_edit", args=[best_practice.pk])
    html = manager_client.get(url).content.decode()
    assert "keep.pdf" in html and "drop.pdf" in html
    data = _form_data(
        organisation,
        title="Cluster twinning, revised",
        next="preview",
        **{
            "attachments-TOTAL_FORMS": "4",
            "attachments-INITIAL_FORMS": "2",
            "attachments-0-id": keep.pk,
            "attachments-1-id": drop.pk,
            "attachments-1-DELETE": "on",
        },
    )
    response = manager_client.post(url, data)
    assert response["Location"] == reverse("news:best_practice_preview", args=[best_practice.pk])
    best_practice.refresh_from_db()
    assert best_practice.title == "Cluster twinning, revised"
    assert list(BestPracticeAttachment.objects.values_list("original_filename", flat=True)) == [
        "keep.pdf"
    ]


def test_preview_shows_the_page_history_and_submit_button(
    manager_client, manager_user, organisation
):

    best_practice = make_best_practice(
        organisation,
        status=Status.DRAFT,
        submitted_by=manager_user,
        results="<p>Forty exchanges.</p>",
    )
    html = manager_client.get(
        reverse("news:best_practice_preview", args=[best_practice.pk])
    ).content.decode()
    assert "Forty exchanges." in html
    assert "Submit for review" in html
    assert "created as draft" in html
    assert html.count("<h1") == 1


def test_preview_after_changes_requested_shows_the_reviewer_comment(
    manager_client, manager_user, organisation
):
    best_practice = make_best_practice(
        organisation,
        status=Status.CHANGES_REQUESTED,
        submitted_by=manager_user,
        reviewer_comment="Please add figures.",
    )
    html = manager_client.get(
        reverse("news:best_practice_edit", args=[best_practice.pk])
    ).content.decode()
    assert "Please add figures." in html


def test_too_many_attachments_are_refused(manager_client, organisation):
    data = _form_data(organisation, **{"attachments-TOTAL_FORMS": "11"})
    for n in range(11):
        data[f"attachments-{n}-file"] = upload(f"f{n}.pdf", pdf_bytes())
    response = manager_client.post(reverse("news:best_practice_create"), data)
    assert "Please submit at most 10 forms." in response.content.decode()
    assert BestPractice.objects.count() == 0


@pytest.mark.parametrize("count", [1, 10])
def test_preview_query_count_does_not_grow(
    count, manager_client, manager_user, organisation, django_assert_num_queries
):
    best_practice = make_best_practice(organisation, status=Status.DRAFT, submitted_by=manager_user)
    with committed():
        for n in range(count):
            make_attachment(best_practice, name=f"file {n}.pdf")
            best_practice.terms.add(make_term())
    url = reverse("news:best_practice_preview", args=[best_practice.pk])
    # session, user, best practice + organisation + submitter, attachments, terms + parents,
    # "editable by me?", its history + who changed it
    with django_assert_num_queries(7):
        html = manager_client.get(url).content.decode()
    assert html.count("(download)") == count
