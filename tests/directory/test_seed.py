import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from directory.models import (
    Contact,
    Language,
    Membership,
    Organisation,
    SocialLink,
    Term,
    Vocabulary,
)

REPO_SEED = Path(__file__).resolve().parents[2] / "directory" / "seed"
SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seed"


def _row_counts():
    return {
        model.__name__: model.objects.count()
        for model in (Organisation, Membership, Contact, SocialLink, Term, Language)
    } | {"terms_links": Organisation.terms.through.objects.count()}


def test_load_seed_twice_creates_no_duplicates(db):
    out = StringIO()
    call_command("load_seed", stdout=out)
    first = _row_counts()
    call_command("load_seed", stdout=out)
    assert _row_counts() == first
    assert first["Organisation"] == 16  # ECA and its 15 members
    assert first["Membership"] == 15
    assert "Seed loaded" in out.getvalue()


def test_load_seed_restores_a_value_staff_broke_but_keeps_it_idempotent(seeded):
    Organisation.objects.filter(pk=seeded.pk).update(region="Somewhere else")
    call_command("load_seed", stdout=StringIO())
    seeded.refresh_from_db()
    assert seeded.region == "Brussels Region"


def test_seed_taxonomies_are_loaded_with_their_real_sizes(seeded):
    taxonomies = json.loads((REPO_SEED / "taxonomies.json").read_text())
    counts = {v: Term.objects.of(v).count() for v in Vocabulary}
    assert counts[Vocabulary.SECTORAL_INDUSTRY] == 51 == len(taxonomies["sectoral_industry"])
    assert counts[Vocabulary.CROSS_SECTORAL_INDUSTRY] == 10
    assert counts[Vocabulary.INDUSTRIAL_ECOSYSTEM] == 14
    assert counts[Vocabulary.INDUSTRIAL_ALLIANCE] == 11
    assert counts[Vocabulary.TECHNOLOGY_FIELD] == 8
    assert counts[Vocabulary.SERVICE] == 7  # "Clusters matchmaking" is an alias (issue 13)
    subarea = Term.objects.get(vocabulary=Vocabulary.S3_PRIORITY_AREA, parent__isnull=False)
    assert subarea.parent.name == "Digital transformation"
    assert Language.objects.filter(is_eu_official=True).count() == 24


def test_seed_leaves_facts_the_page_leaves_empty_empty(seeded):
    assert seeded.type_of_network == ""
    assert seeded.legal_form == ""
    assert seeded.date_of_establishment is None
    assert not seeded.languages.exists()
    assert not seeded.logo
    contact = seeded.contacts.get()
    assert (contact.name, contact.role, contact.area_of_work, contact.email, contact.phone) == (
        "Antonio Novo Guerrero",
        "President",
        "International projects",
        "",
        "+34 650410080",
    )
    sparse = Organisation.objects.get(slug="go-cluster")  # only what member_facts.json cites
    assert (sparse.country.code, sparse.city, sparse.date_of_establishment) == ("DE", "", None)
    assert not sparse.social_links.exists()


@pytest.mark.skipif(
    not SHARED_SEED.is_dir(), reason="the shared seed folder is not beside the repo"
)
@pytest.mark.parametrize("name", ["eca-profile-page.txt", "eca_profile.json", "taxonomies.json"])
def test_repo_seed_copy_matches_the_shared_seed(name):
    assert (REPO_SEED / name).read_bytes() == (SHARED_SEED / name).read_bytes()


def _history_counts():
    from django.apps import apps

    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    }


def test_load_seed_second_run_writes_no_history_row(seeded):
    """Issue 15: each re-run used to add about 40 history rows although no data changed."""
    before = _history_counts()
    assert before["directory.HistoricalOrganisation"] >= 16
    out = StringIO()
    call_command("load_seed", stdout=out)
    assert _history_counts() == before
    assert "0 profile(s) changed" in out.getvalue()


# Issue 13: the 15 member associations get their public facts from member_facts.json.

MEMBER_FACTS = json.loads((REPO_SEED / "member_facts.json").read_text())
FACT_FIELDS = ["website", "city", "founded", "social", "description"]


def _members():
    return {slug: fact for slug, fact in MEMBER_FACTS.items() if not slug.startswith("_")}


def test_member_facts_cover_every_member_and_cite_a_source_for_every_filled_fact():
    from django.utils.text import slugify

    profile = json.loads((REPO_SEED / "eca_profile.json").read_text())
    assert set(_members()) == {slugify(member["name"]) for member in profile["members"]}
    for slug, fact in _members().items():
        for field in FACT_FIELDS:
            if not fact[field]:
                continue
            sources = fact["sources"].get(field)
            sources = [sources] if isinstance(sources, str) else sources
            assert sources, f"{slug}: {field} has no source"
            assert all(url.startswith(("http://", "https://")) for url in sources), slug
        assert set(fact["sources"]) <= set(FACT_FIELDS), slug


def test_load_seed_fills_the_members_public_facts(seeded):
    polish = Organisation.objects.get(slug="polish-clusters-association")
    assert (polish.website, polish.city) == ("https://en.klastrypolskie.pl/", "Warsaw")
    assert "employers' association" in polish.about_html
    assert sorted(polish.social_links.values_list("network", "handle")) == [
        ("facebook", "ZwiazekPracodawcowKlastryPolskie"),
        ("linkedin", "związek-klastrów-polskich"),
        ("twitter", "klastrypolskie"),
    ]
    afpc = Organisation.objects.get(slug="association-francaise-des-poles-de-competitivite")
    assert afpc.date_of_establishment.isoformat() == "2013-12-16"
    # The seed's own website wins over nothing: NCA keeps the one eca_profile.json gives.
    nca = Organisation.objects.get(slug="national-cluster-association")
    assert nca.website == "http://nca.klastr-portal.cz/"
    described = Organisation.objects.filter(member_of__network=seeded).exclude(about="")
    assert described.count() == 15


def test_load_seed_never_overwrites_a_fact_a_manager_changed(seeded):
    polish = Organisation.objects.get(slug="polish-clusters-association")
    polish.city = "Kraków"
    polish.website = "https://example.org/"
    polish.save()
    polish.social_links.filter(network="twitter").update(handle="other", url="")
    out = StringIO()
    call_command("load_seed", stdout=out)
    polish.refresh_from_db()
    assert (polish.city, polish.website) == ("Kraków", "https://example.org/")
    assert list(polish.social_links.filter(network="twitter").values_list("handle", flat=True)) == [
        "other"
    ]
    assert "0 profile(s) changed" in out.getvalue()


def test_load_seed_second_run_writes_no_member_fact_again(seeded):
    before = _history_counts()
    assert before["directory.HistoricalSocialLink"] >= 3
    out = StringIO()
    call_command("load_seed", stdout=out)
    assert _history_counts() == before
    assert "0 profile(s) changed" in out.getvalue()


def test_a_members_city_from_the_facts_shows_in_its_profile_header(seeded, client):
    from django.urls import reverse

    page = client.get(reverse("directory:profile", args=["union-of-slovak-clusters"]))
    assert b'<p class="profile__location">Slovakia: Nitra</p>' in page.content
    page = client.get(reverse("directory:profile", args=[seeded.slug]))
    assert b'<p class="profile__location">Belgium: Brussels Region</p>' in page.content


def test_the_two_matchmaking_services_are_one_term_with_an_alias(seeded, anon):
    services = Term.objects.of(Vocabulary.SERVICE)
    assert not services.filter(name="Clusters matchmaking").exists()
    term = services.get(name="Networking and matchmaking")
    assert term.alias_list == ["Clusters matchmaking"]
    assert seeded.terms.filter(pk=term.pk).exists()  # the ECA profile's "Clusters matchmaking"
    seeded.refresh_from_db()
    assert "Clusters matchmaking" in seeded.search_keywords
    # The directory's filter offers the service once, and it selects ECA.
    html = anon.get("/directory/", {"service": term.slug}).text
    assert "Networking and matchmaking" in html and "European Clusters Alliance" in html
    assert "Clusters matchmaking" not in html


def test_load_seed_merges_a_duplicate_term_left_by_an_earlier_load(seeded):
    duplicate = Term.objects.create(
        vocabulary=Vocabulary.SERVICE, name="Clusters matchmaking", slug="clusters-matchmaking"
    )
    member = Organisation.objects.exclude(pk=seeded.pk).first()
    member.terms.add(duplicate)
    call_command("load_seed", stdout=StringIO())
    assert not Term.objects.filter(pk=duplicate.pk).exists()
    term = Term.objects.get(vocabulary=Vocabulary.SERVICE, name="Networking and matchmaking")
    assert member.terms.filter(pk=term.pk).exists()
    member.refresh_from_db()
    assert "Clusters matchmaking" in member.search_keywords
    counts = _row_counts()
    call_command("load_seed", stdout=StringIO())
    assert _row_counts() == counts
