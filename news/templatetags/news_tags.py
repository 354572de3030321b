"""Template tags other apps' templates use to show news and best practices."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from news.models import BestPractice, Document, NewsItem

register = template.Library()

PROFILE_LIMIT = 5


def _see_all(url_name, organisation):
    return f"{reverse(url_name)}?organisation={organisation.slug}"


@register.inclusion_tag("news/_organisation_news.html")
def organisation_news(organisation, limit=PROFILE_LIMIT):
    """ "Latest news and documents" on a profile: the newest `limit` of both, merged.

    Two queries (news, documents), whatever the number of items.
    """
    news = NewsItem.objects.published().for_organisation(organisation).defer("body", "body_html")
    documents = Document.objects.published().for_organisation(organisation)
    entries = [
        {"date": timezone.localdate(item.published_at), "item": item, "is_news": True}
        for item in news[:limit]
    ] + [{"date": doc.published_on, "item": doc, "is_news": False} for doc in documents[:limit]]
    entries.sort(key=lambda entry: entry["date"], reverse=True)
    return {
        "organisation": organisation,
        "items": entries[:limit],
        "news_url": _see_all("news:list", organisation),
        "documents_url": _see_all("news:documents", organisation),
    }


@register.inclusion_tag("news/_organisation_best_practices.html")
def organisation_best_practices(organisation, limit=PROFILE_LIMIT):
    """ "Submitted best practices" on a profile: the latest `limit` published ones (one query)."""
    best_practices = (
        BestPractice.objects.published()
        .for_organisation(organisation)
        .only("title", "slug", "summary", "published_at")
    )
    return {
        "organisation": organisation,
        "items": list(best_practices[:limit]),
        "see_all_url": _see_all("news:best_practices", organisation),
    }


@register.simple_tag
def status_badge_class(status):
    """CSS modifier for a best practice's status badge."""
    return {
        BestPractice.Status.PUBLISHED: "badge--ok",
        BestPractice.Status.SUBMITTED: "badge--info",
        BestPractice.Status.CHANGES_REQUESTED: "badge--warning",
        BestPractice.Status.REJECTED: "badge--danger",
    }.get(status, "badge--muted")


# Characters that could end a <script> element or start markup inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """`data` as JSON safe to put inside <script type="application/ld+json">."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # safe: <, > and & are escaped
