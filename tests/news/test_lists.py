"""/news/, /documents/ and /best-practices/: facets, pagination, details and query counts."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from directory.models import Vocabulary
from news.models import BestPractice, Document
from tests.client import committed
from tests.factories import (
    make_best_practice,
    make_document,
    make_news_item,
    make_organisation,
    make_term,
)
from tests.news.files import pdf_bytes, upload


def _h1_count(html):
    return len(re.findall(r"<h1[\s>]", html))


# ----- news --------------------------------------------------------------------------------
def test_news_list_shows_only_published_news_newest_first(anon, db):
    make_news_item(title="Older", published_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
    make_news_item(title="Newer", published_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    make_news_item(title="Hidden", is_published=False)
    make_news_item(
        title="Scheduled", published_at=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC)
    )
    html = anon.get(reverse("news:list")).content.decode()
    assert html.index("Newer") < html.index("Older")
    assert "Hidden" not in html and "Scheduled" not in html
    assert _h1_count(html) == 1


def test_news_list_filters_by_organisation_year_and_search(anon, db):
    alpha = make_organisation(slug="alpha")
    make_news_item(
        title="Alpha wins award",
        organisation=alpha,
        published_at=datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC),
    )
    make_news_item(
        title="Beta news", published_at=datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)
    )
    url = reverse("news:list")
    html = anon.get(url, {"organisation": "alpha"}).content.decode()
    assert "Alpha wins award" in html and "Beta news" not in html
    html = anon.get(url, {"year": "2026"}).content.decode()
    assert "Beta news" in html and "Alpha wins award" not in html
    html = anon.get(url, {"q": "award"}).content.decode()
    assert "Alpha wins award" in html and "Beta news" not in html


@pytest.mark.parametrize(
    "params", [{"year": "banana"}, {"organisation": "no-such-org"}, {"page": "x"}, {"page": "999"}]
)
def test_invalid_parameters_become_form_errors_never_500(params, anon, db):
    make_news_item(title="Still listed")
    response = anon.get(reverse("news:list"), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Still listed" in html
    if "page" not in params:
        assert "Select a valid choice" in html


def test_news_list_paginates_and_keeps_filters_in_page_links(anon, db):
    organisation = make_organisation(slug="busy")
    for _ in range(25):
        make_news_item(organisation=organisation)
    html = anon.get(reverse("news:list"), {"organisation": "busy"}).content.decode()
    assert "Page 1 of 2" in html
    assert "?organisation=busy&amp;page=2" in html


def test_news_detail_has_sanitised_body_documents_and_news_article_json_ld(anon, db):
    organisation = make_organisation(name="Delta Cluster")
    item = make_news_item(
        title="Delta </script><b>launches</b>",
        organisation=organisation,
        body='<p>Hello<script>alert("x")</script></p>',
    )
    make_document(title="Attached report", news_item=item)
    make_document(title="Unpublished report", news_item=item, is_published=False)
    html = anon.get(item.get_absolute_url()).content.decode()
    assert "<p>Hello</p>" in html
    assert "Attached report" in html and "Unpublished report" not in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Delta </script><b>launches</b>"
    assert data["author"]["name"] == "Delta Cluster"
    assert data["mainEntityOfPage"] == f"http://testserver{item.get_absolute_url()}"
    assert {"datePublished", "dateModified", "publisher"} <= data.keys()
    assert _h1_count(html) == 1


# ----- documents ---------------------------------------------------------------------------
def test_documents_filter_by_kind_organisation_and_year(anon, db):
    alpha = make_organisation(slug="alpha")
    make_document(
        title="Alpha paper",
        kind=Document.Kind.POSITION_PAPER,
        organisation=alpha,
        published_on=datetime.date(2024, 3, 1),
    )
    make_document(
        title="Annual report", kind=Document.Kind.REPORT, published_on=datetime.date(2025, 3, 1)
    )
    make_document(title="Hidden report", is_published=False)
    url = reverse("news:documents")
    html = anon.get(url).content.decode()
    assert "Alpha paper" in html and "Annual report" in html and "Hidden report" not in html
    assert "Hidden report" not in html
    html = anon.get(url, {"kind": "position_paper"}).content.decode()
    assert "Alpha paper" in html and "Annual report" not in html
    html = anon.get(url, {"organisation": "alpha"}).content.decode()
    assert "Alpha paper" in html and "Annual report" not in html
    html = anon.get(url, {"year": "2025"}).content.decode()
    assert "Annual report" in html and "Alpha paper" not in html
    assert '<option value="2024">2024</option>' in html
    assert _h1_count(html) == 1


def test_document_download_streams_the_file_under_its_original_name(anon, db):
    document = make_document(file=upload("Étude Ελληνικά.pdf", pdf_bytes()))
    response = anon.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "filename*=utf-8''%C3%89tude%20%CE%95%CE%BB" in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == pdf_bytes()


# ----- best practices ----------------------------------------------------------------------
def test_best_practice_list_shows_published_only_and_filters_by_sector_and_s3_area(anon, db):
    sector = make_term(Vocabulary.SECTORAL_INDUSTRY, name="Aerospace")
    area = make_term(Vocabulary.S3_PRIORITY_AREA, name="Digital transformation")
    first = make_best_practice(title="Aero practice")
    first.terms.add(sector)
    second = make_best_practice(title="Digital practice")
    second.terms.add(area)
    make_best_practice(title="Draft practice", status=BestPractice.Status.DRAFT)
    url = reverse("news:best_practices")
    html = anon.get(url).content.decode()
    assert "Aero practice" in html and "Digital practice" in html
    assert "Draft practice" not in html
    html = anon.get(url, {"sector": sector.pk}).content.decode()
    assert "Aero practice" in html and "Digital practice" not in html
    html = anon.get(url, {"s3_area": area.pk}).content.decode()
    assert "Digital practice" in html and "Aero practice" not in html
    assert _h1_count(html) == 1


def test_best_practice_detail_shows_sections_terms_and_attachments(anon, db):
    from tests.factories import make_attachment

    best_practice = make_best_practice(
        title="Shared labs",
        challenge="<p>No lab.</p>",
        approach="<p>Share one.</p>",
        results="<p>Ten firms use it.</p>",
    )
    best_practice.terms.add(make_term(Vocabulary.SECTORAL_INDUSTRY, name="Health"))
    make_attachment(best_practice, name="Lab plan.pdf")
    html = anon.get(best_practice.get_absolute_url()).content.decode()
    for text in (
        "The challenge",
        "No lab.",
        "The approach",
        "The results",
        "Health",
        "Lab plan.pdf",
    ):
        assert text in html
    assert _h1_count(html) == 1


# ----- query counts ------------------------------------------------------------------------
def _many(count):
    for _ in range(count):
        organisation = make_organisation()
        make_news_item(organisation=organisation)
        make_document(organisation=organisation)
        make_best_practice(organisation)


@pytest.mark.parametrize("count", [1, 30])
@pytest.mark.parametrize(
    ("url_name", "queries"),
    [
        # news years, organisation facet, count, page of news+organisations
        ("news:list", 4),
        # document years, organisation facet, count, page of documents+organisations+languages
        ("news:documents", 4),
        # organisation facet, sector facet, S3 facet, count, page of best practices+organisations
        ("news:best_practices", 5),
    ],
)
def test_list_query_count_does_not_grow_with_items(
    count, url_name, queries, db, anon, django_assert_num_queries
):
    _many(count)
    with django_assert_num_queries(queries):
        response = anon.get(reverse(url_name))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 30])
def test_filtered_list_query_count_is_fixed_too(count, db, anon, django_assert_num_queries):
    _many(count)
    organisation = make_organisation(slug="filtered")
    make_news_item(organisation=organisation)
    # news years, organisation facet, organisation lookup for the filter, count, page
    with django_assert_num_queries(5):
        anon.get(reverse("news:list"), {"organisation": "filtered", "year": "2026", "q": "news"})


@pytest.mark.parametrize("count", [1, 15])
def test_detail_pages_query_count_does_not_grow(count, db, anon, django_assert_num_queries):
    from directory.models import Language
    from tests.factories import make_attachment

    with committed():
        language = Language.objects.create(code="xx", name="Testish")
        item = make_news_item(organisation=make_organisation())
        best_practice = make_best_practice()
        for n in range(count):
            make_document(news_item=item, language=language)
            make_attachment(best_practice)
            best_practice.terms.add(make_term(Vocabulary.S3_PRIORITY_AREA, name=f"Area {n}"))
            item.terms.add(make_term())
            item.tags.add(f"tag {n}")
    # news item + organisation, its published documents + languages, terms, tags
    with django_assert_num_queries(4):
        html = anon.get(item.get_absolute_url()).content.decode()
    assert html.count("(download)") == count
    # best practice + organisation, attachments, terms + parents
    with django_assert_num_queries(3):
        html = anon.get(best_practice.get_absolute_url()).content.decode()
    assert html.count("(download)") == count


def test_content_of_a_hidden_organisation_is_hidden_everywhere(
    anon, staff_client, other_manager_client
):
    hidden = make_organisation(status="withdrawn")
    item = make_news_item(title="Hidden org news", organisation=hidden)
    document = make_document(title="Hidden org paper", organisation=hidden)
    best_practice = make_best_practice(hidden, title="Hidden org practice")
    make_news_item(title="ECA's own news")
    for url_name in (
        "news:list",
        "news:documents",
        "news:best_practices",
        "news:feed_rss",
        "news:best_practice_feed_rss",
    ):
        html = anon.get(reverse(url_name)).content.decode()
        assert "Hidden org" not in html
    assert "ECA&#x27;s own news" in anon.get(reverse("news:list")).content.decode()
    for url in (
        item.get_absolute_url(),
        document.get_absolute_url(),
        best_practice.get_absolute_url(),
    ):
        assert anon.get(url).status_code == 404
        assert other_manager_client.get(url).status_code == 404
        assert staff_client.get(url).status_code == 200


def test_best_practice_facets_offer_only_terms_in_use(anon, db):
    used = make_term(Vocabulary.SECTORAL_INDUSTRY, name="Used sector")
    make_term(Vocabulary.SECTORAL_INDUSTRY, name="Unused sector")
    draft_only = make_term(Vocabulary.S3_PRIORITY_AREA, name="Draft-only area")
    make_best_practice().terms.add(used)
    make_best_practice(status=BestPractice.Status.DRAFT).terms.add(draft_only)
    html = anon.get(reverse("news:best_practices")).content.decode()
    assert "Used sector" in html
    assert "Unused sector" not in html and "Draft-only area" not in html


@pytest.mark.parametrize(
    ("url_name", "empty", "no_match"),
    [
        ("news:list", "No news yet.", "No news matches your filters"),
        ("news:documents", "No documents yet", "No documents match your filters"),
        ("news:best_practices", "No best practices yet.", "No best practices match your filters"),
    ],
)
def test_empty_lists_say_so_once_and_offer_filters_only_when_filtering(
    anon, db, url_name, empty, no_match
):
    html = anon.get(reverse(url_name)).text
    assert empty in html
    assert "list-filters" not in html  # nothing to filter
    assert " 0 " not in html.replace("\n", " ")
    filtered = anon.get(reverse(url_name), {"q": "nothing"}).text
    assert no_match in filtered and "list-filters" in filtered
    assert empty not in filtered
