import pytest

from events.sitemaps import EventSitemap
from tests.factories import make_event

pytestmark = pytest.mark.django_db


def test_sitemap_lists_published_events_with_their_last_change():
    published = make_event(slug="listed")
    make_event(slug="hidden", is_published=False)
    sitemap = EventSitemap()
    items = list(sitemap.items())
    assert items == [published]
    assert sitemap.location(items[0]) == "/events/listed/"
    assert sitemap.lastmod(items[0]) == published.updated
