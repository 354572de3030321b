"""/opportunities/ lists live opportunities only, with facets; expired ones keep their page
with "expired"; nothing unpublished leaks; bad parameters never 500."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from directory.models import Vocabulary
from opportunities.models import OpportunityKind
from tests.factories import make_draft, make_opportunity, make_organisation, make_term

pytestmark = pytest.mark.django_db
LIST = reverse("opportunities:list")


def _titles(response):
    return [o.title for o in response.context["opportunities"]]


def test_only_live_opportunities_of_public_profiles_are_listed(anon):
    today = timezone.localdate()
    live = make_opportunity(title="Live")
    make_opportunity(title="Draft", status="draft")
    make_opportunity(title="Submitted", status="needs_review")
    make_opportunity(title="Withdrawn", status="withdrawn")
    make_opportunity(title="Rejected", status="rejected")
    make_opportunity(title="Expired", expires_on=today - datetime.timedelta(days=1))
    make_opportunity(make_draft(), title="Of a hidden profile")
    assert _titles(anon.get(LIST)) == [live.title]


def test_expired_opportunity_keeps_its_page_marked_expired(anon):
    opportunity = make_opportunity(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    r = anon.get(opportunity.get_absolute_url())
    assert r.status_code == 200
    assert "Expired on" in r.text
    assert "no longer open to answers" in r.text
    assert "Log in</a> as the manager" not in r.text
    assert "application/ld+json" not in r.text


def test_expiry_day_is_the_last_day_in_the_list(anon):
    opportunity = make_opportunity(expires_on=datetime.date(2027, 3, 31))
    with time_machine.travel(datetime.datetime(2027, 3, 31, 23, 59, tzinfo=datetime.UTC)):
        # 23:59 UTC is already 1 April in Brussels.
        assert _titles(anon.get(LIST)) == []
    with time_machine.travel(datetime.datetime(2027, 3, 31, 21, 59, tzinfo=datetime.UTC)):
        assert _titles(anon.get(LIST)) == [opportunity.title]


def test_draft_page_is_404_for_others_and_visible_to_its_managers(
    anon, other_manager_client, manager_client, organisation
):
    draft = make_opportunity(organisation, status="draft")
    assert anon.get(draft.get_absolute_url()).status_code == 404
    assert other_manager_client.get(draft.get_absolute_url()).status_code == 404
    assert manager_client.get(draft.get_absolute_url()).status_code == 200


def test_facets_narrow_the_list(anon):
    sector = make_term(Vocabulary.SECTORAL_INDUSTRY, slug="robotics", name="Robotics")
    tech = make_term(Vocabulary.TECHNOLOGY_FIELD, slug="ai", name="AI")
    german = make_organisation(country="DE", slug="german-cluster")
    soon = timezone.localdate() + datetime.timedelta(days=5)
    later = timezone.localdate() + datetime.timedelta(days=60)
    a = make_opportunity(german, title="A", terms=[sector], deadline=later)
    b = make_opportunity(
        title="B",
        terms=[tech],
        deadline=soon,
        kind=OpportunityKind.objects.get(slug="technology-offer"),
    )
    assert _titles(anon.get(LIST, {"sectoral_industry": "robotics"})) == [a.title]
    assert _titles(anon.get(LIST, {"technology_field": "ai"})) == [b.title]
    assert _titles(anon.get(LIST, {"country": "DE"})) == [a.title]
    assert _titles(anon.get(LIST, {"organisation": "german-cluster"})) == [a.title]
    assert _titles(anon.get(LIST, {"kind": "technology-offer"})) == [b.title]
    assert _titles(anon.get(LIST, {"deadline": "7"})) == [b.title]
    assert _titles(anon.get(LIST, {"sort": "deadline"})) == [b.title, a.title]
    assert _titles(anon.get(LIST, {"q": "B"}))[:1] == [b.title]


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "nope"},
        {"country": "XX"},
        {"sectoral_industry": "missing"},
        {"deadline": "abc"},
        {"sort": "sideways"},
        {"page": "999"},
        {"organisation": "\x00"},
    ],
)
def test_bad_parameters_are_ignored_not_500(anon, params):
    make_opportunity()
    r = anon.get(LIST, params)
    assert r.status_code == 200


def test_profile_shows_its_live_opportunities(anon):
    organisation = make_organisation()
    live = make_opportunity(organisation, title="Live one")
    make_opportunity(organisation, title="Draft one", status="draft")
    r = anon.get(organisation.get_absolute_url())
    assert "Cooperation opportunities" in r.text
    assert live.title in r.text
    assert "Draft one" not in r.text


def test_profile_without_opportunities_shows_no_section(anon):
    organisation = make_organisation()
    assert "Cooperation opportunities</h2>" not in anon.get(organisation.get_absolute_url()).text


def test_detail_has_json_ld_of_a_demand(anon):
    opportunity = make_opportunity()
    r = anon.get(opportunity.get_absolute_url())
    assert '"@type": "Demand"' in r.text
    assert opportunity.organisation.name in r.text
