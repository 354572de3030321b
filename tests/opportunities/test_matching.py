"""/my/ shows each managed organisation the live opportunities and current calls that share its
terms, best first, with the shared terms; staff see which organisations could answer."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.models import Vocabulary
from opportunities.matching import matches_for, organisations_that_could_answer
from tests.factories import make_call, make_opportunity, make_organisation, make_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms():
    return {
        "robotics": make_term(Vocabulary.SECTORAL_INDUSTRY, name="Robotics"),
        "ai": make_term(Vocabulary.TECHNOLOGY_FIELD, name="Artificial intelligence"),
        "services": make_term(Vocabulary.SERVICE, name="Matchmaking"),
        "textiles": make_term(Vocabulary.SECTORAL_INDUSTRY, name="Textiles"),
    }


def test_matches_are_ranked_by_shared_terms_and_explained(organisation, terms):
    organisation.terms.add(terms["robotics"], terms["ai"])
    best = make_opportunity(title="Robots with AI", terms=[terms["robotics"], terms["ai"]])
    second = make_opportunity(title="Just AI", terms=[terms["ai"]])
    make_opportunity(title="Textiles", terms=[terms["textiles"]])
    make_opportunity(organisation, title="Our own", terms=[terms["robotics"]])
    make_opportunity(title="Draft", terms=[terms["robotics"]], status="draft")
    make_opportunity(
        title="Expired",
        terms=[terms["robotics"]],
        expires_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    make_opportunity(title="Only for Germans", terms=[terms["robotics"]], sought_countries=["DE"])
    call = make_call(title="AI call", topics=[terms["ai"]])
    make_call(title="Closed AI call", topics=[terms["ai"]],
              opens_at=timezone.now() - datetime.timedelta(days=60),
              closes_at=timezone.now() - datetime.timedelta(days=1))  # fmt: skip
    opportunities, calls = matches_for(organisation)
    assert [o.title for o in opportunities] == [best.title, second.title]
    assert [t.name for t in opportunities[0].shared_terms] == [
        "Robotics",
        "Artificial intelligence",
    ]
    assert [c.title for c in calls] == [call.title]
    assert [t.name for t in calls[0].shared_terms] == ["Artificial intelligence"]


def test_dashboard_shows_the_matches_with_their_shared_terms(manager_client, organisation, terms):
    organisation.terms.add(terms["robotics"])
    opportunity = make_opportunity(title="Robot partners", terms=[terms["robotics"]])
    r = manager_client.get(reverse("my:dashboard"))
    assert f"What fits {organisation.name}" in r.text
    assert opportunity.title in r.text
    assert "Shared: Robotics" in r.text


def test_organisations_that_could_answer_for_staff(staff_client, terms):
    poster = make_organisation(name="Poster")
    opportunity = make_opportunity(poster, terms=[terms["robotics"]], sought_countries=["FR"])
    french = make_organisation(name="French robots", country="FR")
    french.terms.add(terms["robotics"])
    belgian = make_organisation(name="Belgian robots", country="BE")
    belgian.terms.add(terms["robotics"])
    found = organisations_that_could_answer(opportunity)
    assert [o.name for o in found] == ["French robots"]
    assert [t.name for t in found[0].shared_terms] == ["Robotics"]
    r = staff_client.get(opportunity.get_absolute_url())
    assert "Organisations that could answer (staff only)" in r.text
    assert "French robots" in r.text


def test_visitors_do_not_see_who_could_answer(anon, terms):
    opportunity = make_opportunity(terms=[terms["robotics"]])
    assert "could answer" not in anon.get(opportunity.get_absolute_url()).text
