"""Fixed query counts per page, pinned with their reasons, the same for 1 and 30 rows."""

import pytest
from django.urls import reverse

from directory.models import Vocabulary
from tests.factories import make_call, make_opportunity, make_organisation, make_term

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[1, 30], ids=["1-row", "30-rows"])
def content(request, organisation):
    term = make_term(Vocabulary.SECTORAL_INDUSTRY)
    organisation.terms.add(term)
    for _ in range(request.param):
        opportunity = make_opportunity(make_organisation(), terms=[term, make_term()])
        call = make_call(topics=[term])
    return {"opportunity": opportunity, "call": call}


PUBLIC = [
    # facets: organisations, countries, kinds, 4 vocabularies; count; page
    ("list", lambda c: reverse("opportunities:list"), 9),
    # opportunity; its terms
    ("detail", lambda c: c["opportunity"].get_absolute_url(), 2),
    # topic facet, programmes; count; page (with the page cache on, one more: the next moment
    # a call changes status, so the cached page expires then)
    ("calls", lambda c: reverse("opportunities:calls"), 4),
    # topic facet, programmes; count (empty archive: no page query)
    ("archive", lambda c: reverse("opportunities:call_archive"), 3),
    # call with programme; its topics; its partner searches
    ("call", lambda c: c["call"].get_absolute_url(), 3),
    # the feed's rows with their organisation and kind
    ("rss", lambda c: reverse("opportunities:feed_rss"), 1),
    ("call-ics", lambda c: reverse("opportunities:call_deadlines_ics"), 1),
    # the list filter's country facet (read when the filter is built); rows
    ("opportunity-ics", lambda c: reverse("opportunities:deadlines_ics"), 2),
]


@pytest.mark.parametrize(("name", "url", "queries"), PUBLIC, ids=[p[0] for p in PUBLIC])
def test_public_pages_have_fixed_query_counts(
    anon, content, django_assert_num_queries, name, url, queries
):
    path = url(content)
    with django_assert_num_queries(queries):
        assert anon.get(path).status_code == 200


def test_dashboard_query_count_does_not_grow_with_matches(
    manager_client, content, django_assert_num_queries
):
    # session, user, account profile, the dashboard's profiles; best practices (news) 2;
    # this panel 8: managed organisations and their terms, own opportunities, interests
    # received and sent; for the one managed published profile: matching opportunities, their
    # shared terms, matching calls, their shared terms (4 more per further managed profile, up
    # to MATCHED_PROFILES); the digest subscription panel (issue 17) 1; the language of the
    # account's e-mails (issue 18) 1
    with django_assert_num_queries(16):
        assert manager_client.get(reverse("my:dashboard")).status_code == 200


def test_detail_for_a_manager_has_a_fixed_query_count(
    manager_client, content, django_assert_num_queries
):
    # session, user, opportunity, terms, following?, own opportunity?, interests sent,
    # organisations that may answer (exists, then the form's choices), own profiles (exists)
    with django_assert_num_queries(10):
        assert manager_client.get(content["opportunity"].get_absolute_url()).status_code == 200


def test_dashboard_query_count_is_bounded_whatever_the_number_of_managed_profiles(
    manager_user, manager_client, organisation
):
    """Matches are computed for at most MATCHED_PROFILES managed profiles (four queries each);
    a manager of more profiles is told which ones the panel leaves out."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from opportunities.plugins import MATCHED_PROFILES

    term = make_term(Vocabulary.SECTORAL_INDUSTRY)
    make_opportunity(make_organisation(), terms=[term])

    def manage_more(count):
        for _ in range(count):
            managed = make_organisation()
            managed.managers.add(manager_user)
            managed.terms.add(term)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = manager_client.get(reverse("my:dashboard"))
        return len(captured), response

    manage_more(MATCHED_PROFILES)
    at_the_bound, _response = queries()
    manage_more(3)
    beyond, response = queries()
    assert beyond == at_the_bound
    assert "Matches are shown for your first 3 published profiles" in response.content.decode()
