"""The public paths of the opportunities app, pinned."""

import pytest
from django.urls import reverse

PATHS = [
    ("opportunities:list", [], "/opportunities/"),
    ("opportunities:feed_rss", [], "/opportunities/feed/rss/"),
    ("opportunities:feed_atom", [], "/opportunities/feed/atom/"),
    ("opportunities:deadlines_ics", [], "/opportunities/deadlines.ics"),
    ("opportunities:detail", ["robots"], "/opportunities/robots/"),
    ("opportunities:interest", ["robots"], "/opportunities/robots/interest/"),
    ("opportunities:follow", ["robots"], "/opportunities/robots/follow/"),
    ("opportunities:calls", [], "/calls/"),
    ("opportunities:call_archive", [], "/calls/archive/"),
    ("opportunities:call_deadlines_ics", [], "/calls/deadlines.ics"),
    ("opportunities:call_feed_rss", [], "/calls/feed/rss/"),
    ("opportunities:call_feed_atom", [], "/calls/feed/atom/"),
    ("opportunities:call_detail", ["hydrogen"], "/calls/hydrogen/"),
    ("opportunities:create", [], "/my/opportunities/new/"),
    ("opportunities:preview", [4], "/my/opportunities/4/"),
    ("opportunities:edit", [4], "/my/opportunities/4/edit/"),
    ("opportunities:submit", [4], "/my/opportunities/4/submit/"),
    ("opportunities:withdraw", [4], "/my/opportunities/4/withdraw/"),
    ("opportunities:interest_reply", [9], "/my/interests/9/reply/"),
]


@pytest.mark.parametrize(("name", "args", "path"), PATHS)
def test_url_paths(name, args, path):
    assert reverse(name, args=args) == path
