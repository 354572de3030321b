import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The personas each hash a password; PBKDF2 makes that ~0.4 s a user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
