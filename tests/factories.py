"""Plain factories: make_<model>(**overrides) with a counter for unique names and slugs."""

import functools
import itertools
from decimal import Decimal

from directory.models import Contact, Membership, Organisation, Term, Vocabulary

_counter = itertools.count(1)


def _committed(factory):
    """A factory's rows are committed, as the real site's writes are by the time the next
    request comes: their on-commit callbacks (content version, e-mail) run now."""

    @functools.wraps(factory)
    def wrapper(*args, **kwargs):
        from tests.client import run_commit_hooks

        obj = factory(*args, **kwargs)
        run_commit_hooks()
        return obj

    return wrapper


@_committed
def make_organisation(**overrides):
    """A published cluster, derived like every profile the site writes (completeness, search
    index): `derive(org)` again after adding related rows the test relies on."""
    n = next(_counter)
    fields = {
        "name": f"Cluster {n}",
        "slug": f"cluster-{n}",
        "country": "BE",
        "kind": Organisation.Kind.CLUSTER,
        "status": Organisation.Status.PUBLISHED,
    }
    fields.update(overrides)
    organisation = Organisation.objects.create(**fields)
    return derive(organisation)


def derive(organisation):
    """Run the profile write path's derivation, as every real write path does after a change."""
    from directory.services import refresh_profiles

    refresh_profiles([organisation.pk])
    organisation.refresh_from_db()
    return organisation


@_committed
def make_term(vocabulary=Vocabulary.SECTORAL_INDUSTRY, **overrides):
    n = next(_counter)
    fields = {"vocabulary": vocabulary, "name": f"Term {n}", "slug": f"term-{n}"}
    fields.update(overrides)
    return Term.objects.create(**fields)


@_committed
def make_contact(organisation, **overrides):
    n = next(_counter)
    fields = {"organisation": organisation, "name": f"Person {n}", "role": "Manager"}
    fields.update(overrides)
    return Contact.objects.create(**fields)


@_committed
def make_membership(network, member=None, **overrides):
    member = member or make_organisation()
    return Membership.objects.create(network=network, member=member, **overrides)


@_committed
def make_event(**overrides):
    """A published, timed, in-person event; pass aware `start`/`end` to place it."""
    import datetime

    from django.utils import timezone

    from events.models import Event

    n = next(_counter)
    start = overrides.pop("start", timezone.now() + datetime.timedelta(days=7))
    fields = {
        "title": f"Event {n}",
        "slug": f"event-{n}",
        "start": start,
        "end": overrides.pop("end", start + datetime.timedelta(hours=2)),
        "venue": "Cluster House",
        "city": "Brussels",
        "country": "BE",
        "is_published": True,
    }
    co_organisers = overrides.pop("co_organisers", [])
    terms = overrides.pop("terms", [])
    fields.update(overrides)
    event = Event.objects.create(**fields)
    event.co_organisers.add(*co_organisers)
    event.terms.add(*terms)
    return event


def at(year, month, day, hour=0, minute=0, tz="Europe/Brussels"):
    """An aware datetime on the wall clock of `tz` (default: the site's time zone)."""
    import datetime
    import zoneinfo

    return datetime.datetime(year, month, day, hour, minute, tzinfo=zoneinfo.ZoneInfo(tz))


# ----- news, documents, best practices (news app) -------------------------------------------
@_committed
def make_news_item(**overrides):
    from django.utils import timezone

    from news.models import NewsItem

    n = next(_counter)
    fields = {
        "title": f"News {n}",
        "slug": f"news-{n}",
        "summary": f"Summary of news {n}.",
        "is_published": True,
        "published_at": timezone.now() - timezone.timedelta(hours=n),
    }
    fields.update(overrides)
    return NewsItem.objects.create(**fields)


@_committed
def make_document(**overrides):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from news.models import Document
    from tests.news.files import pdf_bytes

    n = next(_counter)
    fields = {
        "title": f"Document {n}",
        "kind": Document.Kind.REPORT,
        "is_published": True,
        "file": SimpleUploadedFile(f"document-{n}.pdf", pdf_bytes()),
    }
    fields.update(overrides)
    return Document.objects.create(**fields)


@_committed
def make_best_practice(organisation=None, **overrides):
    from django.utils import timezone

    from news.models import BestPractice

    n = next(_counter)
    status = overrides.get("status", BestPractice.Status.PUBLISHED)
    fields = {
        "organisation": organisation or make_organisation(),
        "title": f"Best practice {n}",
        "slug": f"best-practice-{n}",
        "summary": f"What cluster {n} learned.",
        "status": status,
        "published_at": timezone.now() if status == BestPractice.Status.PUBLISHED else None,
    }
    fields.update(overrides)
    return BestPractice.objects.create(**fields)


@_committed
def make_attachment(best_practice, name="evidence.pdf", data=None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from news.models import BestPracticeAttachment
    from tests.news.files import pdf_bytes

    return BestPracticeAttachment.objects.create(
        best_practice=best_practice, file=SimpleUploadedFile(name, data or pdf_bytes())
    )


# ----- self-service (accounts, drafts) --------------------------------------------------------
@_committed
def make_user(email=None, verified=True, **overrides):
    """A site account. verified=None: staff-created (no AccountProfile, counts as verified)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from accounts.models import AccountProfile

    n = next(_counter)
    email = email or f"person{n}@example.org"
    fields = {"username": email, "email": email, "first_name": f"Person {n}"}
    fields.update(overrides)
    user = get_user_model().objects.create_user(password="A-long-pass-phrase-1", **fields)
    if verified is not None:
        now = timezone.now()
        AccountProfile.objects.create(
            user=user,
            terms_accepted_at=now,
            privacy_accepted_at=now,
            email_verified_at=now if verified else None,
        )
    return user


@_committed
def make_draft(manager=None, **overrides):
    """A self-service registration in progress, managed by `manager`."""
    fields = {"status": Organisation.Status.DRAFT}
    fields.update(overrides)
    organisation = make_organisation(**fields)
    if manager is not None:
        organisation.managers.add(manager)
    return organisation


def make_valid_profile(**overrides):
    """Facts that meet every validation criterion (members, staff, types, English website)."""
    fields = {
        "website": "https://valid-cluster.example.eu/",
        "members_sme": 10,
        "members_research": 4,
        "members_public": 2,
        "staff_fte": Decimal("1.5"),
        "about": "<p>We connect robotics companies.</p>",
    }
    fields.update(overrides)
    return fields


@_committed
def make_language(code="en", name=None, **overrides):
    """The language `code` (English by default), created once."""
    from directory.models import Language

    fields = {"name": name or {"en": "English"}.get(code, f"Language {code}")}
    fields.update(overrides)
    language, _ = Language.objects.get_or_create(code=code, defaults=fields)
    return language


# ----- opportunities and calls (opportunities app) -------------------------------------------
@_committed
def make_call(**overrides):
    """A published call open from a month ago to a month ahead (Brussels time)."""
    import datetime

    from django.utils import timezone

    from opportunities.models import Call, Programme

    n = next(_counter)
    now = timezone.now()
    fields = {
        "programme": Programme.objects.get_or_create(
            slug="horizon-europe", defaults={"name": "Horizon Europe"}
        )[0],
        "title": f"Call {n}",
        "slug": f"call-{n}",
        "summary": f"<p>Summary of call {n}.</p>",
        "official_url": f"https://example.org/calls/{n}",
        "opens_at": now - datetime.timedelta(days=30),
        "closes_at": now + datetime.timedelta(days=30),
        "is_published": True,
    }
    fields.update(overrides)
    topics = fields.pop("topics", [])
    call = Call.objects.create(**fields)
    call.topics.add(*topics)
    return call


def make_kind(slug="partner-search", name="Partner search for a project proposal"):
    """An opportunity kind (the migration seeds them; a flushed transactional test has none)."""
    from opportunities.models import OpportunityKind

    return OpportunityKind.objects.get_or_create(slug=slug, defaults={"name": name})[0]


@_committed
def make_opportunity(organisation=None, **overrides):
    """A published, live partner search of `organisation` (a new published cluster)."""
    from django.utils import timezone

    from opportunities.models import Opportunity

    n = next(_counter)
    status = overrides.get("status", Opportunity.Status.PUBLISHED)
    fields = {
        "kind": make_kind(),
        "organisation": organisation or make_organisation(),
        "title": f"Opportunity {n}",
        "slug": f"opportunity-{n}",
        "summary": f"Partners wanted for project {n}.",
        "description": f"<p>Details of opportunity {n}.</p>",
        "status": status,
        "published_at": timezone.now() if status == Opportunity.Status.PUBLISHED else None,
    }
    fields.update(overrides)
    terms = fields.pop("terms", [])
    opportunity = Opportunity.objects.create(**fields)
    opportunity.terms.add(*terms)
    return opportunity
