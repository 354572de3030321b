"""The README stays a true description: every variable the settings read is in its table."""

import re

from django.conf import settings


def test_every_environment_variable_is_documented():
    source = (settings.BASE_DIR / "eca_site" / "settings.py").read_text()
    source += (settings.BASE_DIR / "eca_site" / "gunicorn.conf.py").read_text()
    names = set(
        re.findall(r"""(?:environ\.get|env_\w+|_missing)\(\s*["']([A-Z][A-Z0-9_]+)""", source)
    )
    readme = (settings.BASE_DIR / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    assert names, "no variables found: the pattern needs updating"
    missing = sorted(name for name in names if f"`{name}`" not in table)
    assert missing == []


def test_the_sign_up_answer_for_a_known_address_is_a_documented_trade_off():
    """Issue 12, vulnerability 10: the explicit message stays only while the README says why."""
    from accounts.forms import SignupForm

    readme = (settings.BASE_DIR / "README.md").read_text()
    security = readme.split("## Security", 1)[1].split("\n## ", 1)[0]
    assert "exists already" in SignupForm.EXISTS_MESSAGE
    assert "*Sign-up tells that an address has an account*" in security
    assert "rate limit (5 sign-ups an hour per address)" in security
