import re

import pytest
from django.urls import reverse

from directory.models import Organisation
from tests.factories import make_contact, make_membership, make_organisation, make_term

SEED_HEADINGS = [
    "About us",
    "Why is an European alliance of clusters needed?",
    "How does the European Clusters Alliance support clusters?",
    "How has ECA supported the cluster community during the COVID-19 crisis?",
    "Who are the members of the European Clusters Alliance?",
    "Who can become a member?",
    "Services offered",
    "Sectoral and industrial focus",
    "Upcoming events",
    "Latest news and documents",
    "Submitted best practices",
]
SEED_MEMBERS = [
    ("National Cluster Platform", "Austria"),
    ("Bulgarian Employers Association Innovative Technologies", "Bulgaria"),
    ("National Cluster Association", "Czechia"),
    ("East and North Finland", "Finland"),
    ("Association Française des Pôles de Compétitivité", "France"),
    ("France Clusters", "France"),
    ("go-cluster", "Germany"),
    ("IKOSZ Hungarian National Alliance of Innovative Clusters", "Hungary"),
    ("Latvian Clusters Network", "Latvia"),
    ("KlasterLT", "Lithuania"),
    ("Polish Clusters Association", "Poland"),
    ("Portugal Clusters", "Portugal"),
    ("Clustero", "Romania"),
    ("Union of Slovak Clusters", "Slovakia"),
    ("Spanish Federation of AEIs and Clusters", "Spain"),
]
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture
def eca_html(seeded, anon):
    response = anon.get(reverse("directory:profile", args=[seeded.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_seed_profile_shows_every_section_heading_in_seed_order(eca_html):
    positions = [eca_html.find(f">{heading}<") for heading in SEED_HEADINGS]
    assert -1 not in positions, [
        h for h, p in zip(SEED_HEADINGS, positions, strict=True) if p == -1
    ]
    assert positions == sorted(positions)


def test_seed_profile_header_shows_location_contact_and_completeness(eca_html, seeded):
    assert "<h1>European Clusters Alliance</h1>" in eca_html
    assert "Belgium: Brussels Region" in eca_html
    assert "Antonio Novo Guerrero" in eca_html
    assert "International projects" in eca_html
    assert f"{seeded.completeness}% completed" in eca_html
    for label in ["Type of network", "Legal form of the cluster network", "Date of establishment",
                  "Languages spoken"]:  # fmt: skip
        assert label in eca_html


def test_seed_profile_lists_the_15_members_with_countries_and_profile_links(eca_html):
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</th>\s*<td>(.*?)</td>", eca_html)
    assert [(name.replace("&#x27;", "'"), country) for name, country in rows] == SEED_MEMBERS
    assert 'href="/directory/go-cluster/"' in eca_html
    assert 'href="https://clustero.eu/"' in eca_html


def test_seed_profile_shows_contact_phone_social_services_and_s3_area(eca_html):
    assert "President" in eca_html
    assert "+34 650410080" in eca_html
    assert "@AlliedClusters" in eca_html
    assert "@European Clusters Alliance" in eca_html
    assert "@EuropeanClustersAlliance" in eca_html
    assert "Clusters matchmaking" in eca_html
    assert "Digital Industries" in eca_html
    assert (
        "Digital transformation: Artificial intelligence, cognitive systems, augmented and virtual"
        " reality, visualisation, simulation, gamification &amp; interaction technologies"
    ) in eca_html
    for day in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]:
        assert day in eca_html
    assert eca_html.count("There is no uploaded content...") == 2


def test_no_plain_email_address_anywhere_on_the_profile(seeded, anon):
    make_contact(seeded, name="Second Person", email="second.person@clustersalliance.eu")
    html = anon.get(seeded.get_absolute_url()).content.decode()
    assert "second.person [at] clustersalliance [dot] eu" in html
    assert EMAIL_RE.findall(html) == []
    assert "mailto:" not in html


def test_unpublished_profile_is_404_for_anonymous_and_visible_to_staff(anon, staff_client):
    hidden = make_organisation(status="withdrawn")
    assert anon.get(hidden.get_absolute_url()).status_code == 404
    response = staff_client.get(hidden.get_absolute_url())
    assert response.status_code == 200
    assert b"Not published" in response.content


def test_unknown_slug_is_404(anon, db):
    assert anon.get(reverse("directory:profile", args=["no-such-cluster"])).status_code == 404


def test_about_text_is_sanitised_on_save(db, anon):
    organisation = make_organisation(
        about='<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x()">y</a></p>'
    )
    assert organisation.about_html == '<p>Hi <a rel="noopener noreferrer nofollow">y</a></p>'
    html = anon.get(organisation.get_absolute_url()).content.decode()
    assert "alert(1)" not in html
    assert "javascript:" not in html


def _network_with_members(count):
    network = make_organisation(kind=Organisation.Kind.NETWORK)
    make_contact(network)
    network.terms.add(make_term(), make_term())
    for _ in range(count):
        make_membership(network)
    return network


@pytest.mark.parametrize("members", [1, 50])
def test_profile_query_count_does_not_grow_with_members(
    members, db, anon, django_assert_num_queries
):
    network = _network_with_members(members)
    # organisation, contacts, memberships+members, terms+parents, languages, social links, tags,
    # partner suggestions (none here, so no shared-terms query),
    # the events week strip: the week's events, the next events (events_tags),
    # then news/templatetags/news_tags.py: latest news, latest documents, latest best practices
    with django_assert_num_queries(13):
        response = anon.get(network.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('<th scope="row">') == members


def test_other_apps_sections_are_cached_per_profile_until_content_changes(
    db, anon, settings, django_assert_num_queries
):
    from tests.factories import make_event, make_news_item

    settings.PAGE_CACHE_SECONDS = 0  # what a signed-in visitor or the first after an edit gets
    network = _network_with_members(3)
    anon.get(network.get_absolute_url())
    # organisation, contacts, memberships+members, terms+parents, languages, social links,
    # tags; the week strip, news, documents and best practices come from the cache
    with django_assert_num_queries(7):
        anon.get(network.get_absolute_url())

    make_event(title="Fresh workshop", organiser=network)
    make_news_item(title="Fresh news", organisation=network)

    html = anon.get(network.get_absolute_url()).content.decode()
    assert "Fresh workshop" in html
    assert "Fresh news" in html


def test_each_week_of_the_events_strip_is_its_own_cache_entry(db, anon, settings):
    settings.PAGE_CACHE_SECONDS = 0
    network = make_organisation()
    url = network.get_absolute_url()

    this_week = anon.get(url).content.decode()
    later = anon.get(url, {"week": "2030-W10"}).content.decode()

    assert "2030" not in this_week
    assert "2030" in later
