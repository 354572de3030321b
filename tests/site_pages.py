"""Every page a visitor can reach, for site-wide invariant tests (h1, inline code, a11y...).

`page_urls()` lists the URL patterns that take no argument plus one detail page of every kind
of content, built with the factories. A new app's pages are covered as soon as they exist.
"""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Invitation
from tests.factories import (
    make_best_practice,
    make_call,
    make_contact,
    make_document,
    make_event,
    make_membership,
    make_news_item,
    make_opportunity,
    make_organisation,
    make_term,
)

# Not pages: probes, crawler files, the open-data downloads (streamed CSV/JSON) and the
# language switcher's redirect.
NOT_HTML = {
    "healthz",
    "robots_txt",
    "security_txt",
    "sitemap",
    "favicon",
    "export_csv",
    "export_json",
    "set_language",  # the language switcher's redirect
}


def urls_without_arguments(resolver=None, namespace=""):
    """Names of the project's URL patterns that take no argument (admin: walked separately)."""
    resolver = resolver or get_resolver()
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += urls_without_arguments(pattern, inner)
        elif (
            isinstance(pattern, URLPattern)
            and pattern.name
            and not pattern.pattern.regex.groups
            and pattern.name not in NOT_HTML
        ):
            names.append(f"{namespace}{pattern.name}")
    return names


def sample_content(organisation=None):
    """One published item of each kind of content, by or about `organisation` (a new, full
    cluster network by default): what a detail page and a non-empty list need."""
    if organisation is None:
        organisation = make_organisation(kind="network", about="<p>About</p>")
        make_membership(organisation)
        make_contact(organisation, email="a@example.org")
        organisation.terms.add(make_term())
    return {
        "organisation": organisation,
        "event": make_event(organiser=organisation),
        "news_item": make_news_item(organisation=organisation),
        "best_practice": make_best_practice(organisation),
        "document": make_document(organisation=organisation),
        "opportunity": make_opportunity(organisation, terms=list(organisation.terms.all())),
        "call": make_call(),
    }


def signed_in_page_urls(manager):
    """The pages of the signed-in area for `manager`: the dashboard, a draft profile's steps
    and co-editors, a best-practice draft's form and preview, the password pages."""
    from news.models import BestPractice

    draft = make_organisation(name="Draft of the manager", status="draft")
    draft.managers.add(manager)
    organisation = make_organisation(name="Managed cluster")
    organisation.managers.add(manager)
    best_practice = make_best_practice(
        organisation, status=BestPractice.Status.DRAFT, submitted_by=manager
    )
    invitation = Invitation.objects.create(organisation=draft, email=manager.email)
    network = make_organisation(name="Managed network", kind="network")
    network.managers.add(manager)
    network.memberships.create(member=organisation)
    steps = ["identity", "contacts", "figures", "focus", "about"]
    return [
        reverse("my:dashboard"),
        reverse("my:organisation_list"),
        reverse("my:organisation_new"),
        *(reverse("my:organisation_step", args=[draft.slug, step]) for step in steps),
        reverse("my:organisation_managers", args=[draft.slug]),
        reverse("my:organisation_members", args=[network.slug]) + "?q=cluster",
        reverse("my:accept_invitation", args=[invitation.token]),
        reverse("news:best_practice_create"),
        reverse("news:best_practice_edit", args=[best_practice.pk]),
        reverse("news:best_practice_preview", args=[best_practice.pk]),
        *_opportunity_pages(organisation),
        reverse("accounts:password_change"),
        reverse("accounts:password_change_done"),
        reverse("accounts:signup_done"),
    ]


def _opportunity_pages(organisation):
    """A manager's opportunity pages: the posting form, a draft's form and preview."""
    draft = make_opportunity(organisation, status="draft")
    return [
        reverse("opportunities:create"),
        reverse("opportunities:edit", args=[draft.pk]),
        reverse("opportunities:preview", args=[draft.pk]),
    ]


def page_urls():
    """Argument-free pages, then a full profile and one detail page of each content type."""
    sample = sample_content()
    urls = [reverse(name) for name in urls_without_arguments()]
    urls += [
        sample["organisation"].get_absolute_url(),
        reverse("directory:list") + "?page=2",
        sample["event"].get_absolute_url(),
        sample["news_item"].get_absolute_url(),
        sample["best_practice"].get_absolute_url(),
        sample["opportunity"].get_absolute_url(),
        sample["call"].get_absolute_url(),
    ]
    return urls
