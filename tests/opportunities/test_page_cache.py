"""Anonymous pages that change with the clock are cached no longer than until they change: a
call closing at 17:00 leaves the cached /calls/ at 17:00, an expired opportunity leaves the
cached list at midnight."""

import datetime

import pytest
import time_machine
from django.core.cache import caches
from django.urls import reverse

from tests.factories import at, make_call, make_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def test_cached_call_list_drops_a_call_at_its_closing_minute(anon, page_cache):
    call = make_call(opens_at=at(2027, 1, 4, 9), closes_at=at(2027, 2, 16, 17, 0))
    with time_machine.travel(at(2027, 2, 16, 16, 58), tick=False):
        first = anon.get(reverse("opportunities:calls"))
        assert first["X-Page-Cache"] == "miss"
        assert call.title in first.text
    with time_machine.travel(at(2027, 2, 16, 16, 59), tick=False):
        assert anon.get(reverse("opportunities:calls"))["X-Page-Cache"] == "hit"
    with time_machine.travel(at(2027, 2, 16, 17, 0), tick=False):
        again = anon.get(reverse("opportunities:calls"))
        assert again["X-Page-Cache"] == "miss"
        assert call.title not in again.text


def test_cached_opportunity_list_drops_an_expired_one_at_midnight(anon, page_cache):
    opportunity = make_opportunity(expires_on=datetime.date(2027, 3, 31))
    with time_machine.travel(at(2027, 3, 31, 23, 55), tick=False):
        assert opportunity.title in anon.get(reverse("opportunities:list")).text
    with time_machine.travel(at(2027, 4, 1, 0, 0), tick=False):
        assert opportunity.title not in anon.get(reverse("opportunities:list")).text


def test_pages_without_a_clock_stay_cached_as_long_as_before(anon, page_cache):
    anon.get(reverse("news:list"))
    assert anon.get(reverse("news:list"))["X-Page-Cache"] == "hit"


def test_interests_and_follows_do_not_change_the_content_version(
    other_manager_user, other_organisation
):
    from eca_site.lib import content_version
    from opportunities import services
    from tests.client import committed

    opportunity = make_opportunity()
    before = content_version.current()
    with committed():
        services.express_interest(
            opportunity, other_organisation, other_manager_user, "We would like to join you."
        )
        services.unfollow(opportunity, other_manager_user)
    assert content_version.current() == before
    with committed():
        services.withdraw(opportunity, other_manager_user)
    assert content_version.current() != before
