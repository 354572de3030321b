import json

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from eca_site.lib.content_version import cached
from eca_site.lib.csv_export import csv_response
from eca_site.lib.mail import single_line
from eca_site.lib.registry import profile_sections, render_all
from eca_site.lib.site_search import SearchGroup, SearchResult

from . import exports, matchmaking, statistics
from .access import get_profile_or_preview, get_visible_organisation
from .filters import OrganisationFilter, PartnerFilter
from .models import Organisation, Vocabulary

PAGE_SIZE = 24
PARTNERS_PAGE_SIZE = 20


def cached_by_sql(name, queryset, compute, *extra):
    """`compute()`, cached per content version under `queryset`'s SQL (and `extra`). A query
    Django knows to be empty has no SQL: it is computed at once (it costs nothing)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return compute()
    return cached(name, (sql, params, *extra), compute)


class VersionedCountPaginator(Paginator):
    """Django's Paginator, its COUNT cached per content version under the query's SQL."""

    @cached_property
    def count(self):
        return cached_by_sql("count", self.object_list, self.object_list.count)


def search_provider(request, q, limit):
    """Cluster profiles in the site-wide search (/search/), registered in apps.py."""
    found = Organisation.objects.published().for_cards().search(q)
    total = found.count()
    organisations = list(found[:limit])
    snippets = Organisation.objects.snippets([o.pk for o in organisations], q)
    results = [
        SearchResult(
            title=o.name,
            url=o.get_absolute_url(),
            meta=" · ".join(filter(None, [o.location_label, o.get_kind_display()])),
            snippet=snippets.get(o.pk, ""),
        )
        for o in organisations
    ]
    more_url = f"{reverse('directory:list')}?{urlencode({'q': q})}"
    return SearchGroup(gettext("Cluster profiles"), results, total, more_url)


def filtered_organisations(request, queryset=None):
    queryset = queryset if queryset is not None else Organisation.objects.published()
    return OrganisationFilter(request.GET, queryset=queryset)


@require_safe
def organisation_list(request):
    f = filtered_organisations(
        request, Organisation.objects.published().for_cards().with_main_sectors()
    )
    page_obj = VersionedCountPaginator(f.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    q = f.search_text

    def page_rows():
        organisations = list(page_obj.object_list)
        if q:
            snippets = Organisation.objects.snippets([o.pk for o in organisations], q)
            for organisation in organisations:
                organisation.snippet = snippets.get(organisation.pk, "")
        return organisations

    # A search that matches most profiles ranks all of them (~250 ms for "cluster" with
    # 10,000 profiles): the count and the page's rows are kept per content version.
    organisations = cached_by_sql("directory-page", page_obj.object_list, page_rows, q)
    ctx = {
        "filter": f,
        "page_obj": page_obj,
        "organisations": organisations,
        "facets": f.facets(),
        "active_filters": f.active_filters(request.path),
        "q": q,
    }
    return render(request, "directory/list.html", ctx)


@require_safe
def profile(request, slug):
    organisation = get_profile_or_preview(
        request.user, slug, Organisation.objects.for_profile_page()
    )
    term_ids = [term.pk for term in organisation.terms.all()]

    def top_partners():
        partners = matchmaking.partners_for(organisation, term_ids=term_ids).for_cards()
        top = partners[: matchmaking.PROFILE_PAGE_PARTNERS]
        return matchmaking.attach_shared_terms(organisation, top, term_ids=term_ids)

    partners = cached(
        "partners", (organisation.pk, organisation.country.code, term_ids), top_partners
    )
    ctx = {
        "organisation": organisation,
        "services": organisation.terms_by_vocabulary()[Vocabulary.SERVICE],
        # Only the groups that have terms: an empty profile gets one line, not five "None".
        "sectoral_focus": [(h, terms) for h, terms in organisation.sectoral_focus() if terms],
        "partners": partners,
        "jsonld": exports.organisation_jsonld(organisation, request),
        "invitation": _completion_invitation(request, organisation),
        # What other apps show on a profile (events, news, best practices), in their order.
        "sections": render_all(profile_sections, request, organisation),
    }
    return render(request, "directory/profile.html", ctx)


# Below this completeness a profile invites its manager to complete it.
INVITE_BELOW_COMPLETENESS = 60


def _completion_invitation(request, organisation):
    """Where the profile's manager completes it: their dashboard if they manage it, the log-in
    page for visitors; None for complete profiles and other signed-in users. (Settings name
    the pages, so the directory names no other app.)"""
    if organisation.completeness >= INVITE_BELOW_COMPLETENESS:
        return None
    dashboard = resolve_url(settings.LOGIN_REDIRECT_URL)
    if not request.user.is_authenticated:
        return {"url": f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': dashboard})}"}
    if Organisation.objects.editable_by(request.user).filter(pk=organisation.pk).exists():
        return {"url": dashboard, "manager": True}
    return None


@require_safe
def partners(request, slug):
    organisation = get_visible_organisation(
        request.user, slug, Organisation.objects.prefetch_related("terms")
    )
    term_ids = [term.pk for term in organisation.terms.all()]
    f = PartnerFilter(
        request.GET,
        queryset=matchmaking.partners_for(organisation, term_ids=term_ids).for_cards(),
    )
    page_obj = VersionedCountPaginator(f.qs, PARTNERS_PAGE_SIZE).get_page(request.GET.get("page"))
    # The ranking aggregates every profile sharing a term: the page's rows (with what they
    # share) are kept per content version under the page's SQL, like the count.
    rows = cached_by_sql(
        "partners-page",
        page_obj.object_list,
        lambda: matchmaking.attach_shared_terms(
            organisation, page_obj.object_list, term_ids=term_ids
        ),
    )
    ctx = {
        "organisation": organisation,
        "filter": f,
        "page_obj": page_obj,
        "partners": rows,
        "weights": [(Vocabulary(v).label, w) for v, w in matchmaking.WEIGHTS.items()],
    }
    return render(request, "directory/partners.html", ctx)


@require_safe
def map_view(request):
    ctx = statistics.map_context()
    return render(request, "directory/map.html", ctx)


def _export_rows(request):
    """The rows of the page the export is linked from: invalid values are ignored, as the page
    ignores them (it showed results while the export answered 400); the response names them
    in an `X-Ignored-Filters` header."""
    f = filtered_organisations(request)
    ignored = ""
    if not f.is_valid():
        ignored = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in f.errors.items())
    base_url = request.build_absolute_uri("/").rstrip("/")
    return exports.rows(f.qs, base_url=base_url), ignored


@require_safe
def export_csv(request):
    rows, ignored = _export_rows(request)

    lines = ([exports.csv_value(c, row[c]) for c in exports.COLUMNS] for row in rows)
    response = csv_response(exports.COLUMNS, lines, "cluster-directory.csv")
    if ignored:
        response["X-Ignored-Filters"] = single_line(ignored, 500)
    return response


@require_safe
def export_json(request):
    rows, ignored = _export_rows(request)

    def chunks():
        yield "["
        for index, row in enumerate(rows):
            prefix = ",\n" if index else "\n"
            yield prefix + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cluster-directory.json"'
    if ignored:
        response["X-Ignored-Filters"] = single_line(ignored, 500)
    return response
