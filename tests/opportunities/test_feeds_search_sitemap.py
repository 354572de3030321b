"""Feeds, sitemap and site search carry live opportunities and published calls only."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_call, make_draft, make_opportunity

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def content():
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    make_opportunity(title="Live robots & cobots")
    make_opportunity(title="Expired robots", expires_on=yesterday)
    make_opportunity(title="Draft robots", status="draft")
    make_opportunity(title="Withdrawn robots", status="withdrawn")
    make_opportunity(make_draft(), title="Robots of a hidden profile")
    make_call(title="Open robots call")
    make_call(title="Hidden robots call", is_published=False)


def test_rss_lists_live_opportunities_only(anon, content):
    root = ET.fromstring(anon.get(reverse("opportunities:feed_rss")).content)
    titles = [item.findtext("title") for item in root.iter("item")]
    assert titles == ["Partner search for a project proposal: Live robots & cobots"]


def test_atom_lists_live_opportunities_only(anon, content):
    root = ET.fromstring(anon.get(reverse("opportunities:feed_atom")).content)
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert titles == ["Partner search for a project proposal: Live robots & cobots"]


def test_call_feeds_list_published_calls(anon, content):
    root = ET.fromstring(anon.get(reverse("opportunities:call_feed_rss")).content)
    titles = [item.findtext("title") for item in root.iter("item")]
    assert len(titles) == 1 and titles[0].endswith(": Open robots call")
    root = ET.fromstring(anon.get(reverse("opportunities:call_feed_atom")).content)
    assert len(list(root.iter(f"{ATOM}entry"))) == 1


def test_sitemap_lists_live_opportunities_and_published_calls(anon, content):
    from opportunities.models import Call, Opportunity

    text = anon.get(reverse("sitemap")).text
    live = Opportunity.objects.get(title="Live robots & cobots")
    assert live.get_absolute_url() in text
    for title in ["Expired robots", "Draft robots", "Withdrawn robots"]:
        assert Opportunity.objects.get(title=title).get_absolute_url() not in text
    assert Call.objects.get(title="Open robots call").get_absolute_url() in text
    assert Call.objects.get(title="Hidden robots call").get_absolute_url() not in text


def test_site_search_finds_live_opportunities_and_calls(anon, content):
    r = anon.get(reverse("search"), {"q": "robots"})
    assert "Live robots &amp; cobots" in r.text
    assert "Open robots call" in r.text
    for hidden in ["Expired robots", "Draft robots", "Withdrawn robots", "hidden profile",
                   "Hidden robots call"]:  # fmt: skip
        assert hidden not in r.text
