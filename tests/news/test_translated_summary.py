"""A best practice's summary in more languages (issue 18 §4)."""

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from news.models import BestPractice
from tests.factories import make_best_practice
from tests.i18n import get_in, url_in
from tests.news.test_best_practice_forms import _form_data


def test_the_page_shows_the_summary_in_the_visitors_language(client, db):
    practice = make_best_practice(
        summary="Pairing clusters across borders.",
        summary_translations={"pl": "Łączenie klastrów ponad granicami."},
    )
    r = get_in(client, "pl", url_in("pl", "news:best_practice_detail", practice.slug))
    assertContains(r, '<p lang="pl" class="lead">Łączenie klastrów ponad granicami.</p>', html=True)
    r = get_in(client, "de", url_in("de", "news:best_practice_detail", practice.slug))
    assertContains(r, '<p lang="en" class="lead">Pairing clusters across borders.</p>', html=True)
    polish_page = url_in("pl", "news:best_practice_detail", practice.slug)
    assertContains(r, f'<a href="{polish_page}" hreflang="pl" lang="pl">Polski</a>', html=True)


def test_the_manager_adds_a_translation_of_the_summary(manager_client, organisation):
    data = _form_data(organisation, summary_add_language="fr", summary_add_text="Jumelage.")
    r = manager_client.post(reverse("news:best_practice_create"), data)
    assert r.status_code == 302
    assert BestPractice.objects.get().summary_translations == {"fr": "Jumelage."}


def test_the_list_shows_each_summary_in_the_visitors_language(client, db):
    make_best_practice(
        summary="Pairing clusters across borders.",
        summary_translations={"pl": "Łączenie klastrów ponad granicami."},
    )
    r = get_in(client, "pl", url_in("pl", "news:best_practices"))
    assertContains(r, '<p lang="pl">Łączenie klastrów ponad granicami.</p>', html=True)
    assertNotContains(r, "translated-text__note")  # no "Available in" on cards
