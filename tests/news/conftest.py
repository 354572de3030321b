import pytest
from django.core import mail

from tests.factories import make_organisation


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The personas each hash a password; PBKDF2 makes that ~0.4 s a user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organisation(db, manager_user):
    """A published cluster that `manager_user` manages."""
    organisation = make_organisation(name="Alpha Cluster", slug="alpha-cluster")
    organisation.managers.add(manager_user)
    return organisation


@pytest.fixture
def other_organisation(db, other_manager_user):
    """A cluster that `other_manager_user` manages (and `manager_user` doesn't)."""
    organisation = make_organisation(name="Beta Cluster", slug="beta-cluster")
    organisation.managers.add(other_manager_user)
    return organisation


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox
