import pytest
import time_machine
from django.urls import reverse

from directory.models import Vocabulary
from events.models import Event
from tests.factories import at, make_event, make_organisation, make_term

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(at(2026, 3, 10, 12), tick=False):
        yield


LIST = reverse("events:list")
PAST = reverse("events:past")


def titles(response):
    return [event.title for event in response.context["events"]]


def test_upcoming_list_groups_events_by_month_and_skips_past_ones(anon):
    make_event(title="Yesterday", start=at(2026, 3, 9, 9))
    make_event(title="Ongoing", start=at(2026, 3, 10, 9), end=at(2026, 3, 11, 17))
    make_event(title="April talk", start=at(2026, 4, 2, 9))
    make_event(title="Draft", start=at(2026, 4, 3, 9), is_published=False)
    response = anon.get(LIST)
    assert response.status_code == 200
    assert titles(response) == ["Ongoing", "April talk"]
    html = response.content.decode()
    assert html.index(">March 2026</h2>") < html.index("Ongoing") < html.index(">April 2026</h2>")
    assert html.count("<h1") == 1
    assert "2 events." in html


def test_past_archive_lists_most_recent_first(anon):
    make_event(title="Older", start=at(2026, 1, 5, 9))
    make_event(title="Recent", start=at(2026, 3, 1, 9))
    make_event(title="Future", start=at(2026, 5, 1, 9))
    response = anon.get(PAST)
    assert titles(response) == ["Recent", "Older"]
    assert "<h1>Past events</h1>" in response.content.decode()


def test_filter_by_country_and_format(anon):
    make_event(title="Ghent", country="BE")
    make_event(title="Lyon", country="FR", city="Lyon")
    make_event(
        title="Webinar",
        country="",
        format=Event.Format.ONLINE,
        online_url="https://meet.example.org/x",
    )
    assert titles(anon.get(LIST, {"country": "FR"})) == ["Lyon"]
    assert titles(anon.get(LIST, {"format": "online"})) == ["Webinar"]


def test_filter_by_sector_and_ecosystem(anon):
    sector = make_term(Vocabulary.SECTORAL_INDUSTRY, name="Automotive")
    ecosystem = make_term(Vocabulary.INDUSTRIAL_ECOSYSTEM, name="Mobility")
    make_event(title="Cars", terms=[sector, ecosystem])
    make_event(title="Only mobility", terms=[ecosystem])
    make_event(title="Nothing")
    assert titles(anon.get(LIST, {"sector": sector.pk})) == ["Cars"]
    assert sorted(titles(anon.get(LIST, {"ecosystem": ecosystem.pk}))) == ["Cars", "Only mobility"]
    assert titles(anon.get(LIST, {"sector": sector.pk, "ecosystem": ecosystem.pk})) == ["Cars"]


def test_filter_by_organiser_includes_co_organised_events(anon):
    organisation = make_organisation(name="Flanders Food")
    make_event(title="Own", organiser=organisation)
    make_event(title="Shared", co_organisers=[organisation])
    make_event(title="Other", organiser=make_organisation())
    assert sorted(titles(anon.get(LIST, {"organiser": organisation.pk}))) == ["Own", "Shared"]


def test_filter_by_date_range(anon):
    make_event(title="March", start=at(2026, 3, 20, 9))
    make_event(title="April", start=at(2026, 4, 20, 9))
    make_event(title="May", start=at(2026, 5, 20, 9))
    response = anon.get(LIST, {"date_from": "2026-04-01", "date_to": "2026-04-30"})
    assert titles(response) == ["April"]
    assert titles(anon.get(LIST, {"date_to": "2026-03-20"})) == ["March"]


def test_text_search_matches_title_city_and_organiser(anon):
    make_event(title="Hydrogen day", city="Antwerp")
    make_event(title="Other", organiser=make_organisation(name="Hydrogen Europe"))
    make_event(title="Unrelated")
    assert sorted(titles(anon.get(LIST, {"q": "hydrogen"}))) == ["Hydrogen day", "Other"]
    assert titles(anon.get(LIST, {"q": "antwerp"})) == ["Hydrogen day"]


@pytest.mark.parametrize(
    "params",
    [
        {"country": "XX"},
        {"format": "teleport"},
        {"sector": "999999"},
        {"organiser": "abc"},
        {"date_from": "2026-02-30"},
        {"page": "nope"},
    ],
)
def test_invalid_filter_values_give_form_errors_not_500(anon, params):
    make_event(title="Still listed")
    response = anon.get(LIST, params)
    assert response.status_code == 200
    assert "Still listed" in response.content.decode()
    if "page" not in params:
        assert response.context["filter"].errors
        assert 'min="1900-01-01" max="2200-12-31"' in response.content.decode()
        assert 'class="errorlist' in response.content.decode()


def test_filter_form_keeps_the_input(anon):
    html = anon.get(LIST, {"q": "robots"}).content.decode()
    assert 'value="robots"' in html


def test_subscribe_link_carries_the_filters_without_the_page(anon):
    html = anon.get(LIST, {"country": "BE", "page": "1"}).content.decode()
    assert 'href="/events/feed.ics?country=BE"' in html


def test_pagination_keeps_filters(anon):
    for n in range(25):
        make_event(title=f"E{n:02}", start=at(2026, 4, 1 + n, 9), country="BE")
    response = anon.get(LIST, {"country": "BE"})
    assert len(response.context["events"]) == 20
    assert 'href="?country=BE&amp;page=2"' in response.content.decode()
    assert len(anon.get(LIST, {"country": "BE", "page": 2}).context["events"]) == 5


@pytest.mark.parametrize("events", [1, 30])
def test_list_query_count_does_not_grow_with_events(events, anon, django_assert_num_queries):
    organisation = make_organisation()
    for n in range(events):
        make_event(start=at(2026, 4, 1, 9 + n % 10), organiser=organisation)
    # sector choices, ecosystem choices, organiser choices, count, page of events+organisers
    with django_assert_num_queries(5):
        response = anon.get(LIST)
    assert response.status_code == 200


def test_organiser_field_is_a_text_input_with_suggestions_not_a_select(anon):
    own = make_organisation(name="Runs events")
    co = make_organisation(name="Co-runs events")
    make_organisation(name="No events")
    drafts = make_organisation(name="Only drafts")
    make_event(organiser=own, co_organisers=[co])
    make_event(organiser=drafts, is_published=False)

    html = anon.get(LIST).content.decode()

    assert '<select name="organiser"' not in html
    assert 'list="organiser-suggestions"' in html
    datalist = html[html.index('<datalist id="organiser-suggestions">') :]
    datalist = datalist[: datalist.index("</datalist>")]
    assert 'value="Runs events"' in datalist
    assert "No events" not in datalist and "Only drafts" not in datalist


def test_suggestions_are_the_most_active_organisers_only(anon):
    from events.filters import ORGANISER_SUGGESTIONS

    busy = [make_organisation(name=f"Busy {n:02}") for n in range(ORGANISER_SUGGESTIONS)]
    for n, organisation in enumerate(busy):
        make_event(organiser=organisation, start=at(2026, 4, 1 + n % 27, 9))
        make_event(organiser=organisation, start=at(2026, 5, 1 + n % 27, 9))
    make_event(organiser=make_organisation(name="Quiet one"))

    suggestions = anon.get(LIST).context["filter"].organiser_suggestions

    assert suggestions == [o.name for o in busy]
    # Not suggested, still found by typing
    assert len(anon.get(LIST, {"organiser": "quiet"}).context["events"]) == 1


def test_typing_part_of_an_organiser_name_filters_on_the_server(anon):
    food = make_organisation(name="Flanders Food")
    make_event(title="Own", organiser=food)
    make_event(title="Shared", co_organisers=[make_organisation(name="Food Valley NL")])
    make_event(title="Other", organiser=make_organisation(name="Photonics Bavaria"))

    response = anon.get(LIST, {"organiser": "  fOOd "})

    assert sorted(titles(response)) == ["Own", "Shared"]
    assert 'value="  fOOd "' in response.content.decode()  # the input as typed


def test_a_whole_name_means_that_organiser_only(anon):
    make_event(title="Food", organiser=make_organisation(name="Flanders Food"))
    make_event(title="Valley", organiser=make_organisation(name="Flanders Food Valley"))

    assert titles(anon.get(LIST, {"organiser": "flanders food"})) == ["Food"]
    assert sorted(titles(anon.get(LIST, {"organiser": "flanders"}))) == ["Food", "Valley"]


def test_an_organiser_id_from_an_older_link_still_filters(anon):
    organisation = make_organisation(name="Old Link Cluster")
    make_event(title="Own", organiser=organisation)
    make_event(title="Other", organiser=make_organisation())

    assert titles(anon.get(LIST, {"organiser": organisation.pk})) == ["Own"]


def test_an_organiser_nobody_matches_is_a_form_error_and_keeps_the_input(anon):
    make_event(title="Still listed", organiser=make_organisation(name="Hydrogen Europe"))
    make_event(title="Draft", organiser=make_organisation(name="Zeppelin"), is_published=False)

    response = anon.get(LIST, {"organiser": "zeppelin"})
    assert response.status_code == 200
    assert "No organiser of events matches" in response.content.decode()
    assert titles(response) == ["Still listed"]  # the filter is ignored
    assert 'value="zeppelin"' in anon.get(LIST, {"organiser": "zeppelin"}).content.decode()


@pytest.mark.parametrize("organisers", [1, 40])
def test_organiser_filter_query_count_does_not_grow(organisers, anon, django_assert_num_queries):
    for n in range(organisers):
        make_event(organiser=make_organisation(name=f"Maker {n}"), start=at(2026, 4, 1, 9))
    # sector choices, ecosystem choices, exact match, partial match exists, count, page,
    # suggestions
    with django_assert_num_queries(7):
        response = anon.get(LIST, {"organiser": "maker"})
    assert response.context["page_obj"].paginator.count == organisers


@pytest.mark.parametrize("events", [1, 30])
def test_past_query_count_does_not_grow_with_events(events, anon, django_assert_num_queries):
    for n in range(events):
        make_event(start=at(2026, 2, 1 + n % 27, 9), organiser=make_organisation())
    # sector choices, ecosystem choices, organiser choices, count, page of events+organisers
    with django_assert_num_queries(5):
        response = anon.get(PAST)
    assert len(response.context["events"]) == min(events, 20)


@pytest.mark.parametrize("url_name", ["events:list", "events:past", "events:feed_ics"])
@pytest.mark.parametrize(
    "params",
    [
        {"date_to": "9999-12-31"},
        {"date_from": "9999-12-31"},
        {"date_from": "0001-01-01"},
        {"date_to": "0001-01-01", "date_from": "9999-12-31"},
    ],
)
def test_out_of_range_dates_are_form_errors_on_every_date_filter(anon, url_name, params):
    """Issue 12, bug 2: 9999-12-31 plus a day overflowed (a 500)."""
    make_event(title="Still listed")
    response = anon.get(reverse(url_name), params)
    assert response.status_code == 200
    if url_name != "events:feed_ics":
        assert "Choose a date between 01/01/1900 and 31/12/2200." in response.content.decode()
        assert response.context["filter"].errors
        assert 'min="1900-01-01" max="2200-12-31"' in response.content.decode()


def test_no_events_at_all_is_one_line_without_filters(anon, db):
    html = anon.get(reverse("events:list")).text
    assert "No upcoming events yet" in html
    assert "Filter events" not in html and "0 events" not in html
    filtered = anon.get(reverse("events:list"), {"q": "nothing"}).text
    assert "No upcoming events match your filters." in filtered and "Filter events" in filtered


@pytest.mark.parametrize("value", ["9" * 10_000, "9" * 19, "x" * 300])
def test_an_organiser_value_too_long_for_a_name_or_an_id_is_a_form_error(anon, db, value):
    """A 10,000-digit organiser was a 500 (int() refuses it); 19 digits overflow a bigint."""
    make_event(title="Still listed")
    response = anon.get(reverse("events:list"), {"organiser": value})
    assert response.status_code == 200
    assert "organiser" in response.context["filter"].errors
    assert "Still listed" in response.text
