from django.urls import reverse

from tests.factories import make_organisation


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
    with django_assert_num_queries(4):  # profile count, country count, latest, networks
        response = anon.get(reverse("home"))
    html = response.content.decode()
    assert "<dd>16</dd>" in html  # published profiles
    assert "<dd>15</dd>" in html  # countries: ECA's Belgium + 14 member countries
    assert "European Clusters Alliance" in html
    assert reverse("directory:list") in html
