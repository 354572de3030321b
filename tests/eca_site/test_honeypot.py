"""The honeypot: hidden from people, filled by robots, whose submissions are dropped."""

import pytest
from django.urls import reverse

from tests.eca_site import urls as test_urls

pytestmark = [pytest.mark.urls("tests.eca_site.urls"), pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _nothing_sent_yet():
    test_urls.SENT.clear()


def test_the_honeypot_is_visually_hidden_out_of_tab_order_and_labelled(anon):
    html = anon.get(reverse("test_message")).text
    assert '<div class="visually-hidden">' in html
    assert '<label for="id_homepage">Leave this field empty:</label>' in html
    assert (
        '<input type="text" name="homepage" autocomplete="off" tabindex="-1" id="id_homepage">'
        in html
    )


def test_a_person_who_leaves_it_empty_gets_through(anon):
    response = anon.post(reverse("test_message"), {"message": "Hello", "homepage": ""})
    assert response.text == "Thank you"
    assert test_urls.SENT == ["Hello"]


def test_a_filled_honeypot_drops_the_submission_and_says_why(anon):
    response = anon.post(
        reverse("test_message"), {"message": "Buy now", "homepage": "http://spam.example"}
    )
    assert test_urls.SENT == []
    assert "Your submission looked automated, so it was not sent." in response.text
    assert 'value="Buy now"' in response.text  # the form keeps the input


def test_the_demo_form_is_rate_limited_too(anon):
    for n in range(3):
        assert anon.post(reverse("test_message"), {"message": f"m{n}"}).status_code == 200
    response = anon.post(reverse("test_message"), {"message": "one too many"})
    assert response.status_code == 429
    assert test_urls.SENT == ["m0", "m1", "m2"]
