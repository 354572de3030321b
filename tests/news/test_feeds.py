"""RSS 2.0 and Atom 1.0 feeds parse as XML and carry the elements their specs require."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from news.models import BestPractice
from tests.factories import make_best_practice, make_news_item, make_organisation

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def content(db):
    organisation = make_organisation(name="Gamma Cluster")
    make_news_item(title="Public news & more", organisation=organisation)
    make_news_item(title="Hidden news", is_published=False)
    make_best_practice(organisation, title="Public practice")
    make_best_practice(organisation, title="Draft practice", status=BestPractice.Status.DRAFT)


@pytest.mark.parametrize(
    ("url_name", "titles"),
    [
        ("news:feed_rss", ["Public news & more"]),
        ("news:best_practice_feed_rss", ["Public practice"]),
    ],
)
def test_rss_feed_has_required_channel_and_item_elements(url_name, titles, content, anon):
    response = anon.get(reverse(url_name))
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required)
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == titles
    for item in items:
        assert item.findtext("link").startswith("http://testserver/")
        assert item.findtext("description")
        assert item.findtext("pubDate")
        assert item.findtext("guid")


@pytest.mark.parametrize(
    ("url_name", "titles"),
    [
        ("news:feed_atom", ["Public news & more"]),
        ("news:best_practice_feed_atom", ["Public practice"]),
    ],
)
def test_atom_feed_has_required_feed_and_entry_elements(url_name, titles, content, anon):
    response = anon.get(reverse(url_name))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{required}")
    entries = root.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == titles
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{required}")
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/")
        assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Gamma Cluster"


def test_list_pages_advertise_their_feeds(content, anon):
    html = anon.get(reverse("news:list")).content.decode()
    assert (
        f'type="application/rss+xml" title="News (RSS)" href="{reverse("news:feed_rss")}"' in html
    )
    html = anon.get(reverse("news:best_practices")).content.decode()
    assert f'href="{reverse("news:best_practice_feed_atom")}"' in html


@pytest.mark.parametrize("count", [1, 30])
def test_feed_query_count_does_not_grow_with_items(count, db, anon, django_assert_num_queries):
    for _ in range(count):
        make_news_item(organisation=make_organisation())
    with django_assert_num_queries(1):  # news items joined with their organisations
        anon.get(reverse("news:feed_rss"))


@pytest.mark.parametrize(
    ("url_name", "factory"),
    [
        ("news:feed_rss", "news"),
        ("news:feed_atom", "news"),
        ("news:best_practice_feed_rss", "practice"),
        ("news:best_practice_feed_atom", "practice"),
    ],
)
def test_plain_text_summaries_are_sent_escaped_never_as_markup(url_name, factory, db, anon):
    """Issue 12, vulnerability 5: a summary is plain text; a feed reader renders descriptions
    (RSS) and type="html" summaries (Atom) as HTML, so the text must arrive escaped."""
    summary = '<img src=x onerror="alert(1)"> 5 < 6 & <b>bold</b>'
    if factory == "news":
        make_news_item(title="Item", summary=summary)
    else:
        make_best_practice(make_organisation(), title="Item", summary=summary)
    root = ET.fromstring(anon.get(reverse(url_name)).content)
    if url_name.endswith("rss"):
        html = root.find("channel/item").findtext("description")
    else:
        element = root.find(f"{ATOM}entry/{ATOM}summary")
        assert element.get("type") == "html"
        html = element.text
    # What a reader gets after decoding the XML: HTML in which the text is escaped.
    assert "<img" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; 5 &lt; 6 &amp; &lt;b&gt;bold" in html


@pytest.mark.parametrize(
    ("url_name", "kind"),
    [
        ("news:feed_atom", "news-item"),
        ("news:best_practice_feed_atom", "best-practice"),
        ("events:feed_atom", "event"),
    ],
)
def test_atom_entry_ids_are_tag_uris_that_do_not_depend_on_the_host(
    url_name, kind, content, anon, settings
):
    from tests.factories import make_event

    make_event(title="An event")
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    ids = []
    for host in ["testserver", "other.example"]:
        root = ET.fromstring(anon.get(reverse(url_name), HTTP_HOST=host).content)
        ids.append([entry.findtext(f"{ATOM}id") for entry in root.findall(f"{ATOM}entry")])
    assert ids[0] == ids[1] and ids[0]
    for entry_id in ids[0]:
        assert re.fullmatch(rf"tag:clustersalliance\.eu,\d{{4}}-\d\d-\d\d:{kind}-\d+", entry_id)
