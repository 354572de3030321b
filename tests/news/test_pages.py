"""Site-wide invariants on every page of the news app: one <h1>, no inline style or script."""

import re

import pytest
from django.urls import reverse

from news.models import BestPractice
from tests.factories import make_attachment, make_best_practice, make_document, make_news_item


@pytest.fixture
def pages(organisation, manager_user):
    item = make_news_item(organisation=organisation)
    make_document(organisation=organisation, news_item=item)
    published = make_best_practice(organisation)
    draft = make_best_practice(
        organisation, status=BestPractice.Status.DRAFT, submitted_by=manager_user
    )
    make_attachment(draft)
    return [
        reverse("news:list"),
        item.get_absolute_url(),
        reverse("news:documents"),
        reverse("news:best_practices"),
        published.get_absolute_url(),
        draft.get_absolute_url(),
        reverse("news:dashboard"),
        reverse("news:best_practice_create"),
        reverse("news:best_practice_preview", args=[draft.pk]),
        reverse("news:best_practice_edit", args=[draft.pk]),
        reverse("password_change"),
        reverse("password_change_done"),
    ]


def test_every_page_has_one_h1_and_no_inline_style_or_script(pages, manager_client):
    for url in pages:
        response = manager_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        assert " style=" not in html, url
        scripts = re.findall(r"<script([^>]*)>", html)
        assert all('type="application/ld+json"' in attrs for attrs in scripts), url
