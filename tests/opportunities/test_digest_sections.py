"""The opportunities app's sections of the e-mail digest (issue 17's registry): new live
opportunities, and calls entering their last 14 days, each once, matched to the choices."""

import datetime

import pytest
from django.utils import timezone

from eca_site.lib.registry import DigestChoices, digest_sections
from opportunities.models import Opportunity
from tests.factories import make_call, make_opportunity, make_organisation, make_term

pytestmark = pytest.mark.django_db
WEEK = datetime.timedelta(days=7)


ANY = DigestChoices()


def titles(key, since, until, choices=ANY):
    section = dict(digest_sections.items())[key]
    return [item.title for item in section.items(since, until, choices)]


def test_both_sections_are_registered_with_a_daily_option():
    for key in ("opportunities", "calls-closing-soon"):
        assert "daily" in dict(digest_sections.items())[key].frequencies


def test_new_live_opportunities_of_the_period_matching_country_and_topic():
    now = timezone.now()
    term, other = make_term(), make_term()
    spain = make_organisation(country="ES")
    make_opportunity(spain, title="Matching", terms=[term])
    make_opportunity(spain, title="Other topic", terms=[other])
    make_opportunity(make_organisation(country="FR"), title="Elsewhere", terms=[term])
    make_opportunity(spain, title="Last week", terms=[term], published_at=now - 2 * WEEK)
    make_opportunity(spain, title="Draft", terms=[term], status=Opportunity.Status.DRAFT)
    make_opportunity(spain, title="Expired", terms=[term], expires_on=timezone.localdate() - WEEK)
    choices = DigestChoices(countries=frozenset({"ES"}), term_ids=frozenset({term.pk}))
    assert titles("opportunities", now - WEEK, now + datetime.timedelta(minutes=1), choices) == [
        "Matching"
    ]


def test_a_call_comes_once_in_the_period_its_last_14_days_begin():
    now = timezone.now()
    make_call(title="Closes in 10 days", closes_at=now + datetime.timedelta(days=10))
    make_call(title="Closes in 20 days", closes_at=now + datetime.timedelta(days=20))
    make_call(title="Closes in 3 weeks", closes_at=now + datetime.timedelta(days=21, hours=1))
    make_call(title="Unpublished", closes_at=now + datetime.timedelta(days=10), is_published=False)
    this_week = titles("calls-closing-soon", now - WEEK, now)
    next_week = titles("calls-closing-soon", now, now + WEEK)
    assert this_week == ["Closes in 10 days"]
    assert next_week == ["Closes in 20 days"]
