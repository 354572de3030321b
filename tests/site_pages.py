"""Every page a visitor can reach, for site-wide invariant tests (h1, inline code, a11y...).

`page_urls()` lists the URL patterns that take no argument plus one detail page of every kind
of content, built with the factories. A new app's pages are covered as soon as they exist.
"""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import (
    make_best_practice,
    make_contact,
    make_event,
    make_membership,
    make_news_item,
    make_organisation,
    make_term,
)

# Not pages: probes, crawler files, and the open-data downloads (streamed CSV/JSON).
NOT_HTML = {
    "healthz",
    "robots_txt",
    "security_txt",
    "sitemap",
    "favicon",
    "export_csv",
    "export_json",
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


def page_urls():
    """Argument-free pages, then a full profile and one detail page of each content type."""
    network = make_organisation(kind="network", about="<p>About</p>")
    make_membership(network)
    make_contact(network, email="a@example.org")
    network.terms.add(make_term())
    urls = [reverse(name) for name in urls_without_arguments()]
    urls += [
        network.get_absolute_url(),
        reverse("directory:list") + "?page=2",
        make_event(organiser=network).get_absolute_url(),
        make_news_item(organisation=network).get_absolute_url(),
        make_best_practice(network).get_absolute_url(),
    ]
    return urls
