"""The profile write path: cheap saves, explicit derivation, history with terms (issue 11).

Targets: a one-field save at most 3 queries (its history row included), adding a term at most
6 (the history of the change included), the whole derivation at most 6.
"""

import pytest

from directory import services
from directory.models import Organisation, Vocabulary
from tests.factories import make_contact, make_language, make_organisation, make_term


@pytest.fixture
def organisation(db):
    organisation = make_organisation(name="Baltic Robotics", region="Riga")
    organisation.terms.add(make_term(Vocabulary.SERVICE), make_term())
    organisation.languages.add(make_language("en"), make_language("lv"))
    make_contact(organisation)
    return Organisation.objects.get(pk=organisation.pk)


def test_a_one_field_save_costs_its_update_and_its_history_row(
    organisation, django_assert_max_num_queries
):
    organisation.website = "https://robotics.example.lv/"
    with django_assert_max_num_queries(3):
        organisation.save(update_fields=["website"])
    latest = organisation.history.first()
    assert latest.website == "https://robotics.example.lv/"
    assert len(latest.snapshot("terms")) == 2  # the classification is in the same row
    assert len(latest.snapshot("languages")) == 2


def test_adding_a_term_costs_at_most_six_queries_with_its_history(
    organisation, django_assert_max_num_queries
):
    term = make_term(Vocabulary.TECHNOLOGY_FIELD)
    with django_assert_max_num_queries(6):
        organisation.terms.add(term)
    assert term.pk in organisation.history.first().snapshot("terms")


def test_the_whole_derivation_costs_at_most_six_queries(
    organisation, django_assert_max_num_queries
):
    Organisation.objects.filter(pk=organisation.pk).update(completeness=0, search_keywords="")
    with django_assert_max_num_queries(6):
        services.refresh_profiles([organisation.pk])
    organisation.refresh_from_db()
    assert organisation.completeness > 0
    assert "Term" in organisation.search_keywords


@pytest.mark.parametrize("count", [1, 50])
def test_deriving_many_profiles_costs_the_same_queries(db, count, django_assert_max_num_queries):
    pks = [make_organisation().pk for _ in range(count)]
    with django_assert_max_num_queries(6):
        services.refresh_profiles(pks)


def test_saving_sends_no_derivation_anymore(organisation, django_assert_num_queries):
    """save() derives nothing: completeness stays as stored until the write path runs."""
    Organisation.objects.filter(pk=organisation.pk).update(completeness=0)
    organisation.refresh_from_db()
    organisation.name = "Renamed Robotics"
    organisation.save()
    organisation.refresh_from_db()
    assert organisation.completeness == 0
    services.refresh_profiles([organisation.pk])
    organisation.refresh_from_db()
    assert organisation.completeness > 0
    assert "renamed robotics" in organisation.search_document
