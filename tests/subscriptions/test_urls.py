"""The public paths of the subscriptions app, pinned (links in sent e-mail must keep working)."""

import pytest
from django.urls import reverse

PATHS = [
    ("subscriptions:subscribe", [], "/subscriptions/"),
    ("subscriptions:requested", [], "/subscriptions/requested/"),
    ("subscriptions:confirm", ["t0k"], "/subscriptions/confirm/t0k/"),
    ("subscriptions:manage", ["t0k"], "/subscriptions/manage/t0k/"),
    ("subscriptions:delete", ["t0k"], "/subscriptions/manage/t0k/delete/"),
    ("subscriptions:unsubscribe", ["t0k"], "/subscriptions/unsubscribe/t0k/"),
]


@pytest.mark.parametrize(("name", "args", "path"), PATHS)
def test_url_paths(name, args, path):
    assert reverse(name, args=args) == path
