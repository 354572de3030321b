"""The public paths of accounts (/accounts/) and the signed-in area (/my/), pinned."""

import pytest
from django.urls import resolve, reverse

PATHS = [
    ("accounts:signup", [], "/accounts/signup/"),
    ("accounts:signup_done", [], "/accounts/signup/done/"),
    ("accounts:verify", ["t0k"], "/accounts/verify/t0k/"),
    ("accounts:resend_verification", [], "/accounts/verify/resend/"),
    ("accounts:login", [], "/accounts/login/"),
    ("accounts:logout", [], "/accounts/logout/"),
    ("accounts:password_reset", [], "/accounts/password_reset/"),
    ("accounts:password_reset_done", [], "/accounts/password_reset/done/"),
    ("accounts:password_reset_confirm", ["MQ", "set-password"], "/accounts/reset/MQ/set-password/"),
    ("accounts:password_reset_complete", [], "/accounts/reset/done/"),
    ("accounts:password_change", [], "/accounts/password_change/"),
    ("accounts:password_change_done", [], "/accounts/password_change/done/"),
    ("my:dashboard", [], "/my/"),
    ("my:organisation_list", [], "/my/organisations/"),
    ("my:organisation_new", [], "/my/organisations/new/"),
    ("my:organisation_edit", ["x"], "/my/organisations/x/edit/"),
    ("my:organisation_step", ["x", "about"], "/my/organisations/x/edit/about/"),
    ("my:organisation_submit", ["x"], "/my/organisations/x/submit/"),
    ("my:organisation_managers", ["x"], "/my/organisations/x/managers/"),
    ("my:remove_manager", ["x"], "/my/organisations/x/managers/remove/"),
    ("my:accept_invitation", ["t"], "/my/organisations/invitations/t/"),
]


@pytest.mark.parametrize(("name", "args", "path"), PATHS)
def test_url_paths(name, args, path):
    assert reverse(name, args=args) == path


def test_signup_and_the_dashboard_are_served_by_accounts():
    for path in ("/accounts/signup/", "/my/", "/my/organisations/"):
        assert resolve(path).func.__module__ == "accounts.views", path


def test_login_settings_point_at_our_pages(settings):
    assert reverse(settings.LOGIN_URL) == "/accounts/login/"
    assert reverse(settings.LOGIN_REDIRECT_URL) == "/my/"
