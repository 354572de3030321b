"""Numbers for the map and statistics page: profiles per country, sector and ecosystem.

The map is drawn server-side from `directory/data/europe-map.json`, a compact asset made once
from Natural Earth boundaries by `manage.py build_europe_map` (no tiles, no CDN at run time).
"""

import functools
import json
import math
from pathlib import Path

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import get_language, pgettext
from django_countries import countries

from eca_site.lib.content_version import cached

from .models import Organisation, Term, Vocabulary, published_q

MAP_DATA = Path(__file__).resolve().parent / "data" / "europe-map.json"
CLASSES = 5  # colour classes of the choropleth, besides "no profiles"
SECTOR_BARS = 15


@functools.cache
def map_shapes():
    return json.loads(MAP_DATA.read_text())


def class_bounds(maximum):
    """Upper bounds of the colour classes on a log scale: for 1000 -> [3, 15, 62, 250, 1000]."""
    if maximum <= 0:
        return []
    bounds = []
    for k in range(1, CLASSES + 1):
        bound = max(1, round(math.exp(k / CLASSES * math.log(maximum + 1)) - 1))
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    bounds[-1] = maximum
    return bounds


def colour_class(count, bounds):
    if not count:
        return 0
    return next(i for i, bound in enumerate(bounds, start=1) if count <= bound)


def legend(bounds):
    # Translators: the map legend's class of countries without profiles.
    none = pgettext("profiles on the map", "none")
    items, low = ([{"css_class": 0, "label": none}] if bounds else []), 1
    for i, bound in enumerate(bounds, start=1):
        label = f"{low}" if low == bound else f"{low}\u2013{bound}"
        items.append({"css_class": i, "label": label})
        low = bound + 1
    return items


def directory_url(**params):
    ((name, value),) = params.items()
    return f"{reverse('directory:list')}?{name}={value}"


def bars(counts, terms):
    maximum = max((counts.get(term.pk, 0) for term in terms), default=0) or 1
    rows = [
        {
            "term": term,
            "count": counts.get(term.pk, 0),
            "percent": round(100 * counts.get(term.pk, 0) / maximum, 1),
            "url": term.get_absolute_url(),
        }
        for term in terms
    ]
    return sorted(rows, key=lambda row: (-row["count"], row["term"].position, row["term"].name))


def map_context():
    """Everything map.html shows: three queries, cached per content version and language
    (country names and the legend are in the visitor's language)."""
    return cached("map", (get_language(),), _map_context)


def _map_context():
    published = Organisation.objects.published()
    by_country = dict(
        published.exclude(country="")
        .order_by()
        .values("country")
        .annotate(n=Count("pk"))
        .values_list("country", "n")
    )
    bounds = class_bounds(max(by_country.values(), default=0))
    data = map_shapes()
    shapes = []
    on_map = set()
    for shape in data["countries"]:
        count = by_country.get(shape["code"], 0)
        on_map.add(shape["code"])
        shapes.append(
            {
                **shape,
                "count": count,
                "css_class": colour_class(count, bounds),
                "url": directory_url(country=shape["code"]) if count else "",
            }
        )
    table = sorted(
        (
            {
                "code": code,
                "name": countries.name(code) or code,
                "count": n,
                "url": directory_url(country=code),
                "on_map": code in on_map,
            }
            for code, n in by_country.items()
        ),
        key=lambda row: (-row["count"], row["name"]),
    )
    vocabularies = [Vocabulary.SECTORAL_INDUSTRY, Vocabulary.INDUSTRIAL_ECOSYSTEM]
    term_counts = dict(
        Organisation.terms.through.objects.filter(
            published_q("organisation"), term__vocabulary__in=vocabularies
        )
        .values("term_id")
        .annotate(n=Count("organisation_id"))
        .values_list("term_id", "n")
    )
    terms = list(Term.objects.filter(vocabulary__in=vocabularies))
    sectors = bars(term_counts, [t for t in terms if t.vocabulary == Vocabulary.SECTORAL_INDUSTRY])
    ecosystems = bars(
        term_counts, [t for t in terms if t.vocabulary == Vocabulary.INDUSTRIAL_ECOSYSTEM]
    )
    return {
        "map": {"width": data["width"], "height": data["height"], "source": data["source"]},
        "shapes": shapes,
        "legend": legend(bounds),
        "countries": table,
        "total": sum(by_country.values()),
        "sectors": [row for row in sectors if row["count"]][:SECTOR_BARS],
        "sector_total": len(sectors),
        # A table of zeros says nothing: an empty list hides it.
        "ecosystems": ecosystems if any(row["count"] for row in ecosystems) else [],
    }
