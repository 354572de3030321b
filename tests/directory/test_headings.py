import pytest
from django.urls import reverse

from directory.models import Vocabulary
from tests.factories import make_organisation, make_term


@pytest.fixture
def organisation(db):
    organisation = make_organisation(name="Heading Cluster")
    organisation.terms.add(make_term(Vocabulary.SERVICE))
    make_organisation(name="Partner").terms.add(*organisation.terms.all())
    return organisation


@pytest.mark.parametrize(
    "url",
    [
        lambda o: reverse("directory:list"),
        lambda o: reverse("directory:list") + "?q=heading&country=XX",
        lambda o: reverse("directory:map"),
        lambda o: reverse("directory:partners", args=[o.slug]),
        lambda o: o.get_absolute_url(),
        lambda o: reverse("search") + "?q=heading",
    ],
)
def test_every_new_page_has_exactly_one_h1_and_no_inline_styles(organisation, anon, url):
    html = anon.get(url(organisation)).content.decode()
    assert html.count("<h1") == 1
    assert "style=" not in html
    assert "<script>" not in html
