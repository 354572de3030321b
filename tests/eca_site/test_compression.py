"""HTML responses are compressed for clients that accept gzip (directory pages weighed 80 KB)."""

import gzip

import pytest
from django.urls import reverse

from tests.factories import make_organisation

pytestmark = pytest.mark.django_db


def test_html_is_gzipped_for_clients_that_accept_it(anon):
    for _ in range(20):
        make_organisation()
    plain = anon.get(reverse("directory:list"))
    response = anon.get(reverse("directory:list"), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "<h1" in html
    assert len(response.content) < len(plain.content) / 3


def test_compressed_pages_still_answer_conditional_requests(anon):
    url = reverse("home")
    first = anon.get(url, HTTP_ACCEPT_ENCODING="gzip")
    etag = first.get("ETag")
    if etag is None:
        pytest.skip("this page sends no ETag")
    again = anon.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
