"""What news contributes to pages of other apps (registered in apps.py): the profile's
"Latest news and documents" and "Submitted best practices" sections, the best-practices panel
of `/my/`, and the site search. Directory and accounts never import news."""

from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext

from directory.models import Organisation
from eca_site.lib.site_search import SearchResult, queryset_group

from .models import BestPractice, Document, NewsItem

PROFILE_LIMIT = 5
# What needs the manager's attention first.
DASHBOARD_ORDER = [
    BestPractice.Status.CHANGES_REQUESTED,
    BestPractice.Status.DRAFT,
    BestPractice.Status.NEEDS_REVIEW,
    BestPractice.Status.PUBLISHED,
    BestPractice.Status.REJECTED,
]


def _see_all(url_name, organisation):
    return f"{reverse(url_name)}?organisation={organisation.slug}"


def profile_section_cache_key(request, organisation):
    """The profile's news and best practices show published content only, the same for
    everyone: cached per profile (and day, and language) until the content changes."""
    return (organisation.pk, timezone.localdate().isoformat(), get_language())


def news_section(request, organisation):
    """ "Latest news and documents": the newest of both, merged (two queries)."""
    news = NewsItem.objects.published().for_organisation(organisation).defer("body", "body_html")
    documents = Document.objects.published().for_organisation(organisation)
    entries = [
        {"date": timezone.localdate(item.published_at), "item": item, "is_news": True}
        for item in news[:PROFILE_LIMIT]
    ] + [
        {"date": doc.published_on, "item": doc, "is_news": False}
        for doc in documents[:PROFILE_LIMIT]
    ]
    entries.sort(key=lambda entry: entry["date"], reverse=True)
    ctx = {
        "organisation": organisation,
        "items": entries[:PROFILE_LIMIT],
        "news_url": _see_all("news:list", organisation),
        "documents_url": _see_all("news:documents", organisation),
    }
    return render_to_string("news/_organisation_news.html", ctx, request)


def best_practices_section(request, organisation):
    """ "Submitted best practices": the latest published ones (one query)."""
    best_practices = (
        BestPractice.objects.published()
        .for_organisation(organisation)
        .only("title", "slug", "summary", "published_at")
    )
    ctx = {
        "organisation": organisation,
        "items": list(best_practices[:PROFILE_LIMIT]),
        "see_all_url": _see_all("news:best_practices", organisation),
    }
    return render_to_string("news/_organisation_best_practices.html", ctx, request)


def best_practices_panel(request):
    """The best practices of the organisations the user manages, by status (one query)."""
    best_practices = list(
        BestPractice.objects.managed_by(request.user)
        .select_related("organisation", "submitted_by")
        .order_by("-updated")
    )
    by_status = [
        (status, [bp for bp in best_practices if bp.status == status]) for status in DASHBOARD_ORDER
    ]
    ctx = {
        "by_status": [(status, items) for status, items in by_status if items],
        "can_submit": Organisation.objects.editable_by(request.user).exists(),
    }
    return render_to_string("news/_my_best_practices.html", ctx, request)


def news_search_provider(request, q, limit):
    """News in the site-wide search (/search/)."""
    found = NewsItem.objects.published().search(q).select_related("organisation")

    def to_result(item):
        meta = date_format(timezone.localtime(item.published_at), "j E Y")
        return SearchResult(item.title, item.get_absolute_url(), meta, item.summary)

    more_url = f"{reverse('news:list')}?{urlencode({'q': q})}"
    return queryset_group(gettext("News"), found, limit, to_result, more_url)


def best_practice_search_provider(request, q, limit):
    """Published best practices in the site-wide search (/search/)."""
    found = BestPractice.objects.published().search(q).select_related("organisation")

    def to_result(practice):
        return SearchResult(
            practice.title,
            practice.get_absolute_url(),
            practice.organisation.name,
            practice.translated("summary").text,
        )

    more_url = f"{reverse('news:best_practices')}?{urlencode({'q': q})}"
    return queryset_group(gettext("Best practices"), found, limit, to_result, more_url)


def document_search_provider(request, q, limit):
    """Published documents in the site-wide search (/search/): their title and description."""
    found = Document.objects.published().search(q).select_related("organisation")

    def to_result(document):
        meta = date_format(document.published_on, "j E Y")
        if document.organisation:
            meta = f"{meta} · {document.organisation.name}"
        return SearchResult(document.title, document.get_absolute_url(), meta, document.description)

    more_url = f"{reverse('news:documents')}?{urlencode({'q': q})}"
    return queryset_group(gettext("Documents"), found, limit, to_result, more_url)


# ----- The e-mail digest (eca_site.lib.registry.digest_sections) ---------------------------
def _organisation_place(obj):
    return obj.organisation.name if obj.organisation_id else "European Clusters Alliance"


def digest_news(since, until, choices):
    """News published in [since, until), newest first (one query)."""
    from eca_site.lib.mail import absolute_url
    from eca_site.lib.registry import DIGEST_SECTION_LIMIT, DigestItem, narrow_to_choices

    news = NewsItem.objects.published().filter(published_at__gte=since, published_at__lt=until)
    news = narrow_to_choices(news, choices, country="organisation__country")
    news = news.select_related("organisation").only(
        "title", "slug", "summary", "published_at", "organisation__name"
    )
    return [
        DigestItem(
            title=item.title,
            url=absolute_url(item.get_absolute_url()),
            summary=item.summary,
            place=_organisation_place(item),
        )
        for item in news[:DIGEST_SECTION_LIMIT]
    ]


def digest_documents(since, until, choices):
    """Documents whose publication day is in [since, until), local dates (one query).
    Documents have no terms: a term choice leaves them out unless none was made."""
    from eca_site.lib.mail import absolute_url
    from eca_site.lib.registry import DIGEST_SECTION_LIMIT, DigestItem, narrow_to_choices

    if choices.term_ids:
        return []
    documents = Document.objects.published().filter(
        published_on__gte=timezone.localdate(since), published_on__lt=timezone.localdate(until)
    )
    documents = narrow_to_choices(documents, choices, country="organisation__country")
    documents = documents.select_related("organisation").only(
        "title", "kind", "published_on", "organisation__name"
    )
    return [
        DigestItem(
            title=document.title,
            url=absolute_url(document.get_absolute_url()),
            summary=document.get_kind_display(),
            place=_organisation_place(document),
        )
        for document in documents[:DIGEST_SECTION_LIMIT]
    ]


def digest_best_practices(since, until, choices):
    """Best practices published in [since, until), newest first (one query)."""
    from eca_site.lib.mail import absolute_url
    from eca_site.lib.registry import DIGEST_SECTION_LIMIT, DigestItem, narrow_to_choices

    best_practices = BestPractice.objects.published().filter(
        published_at__gte=since, published_at__lt=until
    )
    best_practices = narrow_to_choices(best_practices, choices, country="organisation__country")
    best_practices = best_practices.select_related("organisation").only(
        "title", "slug", "summary", "summary_language", "summary_translations", "published_at",
        "organisation__name",
    )  # fmt: skip
    return [
        DigestItem(
            title=bp.title,
            url=absolute_url(bp.get_absolute_url()),
            summary=bp.translated("summary").text,  # in the subscriber's language
            place=_organisation_place(bp),
        )
        for bp in best_practices[:DIGEST_SECTION_LIMIT]
    ]
