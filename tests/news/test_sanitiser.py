"""Rich text is sanitised on save (eca_site.lib.sanitize) and never reaches a page unsafe."""

import pytest

from news.models import BestPractice
from tests.factories import make_best_practice, make_news_item

ATTACKS = [
    ('<p>Hi<script>alert("x")</script></p>', "<p>Hi</p>"),
    ('<p onclick="steal()" onmouseover="x()">Hover</p>', "<p>Hover</p>"),
    ('<img src="x" onerror="alert(1)">', ""),
    (
        '<a href="javascript:alert(1)">link</a>',
        '<a rel="noopener noreferrer nofollow">link</a>',
    ),
    (
        '<a href="JaVaScRiPt:alert(1)">link</a>',
        '<a rel="noopener noreferrer nofollow">link</a>',
    ),
    ('<iframe src="https://evil.example"></iframe><p>ok</p>', "<p>ok</p>"),
    ("<style>body{display:none}</style><p>ok</p>", "<p>ok</p>"),
    (
        '<a href="https://example.org" onclick="x()">fine</a>',
        '<a href="https://example.org" rel="noopener noreferrer nofollow">fine</a>',
    ),
]


@pytest.mark.parametrize(("raw", "clean"), ATTACKS)
def test_news_body_is_sanitised_on_save(raw, clean, db):
    assert make_news_item(body=raw).body_html == clean


@pytest.mark.parametrize("field", BestPractice.RICH_TEXT_FIELDS)
@pytest.mark.parametrize(("raw", "clean"), ATTACKS[:4])
def test_every_best_practice_section_is_sanitised_on_save(field, raw, clean, db):
    best_practice = make_best_practice(**{field: raw})
    assert getattr(best_practice, f"{field}_html") == clean


def test_sanitised_on_every_save_including_update_fields(db):
    best_practice = make_best_practice(body="<p>fine</p>")
    best_practice.body = "<script>alert(1)</script><p>edited</p>"
    best_practice.save(update_fields=["body"])
    best_practice.refresh_from_db()
    assert best_practice.body_html == "<p>edited</p>"


def test_pages_show_no_script_handler_or_javascript_url(anon, db):
    payload = '<p onclick="x()">A<script>alert(1)</script><a href="javascript:evil()">b</a></p>'
    item = make_news_item(body=payload, summary="<script>alert(2)</script>")
    best_practice = make_best_practice(
        body=payload, challenge=payload, approach=payload, results=payload
    )
    for url in (item.get_absolute_url(), best_practice.get_absolute_url()):
        html = anon.get(url).content.decode()
        assert "alert(1)" not in html
        assert "<script>alert(2)" not in html
        assert "onclick" not in html
        assert "javascript:" not in html
