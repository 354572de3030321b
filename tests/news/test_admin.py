"""Every news admin page renders for staff, with uploads going through the validator."""

import pytest
from django.urls import reverse

from news.models import Document
from tests.factories import (
    make_attachment,
    make_best_practice,
    make_document,
    make_news_item,
)
from tests.news.files import SVG_WITH_SCRIPT, pdf_bytes, upload


@pytest.fixture
def objects(db):
    item = make_news_item()
    best_practice = make_best_practice()
    return {
        "newsitem": item,
        "document": make_document(news_item=item),
        "bestpractice": best_practice,
        "bestpracticeattachment": make_attachment(best_practice),
    }


@pytest.mark.parametrize(
    "model",
    ["newsitem", "document", "bestpractice", "bestpracticeattachment"],
)
def test_changelists_and_forms_render(model, staff_client, objects):
    assert staff_client.get(reverse(f"admin:news_{model}_changelist")).status_code == 200
    assert (
        staff_client.get(reverse(f"admin:news_{model}_changelist"), {"q": "x"}).status_code == 200
    )
    if model in objects:
        url = reverse(f"admin:news_{model}_change", args=[objects[model].pk])
        assert staff_client.get(url).status_code == 200
    if model != "bestpracticestatuschange":
        assert staff_client.get(reverse(f"admin:news_{model}_add")).status_code == 200


def test_admin_document_upload_is_validated_by_content(staff_client, db):
    url = reverse("admin:news_document_add")
    data = {
        "title": "Evil",
        "kind": "report",
        "published_on": "2026-01-02",
        "description": "",
    }
    response = staff_client.post(url, {**data, "file": upload("evil.pdf", SVG_WITH_SCRIPT)})
    assert response.status_code == 200
    assert "This file is an SVG image" in response.content.decode()
    assert not Document.objects.exists()
    response = staff_client.post(url, {**data, "file": upload("good.pdf", pdf_bytes())})
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.original_filename == "good.pdf"
    assert document.file.name.startswith(f"documents/{document.storage_key}/")


def test_managers_cannot_reach_the_admin(manager_client, db):
    response = manager_client.get(reverse("admin:news_bestpractice_changelist"))
    assert response.status_code == 302
