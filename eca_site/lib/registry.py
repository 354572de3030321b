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
"""

from dataclasses import dataclass

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


profile_sections = Registry("profile sections")
directory_filters = Registry("directory filters")
my_panels = Registry("my panels")
search_providers = Registry("search providers")
demo_data = Registry("demo data")


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
