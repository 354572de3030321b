"""An opportunity's summary in more languages (issue 18 §4)."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from opportunities.models import Opportunity
from tests.factories import make_opportunity
from tests.i18n import get_in, url_in
from tests.opportunities.test_posting import _data

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_summary_in_the_visitors_language(client):
    opportunity = make_opportunity(
        summary="Partners wanted.", summary_translations={"es": "Se buscan socios."}
    )
    r = get_in(client, "es", url_in("es", "opportunities:detail", opportunity.slug))
    assertContains(r, '<p lang="es" class="lead">Se buscan socios.</p>', html=True)


def test_a_translation_longer_than_the_summary_may_be_is_refused(manager_client, organisation):
    data = _data(organisation, summary_add_language="de", summary_add_text="x" * 301)
    r = manager_client.post(reverse("opportunities:create"), data)
    assert r.status_code == 200
    assert "summary_add_text" in r.context["form"].errors
    assert r.context["form"]["summary_add_text"].value() == "x" * 301
    assert not Opportunity.objects.exists()
