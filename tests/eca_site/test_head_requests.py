"""Issue 12, bug 7: every page that answers GET answers HEAD the same way, without a body
(link checkers, uptime probes and caches send HEAD). A site-wide walk: new views are covered."""

from django.urls import reverse

from tests.conftest import logged_in
from tests.site_pages import page_urls, sample_content, signed_in_page_urls


def _every_get_url():
    sample = sample_content()
    organisation = sample["organisation"]
    return [
        *page_urls(),
        *(reverse(name) for name in ["healthz", "robots_txt", "security_txt", "favicon"]),
        reverse("sitemap"),
        reverse("directory:export_csv"),
        reverse("directory:export_json"),
        reverse("directory:partners", args=[organisation.slug]),
        reverse("directory:map"),
        reverse("events:feed_ics"),
        reverse("events:feed_rss"),
        reverse("events:feed_atom"),
        reverse("events:detail_ics", args=[sample["event"].slug]),
        reverse("events:organisation_ics", args=[organisation.slug]),
    ]


def test_every_get_page_answers_head_with_the_same_status_and_no_body(anon, db):
    failures = []
    for url in _every_get_url():
        get = anon.get(url)
        head = anon.head(url)
        body = b"".join(head.streaming_content) if head.streaming else head.content
        if head.status_code != get.status_code or body:
            failures.append((url, get.status_code, head.status_code))
    assert failures == []
    assert anon.head(reverse("directory:list")).status_code == 200


def test_signed_in_pages_answer_head(manager_user, db):
    browser = logged_in(manager_user)
    failures = []
    for url in signed_in_page_urls(manager_user):
        get, head = browser.get(url), browser.head(url)
        if head.status_code != get.status_code:
            failures.append((url, get.status_code, head.status_code))
    assert failures == []
