"""Issue 12, bugs 4 and 5: two tabs or two clicks at the same moment.

Bug 4: two tabs editing one profile silently reverted each other (the whole object, loaded
before its lock, was saved). Now each step saves only its fields, and a form opened before
another save is refused with what changed, keeping the input.
Bug 5: double submissions (sign-up, registering a profile, a best practice with one title)
were IntegrityError 500s. The threaded tests run two real requests at once on PostgreSQL.
"""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from accounts import services
from directory.models import Organisation
from news.models import BestPractice
from tests.accounts.self_service_helpers import figures_data, identity_data
from tests.client import Client
from tests.conftest import logged_in
from tests.factories import make_organisation, make_user

STALE = "This profile changed since you opened it"
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and real concurrency need PostgreSQL"
)


def step_url(organisation, step):
    return reverse("my:organisation_step", args=[organisation.slug, step])


def together(*calls):
    """Run `calls` in threads released at the same moment; their results (or exceptions)."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # a 500 re-raised by the test client
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


# ----- bug 4: stale forms --------------------------------------------------------------------
@pytest.mark.django_db
def test_a_form_opened_before_another_save_is_refused_with_the_change_keeping_the_input():
    manager = make_user()
    profile = make_organisation(name="Tab Cluster", country="BE", region="Flanders", city="Gent")
    profile.managers.add(manager)
    first_tab, second_tab = logged_in(manager), logged_in(manager)
    version = first_tab.get(step_url(profile, "identity")).context["version"]
    assert second_tab.get(step_url(profile, "identity")).context["version"] == version

    saved = second_tab.post(
        step_url(profile, "identity"),
        identity_data(profile, region="Wallonia", city="Gent", version=version),
    )
    assert saved.status_code == 302
    stale = first_tab.post(
        step_url(profile, "identity"),
        identity_data(profile, region="Flanders", city="Liège", version=version),
    )
    html = stale.content.decode()
    assert stale.status_code == 200
    assert STALE in html
    assert "Wallonia" in html  # the other change is shown
    assert 'value="Liège"' in html  # the input is kept
    profile.refresh_from_db()
    assert (profile.region, profile.city) == ("Wallonia", "Gent")  # nothing reverted


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_tabs_saving_two_steps_at_once_never_lose_a_change_silently():
    manager = make_user()
    profile = make_organisation(name="Race Cluster", country="BE", region="Flanders")
    profile.managers.add(manager)
    identity_tab, figures_tab = logged_in(manager), logged_in(manager)
    for round_ in range(8):
        version = services.version_of(Organisation.objects.get(pk=profile.pk))
        identity, figures = together(
            lambda r=round_, v=version: identity_tab.post(
                step_url(profile, "identity"),
                identity_data(profile, region=f"R{r}", city="", version=v),
            ),
            lambda r=round_, v=version: figures_tab.post(
                step_url(profile, "figures"), figures_data(members_sme=str(r), version=v)
            ),
        )
        profile.refresh_from_db()
        for response, kept in [
            (identity, profile.region == f"R{round_}"),
            (figures, profile.members_sme == round_),
        ]:
            assert not isinstance(response, Exception), response
            assert kept or (response.status_code == 200 and STALE in response.content.decode())


# ----- bug 5: double submissions ---------------------------------------------------------------
@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_sign_ups_with_one_address_make_one_account_and_no_error():
    data = {
        "name": "Double Click",
        "email": "double@example.org",
        "password1": "A-long-pass-phrase-1",
        "password2": "A-long-pass-phrase-1",
        "accept_terms": "on",
        "accept_privacy": "on",
    }
    first, second = Client(), Client()
    responses = together(
        lambda: first.post(reverse("accounts:signup"), data),
        lambda: second.post(reverse("accounts:signup"), data),
    )
    assert not any(isinstance(r, Exception) for r in responses), responses
    assert sorted(r.status_code for r in responses) == [200, 302]
    refused = next(r for r in responses if r.status_code == 200)
    assert "exists already" in refused.content.decode()
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(email="double@example.org").count() == 1


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_registrations_with_one_name_get_two_slugs():
    tabs = [logged_in(make_user()), logged_in(make_user())]
    data = {
        "kind": "cluster",
        "name": "Twin Cluster",
        "country": "LV",
        "website": "",
        "confirm_not_duplicate": "on",
    }
    responses = together(
        *(lambda t=tab: t.post(reverse("my:organisation_new"), data) for tab in tabs)
    )
    assert not any(isinstance(r, Exception) for r in responses), responses
    assert [r.status_code for r in responses] == [302, 302]
    slugs = sorted(Organisation.objects.filter(name="Twin Cluster").values_list("slug", flat=True))
    assert slugs == ["twin-cluster", "twin-cluster-2"]


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_best_practices_with_one_title_get_two_slugs():
    manager = make_user()
    organisation = make_organisation(name="Practising Cluster")
    organisation.managers.add(manager)
    tabs = [logged_in(manager), logged_in(manager)]
    data = {
        "organisation": organisation.pk,
        "title": "Cluster twinning",
        "summary": "Pairing clusters across borders.",
        "body": "",
        "challenge": "",
        "approach": "",
        "results": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "next": "draft",
    }
    responses = together(
        *(lambda t=tab: t.post(reverse("news:best_practice_create"), data) for tab in tabs)
    )
    assert not any(isinstance(r, Exception) for r in responses), responses
    assert [r.status_code for r in responses] == [302, 302]
    slugs = sorted(BestPractice.objects.values_list("slug", flat=True))
    assert slugs == ["cluster-twinning", "cluster-twinning-2"]
