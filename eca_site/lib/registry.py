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
  show), placed after the profile's own sections.
- `directory_filters`: a `DirectoryFilter`: a yes/no filter of the directory's results.
- `my_panels`: `render(request) -> safe HTML` (empty string: nothing), on the `/my/` dashboard.
- `search_providers`: see `eca_site.lib.site_search`.
- `demo_data`: `create(random, organisations, stdout)` steps of `generate_demo_data`.
- `review_queues`: a `ReviewQueue`: one row of the admin index's review desk (what waits for
  staff: profiles to review, profile changes, best practices ... and later opportunities).
"""

from dataclasses import dataclass


class Registry:
    """Named entries kept in (order, key) order; registering a key again replaces it, so that
    `ready()` may safely run twice (as it does in some test set-ups)."""

    def __init__(self, name):
        self.name = name
        self._entries = {}

    def register(self, key, entry, order=100):
        self._entries[key] = (order, key, entry)

    def unregister(self, key):
        self._entries.pop(key, None)

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


profile_sections = Registry("profile sections")
directory_filters = Registry("directory filters")
my_panels = Registry("my panels")
search_providers = Registry("search providers")
demo_data = Registry("demo data")
review_queues = Registry("review queues")


def render_all(registry, *args):
    """Call every renderer of `registry` with `args`; the non-empty HTML strings, in order."""
    return [html for html in (render(*args) for render in registry) if html]
