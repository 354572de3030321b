"""The profile's "Latest news and documents" and "Submitted best practices" sections."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import BestPractice
from tests.factories import make_best_practice, make_document, make_news_item, make_organisation


def _section(html, heading_id):
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}">(.*?)</section>', html, re.S)
    return match.group(1)


def test_seed_profile_keeps_the_empty_state(seeded, anon):
    html = anon.get(seeded.get_absolute_url()).content.decode()
    assert "There is no uploaded content..." in _section(html, "news-heading")
    assert "There is no uploaded content..." in _section(html, "best-practices-heading")


def test_news_section_merges_the_latest_five_news_and_documents(anon, db):
    organisation = make_organisation()
    today = timezone.localdate()
    for days in (1, 3, 5, 7):
        make_news_item(
            title=f"News {days} days ago",
            organisation=organisation,
            published_at=timezone.now() - datetime.timedelta(days=days),
        )
        make_document(
            title=f"Document {days + 1} days ago",
            organisation=organisation,
            published_on=today - datetime.timedelta(days=days + 1),
        )
    make_news_item(title="Someone else's news")
    make_news_item(title="Hidden news", organisation=organisation, is_published=False)
    section = _section(anon.get(organisation.get_absolute_url()).content.decode(), "news-heading")
    titles = re.findall(r'class="entry__title" href="[^"]+">([^<]+)<', section)
    assert titles == [
        "News 1 days ago",
        "Document 2 days ago",
        "News 3 days ago",
        "Document 4 days ago",
        "News 5 days ago",
    ]
    assert f'href="{reverse("news:list")}?organisation={organisation.slug}"' in section
    assert f'href="{reverse("news:documents")}?organisation={organisation.slug}"' in section
    assert "There is no uploaded content" not in section


def test_best_practice_section_shows_the_latest_five_published(anon, db):
    organisation = make_organisation()
    for n in range(7):
        make_best_practice(
            organisation,
            title=f"Practice {n}",
            published_at=timezone.now() - datetime.timedelta(days=n),
        )
    make_best_practice(organisation, title="A draft", status=BestPractice.Status.DRAFT)
    html = anon.get(organisation.get_absolute_url()).content.decode()
    section = _section(html, "best-practices-heading")
    titles = re.findall(r'class="entry__title" href="[^"]+">([^<]+)<', section)
    assert titles == [f"Practice {n}" for n in range(5)]
    assert f'href="{reverse("news:best_practices")}?organisation={organisation.slug}"' in section


@pytest.mark.parametrize("count", [1, 12])
def test_profile_sections_add_three_queries_whatever_the_number_of_items(
    count, anon, db, django_assert_num_queries
):
    organisation = make_organisation()
    for _ in range(count):
        make_news_item(organisation=organisation)
        make_document(organisation=organisation)
        make_best_practice(organisation)
    # the profile's 11 with the events week (tests/directory/test_profile_page.py: networks it
    # is a member of, its events' span) + news, documents, best practices + live opportunities
    with django_assert_num_queries(15):
        anon.get(organisation.get_absolute_url())
