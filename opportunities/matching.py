"""Which opportunities and calls fit an organisation, and which organisations could answer an
opportunity: the directory's partner matching (directory/matchmaking.py) on taxonomy terms,
same weights, every match explained by the terms it shares."""

from collections import defaultdict

from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When

from directory.matchmaking import WEIGHTS, attach_shared_terms, partners_for
from directory.models import Organisation

from .models import Call, Opportunity

MY_LIMIT = 5
ANSWER_LIMIT = 10


def _weight(prefix):
    return Case(
        *[When(**{f"{prefix}__vocabulary": v}, then=Value(w)) for v, w in WEIGHTS.items()],
        default=Value(0),
        output_field=IntegerField(),
    )


def _open_to(country, field):
    """Rows open to an organisation of `country`: no country restriction, or it is listed."""
    if not country:
        return Q(**{field: ""})
    return Q(**{field: ""}) | Q(**{f"{field}__contains": country})


def opportunities_for(organisation, term_ids):
    """Live opportunities of other organisations sharing terms with `organisation`, open to
    its country, ranked by shared points (one query)."""
    return (
        Opportunity.objects.live()
        .for_list()
        .exclude(organisation=organisation)
        .filter(_open_to(organisation.country, "sought_countries"), terms__in=term_ids)
        .annotate(shared_points=Sum(_weight("terms")), shared_count=Count("terms"))
        .order_by("-shared_points", "-shared_count", "deadline", "-published_at", "pk")
    )


def calls_for(organisation, term_ids):
    """Published calls not closed yet whose topics an organisation shares, open to its country."""
    return (
        Call.objects.published()
        .current()
        .for_list()
        .filter(_open_to(organisation.country, "eligible_countries"), topics__in=term_ids)
        .annotate(shared_points=Sum(_weight("topics")), shared_count=Count("topics"))
        .order_by("-shared_points", "-shared_count", "closes_at", "pk")
    )


def attach_shared(rows, through, own_field, term_ids):
    """Set `row.shared_terms` (Terms in vocabulary order) on each row, one query."""
    rows = list(rows)
    links = (
        through.objects.filter(**{f"{own_field}__in": [r.pk for r in rows]}, term_id__in=term_ids)
        .select_related("term__parent")
        .order_by("term__vocabulary", "term__position", "term__name")
    )
    shared = defaultdict(list)
    for link in links:
        shared[getattr(link, f"{own_field}")].append(link.term)
    for row in rows:
        row.shared_terms = shared[row.pk]
    return rows


def matches_for(organisation, term_ids=None, limit=MY_LIMIT):
    """(opportunities, calls) that fit `organisation` best, each with `shared_terms` (four
    queries; `term_ids` saves one when the caller has loaded the organisation's terms)."""
    if term_ids is None:
        term_ids = list(organisation.terms.values_list("pk", flat=True))
    if not term_ids:
        return [], []
    opportunities = attach_shared(
        opportunities_for(organisation, term_ids)[:limit],
        Opportunity.terms.through,
        "opportunity_id",
        term_ids,
    )
    calls = attach_shared(
        calls_for(organisation, term_ids)[:limit], Call.topics.through, "call_id", term_ids
    )
    return opportunities, calls


def organisations_that_could_answer(opportunity, limit=ANSWER_LIMIT):
    """Published organisations (in the sought countries) sharing the opportunity's terms,
    ranked by the partner suggestions' score, with their shared terms (for staff)."""
    term_ids = [term.pk for term in opportunity.terms.all()]
    if not term_ids:
        return []
    queryset = Organisation.objects.published()
    if opportunity.sought_countries:
        queryset = queryset.filter(country__in=[c.code for c in opportunity.sought_countries])
    partners = partners_for(opportunity.organisation, queryset=queryset, term_ids=term_ids)
    return attach_shared_terms(opportunity.organisation, partners[:limit], term_ids=term_ids)
