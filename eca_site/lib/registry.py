"""Where apps plug into pages they do not own (imports no app).

`directory` must never name another app, yet a profile shows upcoming events and news, the
directory offers an "upcoming events" filter, `/my/` shows best practices and `/search/` finds
everything. Each app registers its contributions from its `AppConfig.ready()`:

    from eca_site.lib.registry import profile_sections
    profile_sections.register("events", render_week, order=10)

and the owning page asks the registry, in `order`, never the app:

    sections = [render(request, organisation) for render in profile_sections]

The registries and what their entries are:

- `profile_sections`: `render(request, organisation) -> safe HTML` (empty string: nothing to
  show), placed after the profile's own sections. With `cache_key=f(request, organisation)`
  the HTML is cached per content version under what `f` returns (include the profile's pk and
  whatever else the HTML depends on: a query parameter, today's date; never the user);
  `f` returning None renders without the cache.
- `directory_filters`: a `DirectoryFilter`: a yes/no filter of the directory's results.
- `my_panels`: `render(request) -> safe HTML` (empty string: nothing), on the `/my/` dashboard.
- `search_providers`: see `eca_site.lib.site_search`.
- `demo_data`: `create(random, organisations, stdout)` steps of `generate_demo_data`.
- `review_queues`: a `ReviewQueue`: one row of the admin index's review desk (what waits for
  staff: profiles to review, profile changes, best practices, opportunities).
- `digest_sections`: a `DigestSection`: one kind of content of the e-mail digest, which
  subscribers choose on `/subscriptions/` (see `DigestSection` for the signature). Registered:
  "profiles" (directory), "events", "news", "documents", "best-practices" (their apps'
  `plugins.py`), "opportunities" and "calls-closing-soon" (opportunities, with
  `frequencies=("weekly", "daily")`: they offer a daily digest).
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.safestring import mark_safe

from .content_version import cached


class Registry:
    """Named entries kept in (order, key) order; registering a key again replaces it, so that
    `ready()` may safely run twice (as it does in some test set-ups)."""

    def __init__(self, name):
        self.name = name
        self._entries = {}
        self._cache_keys = {}

    def register(self, key, entry, order=100, cache_key=None):
        self._entries[key] = (order, key, entry)
        self._cache_keys[key] = cache_key

    def unregister(self, key):
        self._entries.pop(key, None)
        self._cache_keys.pop(key, None)

    def items(self):
        """[(key, entry)] in order."""
        return [(key, entry) for _order, key, entry in sorted(self._entries.values())]

    def __iter__(self):
        return iter([entry for _key, entry in self.items()])

    def __len__(self):
        return len(self._entries)

    def __repr__(self):
        return f"<Registry {self.name}: {', '.join(key for key, _ in self.items())}>"


@dataclass(frozen=True)
class DirectoryFilter:
    """A yes/no filter of the directory (`?<key>=true`).

    `apply(queryset)` narrows a queryset of organisations to those that qualify; it should
    use subqueries (`pk__in=...`) so that the result stays one row per organisation.
    """

    key: str
    label: str
    apply: object


@dataclass(frozen=True)
class ReviewQueue:
    """One row of the review desk on the admin index: rows of a model that wait for staff.

    `waiting()` returns the queryset of waiting rows; `since` names the field that says since
    when each waits (the desk lists the oldest first, with how long it has waited);
    `list_query` narrows the model's admin list to the queue (e.g. "status__exact=pending").
    Staff who may not view the model do not see the row.
    """

    label: str
    waiting: object
    since: str
    list_query: str = ""


@dataclass(frozen=True)
class DigestChoices:
    """What one subscriber asked for: `countries` (ISO codes) and `term_ids` (directory terms:
    sectors, ecosystems, technology fields); an empty set means "any"."""

    countries: frozenset = frozenset()
    term_ids: frozenset = frozenset()


@dataclass(frozen=True)
class DigestItem:
    """One entry of a digest. `url` is absolute (`eca_site.lib.mail.absolute_url`); `when` is an
    aware datetime (shown in the recipient's time zone) or a date; `place` and `summary` are
    plain text."""

    title: str
    url: str
    summary: str = ""
    when: object = None
    all_day: bool = False
    place: str = ""


@dataclass(frozen=True)
class DigestSection:
    """A section of the e-mail digest, registered by the app that owns the content:

        from eca_site.lib.registry import DigestSection, digest_sections
        digest_sections.register(
            "events", DigestSection("events", "Events", plugins.digest_events), order=20
        )

    `items(since, until, choices)` returns the `DigestItem`s published in the half-open window
    [since, until) (aware datetimes) that match `choices` (a `DigestChoices`), at most
    `DIGEST_SECTION_LIMIT` of them, newest or soonest first, in a constant number of queries
    (one is best): it runs once per recipient, and the digest's cost must not grow with the
    number of subscribers. An item matches when `choices.countries` is empty or contains its
    country, and `choices.term_ids` is empty or shares a term with it; content without a
    country or terms matches only the empty choice. `frequencies`: the digest frequencies the
    section takes part in ("weekly", "daily").
    """

    key: str
    label: str
    items: object
    frequencies: tuple = ("weekly",)


DIGEST_SECTION_LIMIT = 20


def narrow_to_choices(queryset, choices, *, country="country", terms="terms"):
    """`queryset` narrowed to a subscriber's `choices` (the rule of `DigestSection`): a row
    whose `country` lookup is empty or null is Europe-wide and matches any country; a term
    choice needs a shared term (a subquery: one row per item). `country=None`: no country."""
    if choices.countries and country:
        queryset = queryset.filter(
            Q(**{f"{country}__in": sorted(choices.countries)})
            | Q(**{country: ""})
            | Q(**{f"{country}__isnull": True})
        )
    if choices.term_ids:
        tagged = queryset.model._default_manager.filter(**{f"{terms}__in": choices.term_ids})
        queryset = queryset.filter(pk__in=tagged.values("pk"))
    return queryset


profile_sections = Registry("profile sections")
directory_filters = Registry("directory filters")
my_panels = Registry("my panels")
search_providers = Registry("search providers")
demo_data = Registry("demo data")
review_queues = Registry("review queues")
digest_sections = Registry("digest sections")


def render_all(registry, *args):
    """Call every renderer of `registry` with `args`; the non-empty HTML strings, in order.

    An entry registered with a `cache_key` is rendered once per content version and key."""
    return [html for html in (_render(registry, key, *args) for key, _ in registry.items()) if html]


def _render(registry, key, *args):
    render = registry._entries[key][2]
    cache_key = registry._cache_keys.get(key)
    material = cache_key(*args) if cache_key is not None else None
    if material is None:
        return render(*args)
    name = f"{registry.name.replace(' ', '-')}:{key}"
    html = cached(name, material, lambda: str(render(*args)))
    return mark_safe(html)  # what a renderer returns is safe HTML (see above)
