"""What opportunities contribute to pages of other apps (registered in apps.py): the profile's
"Cooperation opportunities" section, the /my/ panel (one's opportunities, the interests received
and sent, and the matches of each managed organisation) and the site search. Directory and
accounts never import this app."""

from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from directory.models import Organisation, Term
from eca_site.lib.mail import absolute_url
from eca_site.lib.registry import DIGEST_SECTION_LIMIT, DigestItem, narrow_to_choices
from eca_site.lib.site_search import SearchResult, queryset_group

from . import matching
from .forms import ReplyForm
from .models import Call, Interest, Opportunity, keep_cached_until, next_midnight

PROFILE_LIMIT = 5
MATCHED_PROFILES = 3  # profiles whose matches /my/ shows


def opportunities_section(request, organisation):
    """ "Cooperation opportunities": the organisation's live ones (one query)."""
    opportunities = list(
        Opportunity.objects.live().for_organisation(organisation).for_list()[:PROFILE_LIMIT]
    )
    if not opportunities:
        return ""
    keep_cached_until(request, next_midnight())  # they expire at midnight
    ctx = {
        "organisation": organisation,
        "opportunities": opportunities,
        "see_all_url": f"{reverse('opportunities:list')}?organisation={organisation.slug}",
    }
    return render_to_string("opportunities/_organisation_opportunities.html", ctx, request)


def my_opportunities_panel(request):
    """A manager's opportunities, the interests received and sent, and the matches: four
    queries, and four more for each of the first `MATCHED_PROFILES` managed published profiles
    with terms (a bounded count: a manager of more profiles follows a link to the rest)."""
    user = request.user
    managed = list(
        Organisation.objects.editable_by(user)
        .only("name", "slug", "status", "country")
        .prefetch_related(Prefetch("terms", queryset=Term.objects.only("pk")))
    )
    if not managed:
        return ""
    managed_ids = {organisation.pk for organisation in managed}
    own = list(
        Opportunity.objects.filter(organisation__in=managed_ids)
        .select_related("organisation", "kind")
        .order_by("-updated")
    )
    interests = list(
        Interest.objects.filter(
            Q(opportunity__organisation__in=managed_ids) | Q(organisation__in=managed_ids)
        )
        .select_related("opportunity__organisation", "organisation", "sender", "replied_by")
        .order_by("-created")
    )
    received = sorted(
        (i for i in interests if i.opportunity.organisation_id in managed_ids),
        key=lambda interest: interest.status != Interest.Status.NEW,  # new ones first
    )
    sent = [i for i in interests if i.organisation_id in managed_ids]
    matches = []
    published = [organisation for organisation in managed if organisation.is_published]
    for organisation in published[:MATCHED_PROFILES]:
        term_ids = [term.pk for term in organisation.terms.all()]
        found_opportunities, found_calls = matching.matches_for(organisation, term_ids)
        matches.append((organisation, found_opportunities, found_calls))
    ctx = {
        "own": own,
        "received": received,
        "sent": sent,
        "matches": matches,
        "unmatched": published[MATCHED_PROFILES:],
        "can_post": any(o.is_published for o in managed),
        "reply_form": ReplyForm(),
    }
    return render_to_string("opportunities/_my_panel.html", ctx, request)


def opportunity_search(request, q, limit):
    """Live opportunities in the site-wide search (/search/)."""
    found = Opportunity.objects.live().for_list().search(q)

    def to_result(opportunity):
        meta = f"{opportunity.kind.name} · {opportunity.organisation.name}"
        return SearchResult(
            opportunity.title,
            opportunity.get_absolute_url(),
            meta,
            opportunity.translated("summary").text,
        )

    more_url = f"{reverse('opportunities:list')}?{urlencode({'q': q})}"
    return queryset_group(gettext("Cooperation opportunities"), found, limit, to_result, more_url)


def call_search(request, q, limit):
    """Calls not closed yet in the site-wide search."""
    found = Call.objects.published().current().for_list().search(q)

    def to_result(call):
        meta = gettext("%(programme)s · closes %(date)s") % {
            "programme": call.programme.name,
            "date": date_format(call.closes_local, "j F Y"),
        }
        return SearchResult(call.title, call.get_absolute_url(), meta, "")

    more_url = f"{reverse('opportunities:calls')}?{urlencode({'q': q})}"
    return queryset_group(gettext("Open calls"), found, limit, to_result, more_url)


CLOSING_SOON = timedelta(days=14)


def digest_opportunities(since, until, choices):
    """Live opportunities published in [since, until), newest first (one query)."""
    opportunities = Opportunity.objects.live(today=timezone.localdate(until)).filter(
        published_at__gte=since, published_at__lt=until
    )
    opportunities = narrow_to_choices(opportunities, choices, country="organisation__country")
    opportunities = opportunities.select_related("organisation").only(
        "title", "slug", "summary", "summary_language", "summary_translations", "deadline",
        "published_at", "organisation__name",
    )  # fmt: skip
    return [
        DigestItem(
            title=opportunity.title,
            url=absolute_url(opportunity.get_absolute_url()),
            summary=opportunity.translated("summary").text,  # in the subscriber's language
            when=opportunity.deadline,
            all_day=True,
            place=opportunity.organisation.name,
        )
        for opportunity in opportunities.order_by("-published_at", "-pk")[:DIGEST_SECTION_LIMIT]
    ]


def digest_calls_closing_soon(since, until, choices):
    """Published calls whose last 14 days began in [since, until): each call comes once, in
    the digest of the period when it starts closing, soonest deadline first (one query).
    Calls are not tied to one country: only topics narrow them."""
    calls = Call.objects.published().filter(
        closes_at__gte=since + CLOSING_SOON, closes_at__lt=until + CLOSING_SOON
    )
    calls = narrow_to_choices(calls, choices, country=None, terms="topics")
    calls = calls.select_related("programme").only(
        "title", "slug", "summary_html", "closes_at", "timezone", "programme__name"
    )
    return [
        DigestItem(
            title=call.title,
            url=absolute_url(call.get_absolute_url()),
            summary=call.summary_text,
            when=call.closes_at,
            place=call.programme.name,
        )
        for call in calls.order_by("closes_at", "title")[:DIGEST_SECTION_LIMIT]
    ]
