"""The public paths of the news app, pinned."""

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
    ("news:best_practice_create", [], "/my/best-practices/new/"),
    ("news:best_practice_preview", [5], "/my/best-practices/5/"),
    ("news:best_practice_edit", [5], "/my/best-practices/5/edit/"),
    ("news:best_practice_submit", [5], "/my/best-practices/5/submit/"),
]


@pytest.mark.parametrize(("name", "args", "path"), PATHS)
def test_url_paths(name, args, path):
    assert reverse(name, args=args) == path
