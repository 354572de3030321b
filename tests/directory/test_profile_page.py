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
    # The seed leaves these empty: one short line, not a "Not provided" box each (issue 13).
    assert (
        '<p class="facts__missing">Not provided yet: type of network, legal form, date of '
        "establishment, languages spoken.</p>" in eca_html
    )
    assert "Not provided</dd>" not in eca_html


def test_seed_profile_lists_the_15_members_with_countries_and_profile_links(eca_html):
    rows = re.findall(
        r"<tr>\s*<th scope=\"row\">(.*?)</th>\s*<td data-label=\"Country\">(.*?)</td>", eca_html
    )
    assert [(name.replace("&#x27;", "'"), country) for name, country in rows] == SEED_MEMBERS
    assert 'href="/directory/go-cluster/"' in eca_html
    assert 'href="https://clustero.eu/"' in eca_html


def test_seed_profile_shows_contact_phone_social_services_and_s3_area(eca_html):
    assert "President" in eca_html
    assert "+34 650410080" in eca_html
    assert "@AlliedClusters" in eca_html
    assert "@European Clusters Alliance" in eca_html
    assert "@EuropeanClustersAlliance" in eca_html
    # The seed's "Clusters matchmaking" is an alias of this service (issue 13).
    assert "Networking and matchmaking" in eca_html
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
    # (+1: the span of its events, which bounds the week links; +1: the networks it is in),
    # then opportunities' section: live opportunities
    with django_assert_num_queries(16):
        response = anon.get(network.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('<th scope="row">') == members


def test_provided_facts_are_shown_and_only_missing_ones_listed(anon, db):
    organisation = make_organisation(legal_form="Non-profit association", type_of_network="")
    html = anon.get(organisation.get_absolute_url()).text
    assert "<dt>Legal form</dt><dd>Non-profit association</dd>" in html
    assert "Not provided yet: type of network, date of establishment, languages spoken." in html


def test_members_table_cells_carry_their_column_name_for_phones(anon, db):
    network = make_organisation(kind="network")
    make_membership(network, make_organisation(name="Member A", website="https://a.example.eu/"))
    html = anon.get(network.get_absolute_url()).text
    assert '<td data-label="Website">' in html
    assert '<td data-label="Profile">' in html


def test_member_profiles_say_which_network_they_belong_to(seeded, anon):
    member = seeded.memberships.select_related("member").first().member
    html = anon.get(member.get_absolute_url()).text
    assert (
        f'Member of:\n        <a href="{seeded.get_absolute_url()}">European Clusters Alliance</a>'
        in html
    )


def test_logo_placeholders_show_initials_of_significant_words(db):
    for name, short_name, initials in [
        ("Spanish Federation of Innovative Business Groups", "", "SF"),
        ("Association Française des Pôles de Compétitivité", "AFPC", "AFPC"),
        ("go-cluster", "", "GC"),
        ("European Clusters Alliance", "ECA", "ECA"),
        ("Union of Slovak Clusters", "", "US"),
        ("Brno AI Network 56", "AI56", "BA"),  # a short name with digits is no logo text
    ]:
        assert make_organisation(name=name, short_name=short_name).initials == initials


def test_members_by_type_and_staff_are_shown(anon, db):
    organisation = make_organisation(members_sme=40, members_research=5, staff_fte="2.5")
    html = anon.get(organisation.get_absolute_url()).text
    assert "<dt>SME members</dt><dd>40</dd>" in html
    assert "<dt>Research and education members</dt><dd>5</dd>" in html
    assert "<dt>Cluster-management staff (FTE)</dt><dd>2.5</dd>" in html
    assert "Large company members" not in html  # not entered: not shown


def test_empty_focus_is_one_line_and_visitors_are_invited_to_complete(anon, db):
    organisation = make_organisation()
    html = anon.get(organisation.get_absolute_url()).text
    assert '<p class="empty">No sectors listed yet.</p>' in html
    assert "None listed" not in html
    assert "Log in to complete this profile" in html


def test_its_manager_is_invited_to_complete_a_sparse_profile(manager_client, organisation):
    html = manager_client.get(organisation.get_absolute_url()).text
    assert f"This profile is {organisation.completeness}% complete." in html
    assert 'href="/my/">Complete it</a>' in html


def test_json_ld_description_keeps_list_items_apart_and_names_its_networks(seeded, anon):
    import json

    member = seeded.memberships.select_related("member").first().member
    member.about = (
        "<p>We help.</p><ul><li>Joint R&amp;D projects</li><li>Internationalisation</li></ul>"
    )
    member.save()
    html = anon.get(member.get_absolute_url()).text
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["description"] == "We help. Joint R&D projects Internationalisation"
    assert data["memberOf"][0]["name"] == "European Clusters Alliance"


def test_other_apps_sections_are_cached_per_profile_until_content_changes(
    db, anon, settings, django_assert_num_queries
):
    from tests.factories import make_event, make_news_item

    settings.PAGE_CACHE_SECONDS = 0  # what a signed-in visitor or the first after an edit gets
    network = _network_with_members(3)
    anon.get(network.get_absolute_url())
    # organisation, contacts, memberships+members, terms+parents, the networks it is a member
    # of (issue 13), languages, social links, tags, live opportunities (issue 16: not cached,
    # they expire at midnight); the week strip, news, documents and best practices come from
    # the cache
    with django_assert_num_queries(9):
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


def test_members_table_names_each_website_by_its_domain(anon, db):
    """A long address ("clusterplattform.de/CLUSTER/Navigation/DE/...") broke across lines in a
    narrow column; the link text is the domain, the link keeps the whole address."""
    network = make_organisation(kind="network")
    long_url = "https://www.clusterplattform.de/CLUSTER/Navigation/DE/Home/home.html"
    make_membership(network, make_organisation(name="go-cluster", website=long_url))
    html = anon.get(network.get_absolute_url()).text
    assert f'<a href="{long_url}"' in html
    assert ">clusterplattform.de</a>" in html
