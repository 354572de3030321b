"""Partner suggestions: which published organisations share the most focus with one profile.

The score is explainable and deterministic:

1. every taxonomy term both organisations are linked to earns the points of its vocabulary
   (`WEIGHTS`: a shared sector or ecosystem says more about a partnership than a shared
   service);
2. an organisation in *another* country gets its points multiplied by 1.5 (cross-border
   partnerships are what the matchmaking service is for);
3. ties are broken by the number of shared terms, then by name, then by primary key.

`partners_for()` returns the ranked queryset (one query to evaluate, however many rows);
`attach_shared_terms()` adds `shared_terms` to the rows shown, in one more query.
"""

from collections import defaultdict

from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When
from django.utils.translation import ngettext

from .models import Organisation, Vocabulary

WEIGHTS = {
    Vocabulary.SECTORAL_INDUSTRY: 3,
    Vocabulary.INDUSTRIAL_ECOSYSTEM: 3,
    Vocabulary.CROSS_SECTORAL_INDUSTRY: 2,
    Vocabulary.TECHNOLOGY_FIELD: 2,
    Vocabulary.S3_PRIORITY_AREA: 2,
    Vocabulary.INDUSTRIAL_ALLIANCE: 2,
    Vocabulary.SERVICE: 1,
}
# Points are doubled, then x3 abroad and x2 at home: integer scores, "x1.5 for another country".
ABROAD_FACTOR, HOME_FACTOR = 3, 2
PROFILE_PAGE_PARTNERS = 5


def partners_for(organisation, queryset=None, term_ids=None):
    """Other published organisations sharing at least one term with `organisation`, ranked.

    Each row has `shared_points` (sum of the shared terms' weights), `shared_count`,
    `is_abroad` and `match_score` (what the order uses). `term_ids` lets a caller that has
    already loaded the organisation's terms save a query.
    """
    if term_ids is None:
        term_ids = list(organisation.terms.values_list("pk", flat=True))
    queryset = queryset if queryset is not None else Organisation.objects.published()
    weight = Case(
        *[When(terms__vocabulary=v, then=Value(w)) for v, w in WEIGHTS.items()],
        default=Value(0),
        output_field=IntegerField(),
    )
    other_country = ~Q(country=organisation.country) if organisation.country else Q(pk__gte=0)
    return (
        queryset.exclude(pk=organisation.pk)
        .filter(terms__in=term_ids)
        .annotate(
            shared_points=Sum(weight),
            shared_count=Count("terms"),
            is_abroad=Case(When(other_country, then=Value(1)), default=Value(0)),
        )
        .annotate(
            match_score=Case(
                When(other_country, then=Sum(weight) * ABROAD_FACTOR),
                default=Sum(weight) * HOME_FACTOR,
                output_field=IntegerField(),
            )
        )
        .order_by("-match_score", "-shared_count", "sort_name", "pk")
    )


def attach_shared_terms(organisation, partners, term_ids=None):
    """Set `partner.shared_terms` (a list of Term, vocabulary order) on each row, one query."""
    partners = list(partners)
    if term_ids is None:
        term_ids = list(organisation.terms.values_list("pk", flat=True))
    links = (
        Organisation.terms.through.objects.filter(
            organisation_id__in=[p.pk for p in partners], term_id__in=term_ids
        )
        .select_related("term__parent")
        .order_by("term__vocabulary", "term__position", "term__name")
    )
    shared = defaultdict(list)
    for link in links:
        shared[link.organisation_id].append(link.term)
    for partner in partners:
        partner.shared_terms = shared[partner.pk]
    return partners


def explain(partner):
    """One sentence saying why `partner` is suggested, e.g. for a title attribute or a test."""
    names = ", ".join(term.display_name for term in partner.shared_terms)
    points = partner.shared_points
    if partner.is_abroad:
        sentence = ngettext(
            "Shares %(names)s; %(points)s point; in another country.",
            "Shares %(names)s; %(points)s points; in another country.",
            points,
        )
    else:
        sentence = ngettext(
            "Shares %(names)s; %(points)s point; in the same country.",
            "Shares %(names)s; %(points)s points; in the same country.",
            points,
        )
    return sentence % {"names": names, "points": points}
