"""Demo calls and opportunities in every state (the `demo_data` step of this app).

Deterministic for a given seed and day; slugs are `demo-<seed>-<n>`; a new run first deletes
the earlier demo rows (`delete_previous`, registered before the profiles step).
Calls: forthcoming, open, closing soon and closed; opportunities: draft, submitted, changes
requested, published (live), published but expired, rejected and withdrawn.
"""

import datetime

from django.db.models import Q
from django.utils import lorem_ipsum, timezone

from directory.models import Organisation, Term

from .models import (
    OPPORTUNITY_VOCABULARIES,
    Call,
    Opportunity,
    OpportunityKind,
    PartnerType,
    Programme,
)

TOPICS = ["hydrogen valleys", "circular textiles", "digital twins for SMEs", "agri-food robotics",
          "battery recycling", "space data for farming", "cyber-secure health devices",
          "skills for the green transition", "smart mobility pilots"]  # fmt: skip
CALL_STATES = ["forthcoming", "open", "open", "closing_soon", "closed"]
OPPORTUNITY_STATES = [
    (Opportunity.Status.PUBLISHED, False), (Opportunity.Status.PUBLISHED, False),
    (Opportunity.Status.PUBLISHED, False), (Opportunity.Status.PUBLISHED, True),
    (Opportunity.Status.DRAFT, False), (Opportunity.Status.NEEDS_REVIEW, False),
    (Opportunity.Status.CHANGES_REQUESTED, False), (Opportunity.Status.REJECTED, False),
    (Opportunity.Status.WITHDRAWN, False),
]  # fmt: skip


def delete_previous(options, rng, stdout):
    """Before the profiles step replaces the demo profiles: remove the demo opportunities and
    calls, and whatever else was posted for a demo profile (its organisation is PROTECTed)."""
    Opportunity.objects.filter(
        Q(slug__startswith="demo-") | Q(organisation__slug__startswith="demo-")
    ).delete()
    Call.objects.filter(slug__startswith="demo-").delete()


def create_opportunities(options, rng, stdout):
    """One call per 20 demo profiles and one opportunity per 5 (at least one of each state
    when there are profiles)."""
    organisations = list(Organisation.objects.published().order_by("pk"))
    programmes = list(Programme.objects.all())
    kinds = list(OpportunityKind.objects.all())
    if not organisations or not programmes or not kinds:
        return
    terms = list(Term.objects.filter(vocabulary__in=OPPORTUNITY_VOCABULARIES).order_by("pk"))
    now, seed = timezone.now(), options["seed"]
    call_count = max(len(CALL_STATES), len(organisations) // 20)
    calls = []
    for n in range(1, call_count + 1):
        state = CALL_STATES[(n - 1) % len(CALL_STATES)]
        opens, closes = _call_dates(rng, now, state)
        topic = rng.choice(TOPICS)
        call, _ = Call.objects.update_or_create(
            slug=f"demo-{seed}-{n}",
            defaults={
                "programme": rng.choice(programmes),
                "title": f"Demo call: {topic}",
                "summary": f"<p>{lorem_ipsum.paragraph()}</p>",
                "official_url": f"https://example.org/calls/demo-{n}",
                "opens_at": opens,
                "closes_at": closes,
                "timezone": rng.choice(["Europe/Brussels", "Europe/Helsinki", "Europe/Lisbon"]),
                "budget": f"EUR {rng.randint(1, 40)} million",
                "is_published": True,
            },
        )
        call.topics.set(rng.sample(terms, k=min(len(terms), 3)))
        calls.append(call)
    open_calls = [c for c in calls if c.closes_at > now]
    opportunity_count = max(len(OPPORTUNITY_STATES), len(organisations) // 5)
    today = timezone.localdate()
    for n in range(1, opportunity_count + 1):
        status, expired = OPPORTUNITY_STATES[(n - 1) % len(OPPORTUNITY_STATES)]
        posted = now - datetime.timedelta(days=rng.randint(1, 60))
        expires_on = (
            today - datetime.timedelta(days=rng.randint(1, 20))
            if expired
            else (today + datetime.timedelta(days=rng.randint(10, 150)))
        )
        topic = rng.choice(TOPICS)
        kind = rng.choice(kinds)
        opportunity, _ = Opportunity.objects.update_or_create(
            slug=f"demo-{seed}-{n}",
            defaults={
                "kind": kind,
                "title": f"{kind.name}: {topic}",
                "organisation": rng.choice(organisations),
                "summary": lorem_ipsum.words(rng.randint(12, 25), common=False).capitalize() + ".",
                "description": "".join(
                    f"<p>{p}</p>" for p in lorem_ipsum.paragraphs(2, common=False)
                ),
                "sought_partner_types": rng.sample(list(PartnerType.values), k=2),
                "sought_countries": rng.choice([[], [], ["DE", "FR"], ["ES", "IT", "PT"]]),
                "call": rng.choice(open_calls) if open_calls and rng.random() < 0.5 else None,
                "deadline": min(expires_on, today + datetime.timedelta(days=rng.randint(5, 60)))
                if not expired and rng.random() < 0.7 else None,
                "expires_on": expires_on,
                "status": status,
                "published_at": posted if status == Opportunity.Status.PUBLISHED else None,
                "submitted_at": posted if status != Opportunity.Status.DRAFT else None,
            },
        )  # fmt: skip
        opportunity.terms.set(rng.sample(terms, k=min(len(terms), rng.randint(2, 4))))
    stdout.write(f"Demo calls: {call_count}; demo opportunities: {opportunity_count}.")


def _call_dates(rng, now, state):
    now = now.replace(minute=0, second=0, microsecond=0)
    day = datetime.timedelta(days=1)
    if state == "forthcoming":
        opens = now + rng.randint(5, 40) * day
        return opens, opens + rng.randint(60, 120) * day
    if state == "closing_soon":
        return now - rng.randint(30, 90) * day, now + rng.randint(1, 13) * day
    if state == "closed":
        closes = now - rng.randint(1, 90) * day
        return closes - rng.randint(60, 120) * day, closes
    return now - rng.randint(5, 60) * day, now + rng.randint(20, 120) * day
