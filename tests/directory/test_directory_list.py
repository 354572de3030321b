from django.urls import reverse

from directory.models import Vocabulary
from tests.factories import make_organisation, make_term


def test_directory_lists_published_profiles_only(anon, db):
    make_organisation(name="Visible Cluster")
    make_organisation(name="Hidden Cluster", status="withdrawn")
    response = anon.get(reverse("directory:list"))
    assert response.status_code == 200
    assert b"Visible Cluster" in response.content
    assert b"Hidden Cluster" not in response.content
    assert b"1 profile</h2>" in response.content


def test_directory_paginates_and_survives_bad_page_numbers(anon, db):
    for n in range(30):
        make_organisation(name=f"Cluster {n:02d}")
    first = anon.get(reverse("directory:list"))
    assert b"Page 1 of 2" in first.content
    assert b'href="?page=2"' in first.content
    for bad in ["2", "999", "abc", "-1"]:
        assert anon.get(reverse("directory:list"), {"page": bad}).status_code == 200


def test_home_shows_counts_and_latest_profiles(anon, seeded, django_assert_num_queries):
    # profile count, country count, networks, latest; upcoming events, news, best practices
    with django_assert_num_queries(7):
        response = anon.get(reverse("home"))
    html = response.content.decode()
    assert "<dd>16</dd>" in html  # published profiles
    assert "<dd>15</dd>" in html  # countries: ECA's Belgium + 14 member countries
    assert "European Clusters Alliance" in html
    assert reverse("directory:list") in html


def test_name_a_to_z_ignores_case_and_accents(anon, db):
    for name in ["go-cluster", "Zeta Cluster", "Écija Cluster", "Alpha Cluster", "beta cluster"]:
        make_organisation(name=name)
    html = anon.get(reverse("directory:list"), {"sort": "name"}).text
    expected = ["Alpha Cluster", "beta cluster", "Écija Cluster", "go-cluster", "Zeta Cluster"]
    order = [html.index(f">{name}<") for name in expected]
    assert order == sorted(order)


def test_the_admin_lists_profiles_in_the_same_order(staff_client, db):
    for name in ["go-cluster", "Alpha Cluster", "Zeta Cluster"]:
        make_organisation(name=name)
    html = staff_client.get(reverse("admin:directory_organisation_changelist")).text
    assert html.index(">Alpha Cluster<") < html.index(">go-cluster<") < html.index(">Zeta Cluster<")


def test_cards_say_what_tells_profiles_apart(anon, db):
    make_organisation(name="Numbered Network", kind="network", country="PL", members_sme=40)
    html = anon.get(reverse("directory:list")).text
    card = html[html.index(">Numbered Network<") :][:400]
    assert "Poland" in card and "Cluster network" in card and "40 members" in card
    assert "National or European cluster network / association" not in card


def test_cards_show_the_first_two_sectors(anon, db):
    organisation = make_organisation(name="Sector Cluster", country="FI")
    sectors = [make_term(name=f"Sector {n}", position=n) for n in range(1, 6)]
    organisation.terms.add(*sectors, make_term(Vocabulary.SERVICE, name="Not A Sector"))
    html = anon.get(reverse("directory:list")).text
    card = html[html.index(">Sector Cluster<") :][:900]
    assert "Finland" in card
    assert "Sector 1 · Sector 2" in card and "Sector 3" not in card
    assert '<span class="card__more">+3</span>' in card and "Not A Sector" not in card


def test_the_directory_and_search_pages_have_one_search_box(anon, db):
    for url in [reverse("directory:list"), reverse("search")]:
        assert anon.get(url).text.count('type="search"') == 1, url
    assert anon.get(reverse("home")).text.count('type="search"') == 1
