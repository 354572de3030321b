import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from directory.models import Language, Organisation, SocialLink, Vocabulary
from tests.factories import derive, make_contact, make_membership, make_organisation, make_term


def test_weights_add_up_to_100():
    assert sum(Organisation.COMPLETENESS_WEIGHTS.values()) == 100


def test_bare_profile_counts_only_its_name(db):
    organisation = make_organisation(country="")
    organisation.refresh_from_db()
    assert organisation.completeness == 5


@pytest.fixture
def png_file():
    # A real 1x1 PNG: logos are checked and re-encoded when saved (issue 12).
    buffer = io.BytesIO()
    Image.new("RGBA", (1, 1)).save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def test_full_profile_is_100_percent(db, png_file):
    organisation = make_organisation(
        region="Flanders",
        website="https://example.org",
        about="<p>About</p>",
        type_of_network="Cluster",
        legal_form="Non-profit association",
        date_of_establishment="2010-01-01",
        logo=png_file,
        staff_fte=Decimal("2.5"),
    )
    make_contact(organisation)
    organisation.languages.add(Language.objects.create(code="xx", name="Xish"))
    SocialLink.objects.create(organisation=organisation, network="twitter", handle="x")
    organisation.terms.add(make_term(Vocabulary.SERVICE), make_term(Vocabulary.TECHNOLOGY_FIELD))
    make_membership(organisation)
    assert derive(organisation).completeness == 100


def test_completeness_is_derived_from_related_rows_by_the_write_path(db):
    organisation = make_organisation(country="")
    contact = make_contact(organisation)
    assert derive(organisation).completeness == 15  # name + contact
    organisation.terms.add(make_term(Vocabulary.SERVICE))
    assert derive(organisation).completeness == 25
    contact.delete()
    organisation.terms.clear()
    assert derive(organisation).completeness == 5


def test_member_counts_count_as_members(db):
    organisation = make_organisation(country="", members_sme=12)
    assert organisation.completeness == 10


def test_seed_profile_completeness_is_computed_from_its_filled_parts(seeded):
    # name, location, website, about, contact, social links, services, sectoral focus, members
    assert seeded.completeness == 5 + 5 + 5 + 15 + 10 + 5 + 10 + 10 + 5
