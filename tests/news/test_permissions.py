"""Who may create, edit, view and download what: every persona, from the outside.

anonymous -> sent to log in (the /my/ pages) or 404 (public URLs of unpublished items);
manager of another organisation -> 404 (they can't know it exists);
manager of this organisation, the submitter -> allowed while it is a draft / sent back;
staff -> may view and download everything, edit nothing through /my/ (they use the admin).
"""

import pytest
from django.urls import reverse

from news.models import BestPractice
from tests.factories import make_attachment, make_best_practice

Status = BestPractice.Status


@pytest.fixture
def draft(organisation, manager_user):
    best_practice = make_best_practice(
        organisation, status=Status.DRAFT, submitted_by=manager_user, title="Secret draft"
    )
    make_attachment(best_practice, name="draft-evidence.pdf")
    return best_practice


@pytest.fixture
def personas(anon, other_manager_client, manager_client, staff_client, other_organisation):
    return {
        "anonymous": anon,
        "other manager": other_manager_client,
        "manager": manager_client,
        "staff": staff_client,
    }


def _login_redirect(response):
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", "login"), ("other manager", 200), ("manager", 200), ("staff", 403)],
)
def test_create_form(persona, expected, personas, organisation):
    response = personas[persona].get(reverse("news:best_practice_create"))
    if expected == "login":
        assert _login_redirect(response)
    else:
        assert response.status_code == expected


def test_a_logged_in_user_who_manages_nothing_cannot_create(django_user_model, client, db):
    user = django_user_model.objects.create_user("nobody", "nobody@example.org", "pw-x-123456")
    client.force_login(user)
    assert client.get(reverse("news:best_practice_create")).status_code == 403


def test_a_manager_cannot_create_for_an_organisation_they_do_not_manage(
    manager_client, organisation, other_organisation
):
    response = manager_client.post(
        reverse("news:best_practice_create"),
        {
            "organisation": other_organisation.pk,
            "title": "Sneaky",
            "summary": "s",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not BestPractice.objects.filter(title="Sneaky").exists()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", "login"), ("other manager", 404), ("manager", 200), ("staff", 403)],
)
def test_edit_draft(persona, expected, personas, draft):
    client = personas[persona]
    url = reverse("news:best_practice_edit", args=[draft.pk])
    response = client.get(url)
    if expected == "login":
        assert _login_redirect(response)
    else:
        assert response.status_code == expected
    posted = client.post(
        url,
        {
            "organisation": draft.organisation_id,
            "title": "Changed",
            "summary": "s",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
        },
    )
    draft.refresh_from_db()
    assert (draft.title == "Changed") is (persona == "manager")
    if persona != "manager":
        assert posted.status_code in {302, 403, 404}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 404), ("other manager", 404), ("manager", 200), ("staff", 200)],
)
def test_view_draft_on_its_public_url(persona, expected, personas, draft):
    response = personas[persona].get(draft.get_absolute_url())
    assert response.status_code == expected
    if expected == 200:
        assert "not public" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", "login"), ("other manager", 404), ("manager", 200), ("staff", 200)],
)
def test_view_draft_preview(persona, expected, personas, draft):
    response = personas[persona].get(reverse("news:best_practice_preview", args=[draft.pk]))
    if expected == "login":
        assert _login_redirect(response)
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 404), ("other manager", 404), ("manager", 200), ("staff", 200)],
)
def test_download_draft_attachment(persona, expected, personas, draft):
    attachment = draft.attachments.get()
    response = personas[persona].get(attachment.get_absolute_url())
    assert response.status_code == expected
    if expected == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", "login"), ("other manager", 404), ("manager", 302), ("staff", 403)],
)
def test_submit_draft(persona, expected, personas, draft):
    response = personas[persona].post(reverse("news:best_practice_submit", args=[draft.pk]))
    if expected == "login":
        assert _login_redirect(response)
    else:
        assert response.status_code == expected
    draft.refresh_from_db()
    assert (draft.status == Status.NEEDS_REVIEW) is (persona == "manager")


def test_submit_needs_post(manager_client, draft):
    response = manager_client.get(reverse("news:best_practice_submit", args=[draft.pk]))
    assert response.status_code == 405


def test_a_co_manager_can_view_but_not_edit_someone_elses_draft(
    django_user_model, client, organisation, draft
):
    co_manager = django_user_model.objects.create_user("co", "co@example.org", "pw-co-123456")
    organisation.managers.add(co_manager)
    client.force_login(co_manager)
    assert client.get(reverse("news:best_practice_preview", args=[draft.pk])).status_code == 200
    assert client.get(reverse("news:best_practice_edit", args=[draft.pk])).status_code == 403


@pytest.mark.parametrize("status", [Status.NEEDS_REVIEW, Status.PUBLISHED, Status.REJECTED])
def test_the_submitter_cannot_edit_once_it_left_their_hands(
    status, manager_client, organisation, manager_user
):
    best_practice = make_best_practice(organisation, status=status, submitted_by=manager_user)
    response = manager_client.get(reverse("news:best_practice_edit", args=[best_practice.pk]))
    assert response.status_code == 403


def test_the_submitter_can_edit_an_item_sent_back_for_changes(
    manager_client, organisation, manager_user
):
    best_practice = make_best_practice(
        organisation, status=Status.CHANGES_REQUESTED, submitted_by=manager_user
    )
    response = manager_client.get(reverse("news:best_practice_edit", args=[best_practice.pk]))
    assert response.status_code == 200


def test_a_former_manager_loses_access_to_their_drafts(
    manager_client, organisation, draft, manager_user
):
    organisation.managers.remove(manager_user)
    assert (
        manager_client.get(reverse("news:best_practice_edit", args=[draft.pk])).status_code == 404
    )
    assert manager_client.get(draft.get_absolute_url()).status_code == 404


def test_unpublished_documents_and_news_are_404_for_the_public_and_visible_to_staff(
    anon, staff_client, db
):
    from tests.factories import make_document, make_news_item

    document = make_document(is_published=False)
    news_item = make_news_item(is_published=False)
    for url in (document.get_absolute_url(), news_item.get_absolute_url()):
        assert anon.get(url).status_code == 404
        assert staff_client.get(url).status_code == 200
