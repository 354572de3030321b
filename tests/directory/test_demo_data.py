import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from directory.models import Contact, Membership, Organisation
from tests.factories import derive, make_organisation


def generate(*args, **options):
    with open(os.devnull, "w") as devnull:
        call_command("generate_demo_data", *args, stdout=devnull, **options)


def demo():
    return Organisation.objects.filter(slug__startswith="demo-")


def test_refuses_without_debug_or_force(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        generate("--organisations", "5")
    assert not demo().exists()


def test_runs_with_debug_on(db, settings):
    settings.DEBUG = True
    generate("--organisations", "5")
    assert demo().count() == 5


def test_creates_marked_profiles_with_terms_members_contacts_and_search_texts(db):
    generate("--organisations", "200", "--force", "--seed", "3")
    organisations = demo()
    assert organisations.count() == 200
    assert all(
        o.about.rstrip().endswith("describes no real organisation.</em></p>") for o in organisations
    )
    assert Contact.objects.filter(organisation__in=organisations).count() >= 200
    assert Membership.objects.filter(network__in=organisations).exists()
    assert all(o.terms.exists() for o in organisations[:20])
    assert all(o.search_document for o in organisations[:20])
    sample = organisations.order_by("pk").first()
    assert sample.completeness > 0
    derived = (sample.completeness, sample.search_keywords, sample.search_document)
    sample = derive(sample)  # the write path again finds the same: demo data used it
    assert (sample.completeness, sample.search_keywords, sample.search_document) == derived


def test_same_seed_gives_the_same_data_and_reruns_replace_it(db):
    generate("--organisations", "30", "--force", "--seed", "7")
    first = list(demo().order_by("name").values_list("name", "country", "region"))
    generate("--organisations", "30", "--force", "--seed", "7")
    assert list(demo().order_by("name").values_list("name", "country", "region")) == first
    generate("--organisations", "10", "--force", "--seed", "8")
    assert demo().count() == 10


def test_never_touches_real_profiles(db):
    real = make_organisation(name="Real Cluster", slug="real-cluster")
    generate("--organisations", "10", "--force")
    generate("--organisations", "0", "--force")
    assert Organisation.objects.filter(pk=real.pk).exists()
    assert not demo().exists()


def test_also_creates_demo_events_over_the_past_and_next_year(db):
    from django.utils import timezone

    from events.models import Event

    generate("--organisations", "40", "--force", "--events", "30")
    events = Event.objects.filter(slug__startswith="demo-")
    assert events.count() == 30
    now = timezone.now()
    assert events.filter(start__lt=now).exists() and events.filter(start__gt=now).exists()
    assert all(abs((e.start - now).days) <= 366 for e in events)
    generate("--organisations", "40", "--force", "--events", "30")  # same seed: same events
    assert Event.objects.filter(slug__startswith="demo-").count() == 30


def test_events_default_to_one_per_ten_profiles(db):
    from events.models import Event

    generate("--organisations", "30", "--force")
    assert Event.objects.filter(slug__startswith="demo-").count() == 3
