"""The public paths of the news app and the account pages, pinned."""

import pytest
from django.urls import reverse

PATHS = [
    ("news:list", [], "/news/"),
    ("news:detail", ["a-story"], "/news/a-story/"),
    ("news:feed_rss", [], "/news/feed/rss/"),
    ("news:feed_atom", [], "/news/feed/atom/"),
    ("news:documents", [], "/documents/"),
    ("news:document_download", [7], "/documents/7/download/"),
    ("news:best_practices", [], "/best-practices/"),
    ("news:best_practice_detail", ["shared-labs"], "/best-practices/shared-labs/"),
    ("news:best_practice_feed_rss", [], "/best-practices/feed/rss/"),
    ("news:best_practice_feed_atom", [], "/best-practices/feed/atom/"),
    ("news:attachment_download", [3], "/best-practices/attachments/3/"),
    ("news:dashboard", [], "/my/"),
    ("news:best_practice_create", [], "/my/best-practices/new/"),
    ("news:best_practice_preview", [5], "/my/best-practices/5/"),
    ("news:best_practice_edit", [5], "/my/best-practices/5/edit/"),
    ("news:best_practice_submit", [5], "/my/best-practices/5/submit/"),
    ("login", [], "/accounts/login/"),
    ("logout", [], "/accounts/logout/"),
    ("password_reset", [], "/accounts/password_reset/"),
    ("password_reset_done", [], "/accounts/password_reset/done/"),
    ("password_reset_confirm", ["MQ", "set-password"], "/accounts/reset/MQ/set-password/"),
    ("password_reset_complete", [], "/accounts/reset/done/"),
    ("password_change", [], "/accounts/password_change/"),
    ("password_change_done", [], "/accounts/password_change/done/"),
]


@pytest.mark.parametrize(("name", "args", "path"), PATHS)
def test_url_paths(name, args, path):
    assert reverse(name, args=args) == path


def test_login_settings_point_at_our_pages(settings):
    assert reverse(settings.LOGIN_URL) == "/accounts/login/"
    assert settings.LOGIN_REDIRECT_URL == "/my/"
