"""The site-wide search registry: each app plugs in its own search, eca_site shows them.

An app registers a provider from its `AppConfig.ready()`:

    from eca_site.lib.site_search import register
    register("events", "Events", search_events, order=20)

where `search_events(request, q, limit)` returns a `SearchGroup` (or None when the app has
nothing to say). `/search/?q=` calls every provider in `order` and shows one group each, so
eca_site never imports an app to search it. This module imports no app.
"""

from dataclasses import dataclass, field

from .registry import search_providers


@dataclass
class SearchResult:
    title: str
    url: str
    meta: str = ""
    snippet: str = ""  # safe HTML (escaped, with <mark>) or plain text


@dataclass
class SearchGroup:
    label: str
    results: list = field(default_factory=list)
    total: int = 0
    more_url: str = ""  # the app's own search page for this query, if it has one
    key: str = ""


@dataclass(frozen=True)
class Provider:
    key: str
    label: str
    search: object


def register(key, label, search, order=100):
    """Add (or replace, so that ready() may run twice) the provider `key`."""
    search_providers.register(key, Provider(key, label, search), order)


def providers():
    return list(search_providers)


def search_all(request, q, limit=5):
    """[SearchGroup] of every provider for the query `q`, in provider order."""
    groups = []
    for provider in providers():
        group = provider.search(request, q, limit)
        if group is not None:
            group.key = group.key or provider.key
            group.label = group.label or provider.label
            groups.append(group)
    return groups


def queryset_group(label, queryset, limit, to_result, more_url=""):
    """A SearchGroup from an already searched queryset: its count and first `limit` rows,
    each turned into a SearchResult by `to_result(row)` (two queries)."""
    return SearchGroup(
        label,
        [to_result(row) for row in queryset[:limit]],
        queryset.count(),
        more_url,
    )
