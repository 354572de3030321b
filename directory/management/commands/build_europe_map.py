"""Convert Natural Earth country boundaries (TopoJSON) into the committed map asset.

Run once, by hand, when the boundaries should change; the site only reads the result,
`directory/data/europe-map.json` (simplified SVG paths per ISO 3166-1 alpha-2 code), and
never fetches tiles or boundaries at run time:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python manage.py build_europe_map package/countries-50m.json

World-atlas is Natural Earth 1:50m (public domain) as TopoJSON. This command decodes the
topology, projects it with a Lambert azimuthal equal-area projection centred on Europe (as
the EU's ETRS89-LAEA grid is), clips it to Europe, simplifies it (Douglas-Peucker) and
rounds coordinates to 0.1 px of a 1000 px wide view box.
"""

import json
import math
from pathlib import Path

from django.core.management.base import BaseCommand
from django_countries import countries

OUTPUT = Path(__file__).resolve().parents[2] / "data" / "europe-map.json"
WIDTH = 1000
CENTRE = (10.0, 52.0)  # lon, lat of the projection centre
# Inside the frame: Iceland, Portugal, Malta, Crete, Cyprus, North Cape, the Caucasus.
FRAME = [
    (-24.5, 66.5), (-10.0, 36.0), (-9.5, 43.0), (14.5, 35.6), (25.0, 34.7), (35.0, 34.5),
    (31.0, 71.5), (42.0, 42.0),
]  # fmt: skip
MARGIN = 0.01
TOLERANCE = 0.9  # px: Douglas-Peucker tolerance
MIN_RING_AREA = 4.0  # px²: drop islets smaller than this
OTHER_CODES = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}


def project(lon, lat):
    lam0, phi0 = (math.radians(v) for v in CENTRE)
    lam, phi = math.radians(lon), math.radians(lat)
    k = math.sqrt(
        2
        / (
            1
            + math.sin(phi0) * math.sin(phi)
            + math.cos(phi0) * math.cos(phi) * math.cos(lam - lam0)
        )
    )
    x = k * math.cos(phi) * math.sin(lam - lam0)
    y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam - lam0))
    return x, -y  # SVG's y axis points down


def decode_arcs(topology):
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def clip(points, box):
    """Sutherland-Hodgman: the part of a closed ring inside the rectangle `box`."""
    xmin, ymin, xmax, ymax = box
    edges = [
        (lambda p: p[0] >= xmin, lambda a, b: _cross_x(a, b, xmin)),
        (lambda p: p[0] <= xmax, lambda a, b: _cross_x(a, b, xmax)),
        (lambda p: p[1] >= ymin, lambda a, b: _cross_y(a, b, ymin)),
        (lambda p: p[1] <= ymax, lambda a, b: _cross_y(a, b, ymax)),
    ]
    for inside, cross in edges:
        if not points:
            break
        result = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    result.append(cross(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cross(previous, point))
            previous = point
        points = result
    return points


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(points, tolerance):
    """Douglas-Peucker, iterative."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        best, best_distance = None, tolerance
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            else:  # a closed ring: measure from its start point
                distance = math.hypot(px - ax, py - ay)
            if distance > best_distance:
                best, best_distance = i, distance
        if best is not None:
            keep[best] = True
            stack += [(first, best), (best, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def area(points):
    return abs(
        sum(
            x1 * y2 - x2 * y1
            for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)
        )
        / 2
    )


def country_code(geometry):
    name = geometry.get("properties", {}).get("name", "")
    code = countries.alpha2(geometry["id"]) if geometry.get("id") else ""
    return code or OTHER_CODES.get(name, ""), name


class Command(BaseCommand):
    help = "Convert world-atlas TopoJSON into directory/data/europe-map.json (run once)."

    def add_arguments(self, parser):
        parser.add_argument("topojson", type=Path, help="world-atlas countries-50m.json")
        parser.add_argument("--output", type=Path, default=OUTPUT)

    def handle(self, *args, topojson, output, **options):
        topology = json.loads(topojson.read_text())
        arcs = decode_arcs(topology)
        frame = [project(lon, lat) for lon, lat in FRAME]
        xmin, xmax = min(p[0] for p in frame), max(p[0] for p in frame)
        ymin, ymax = min(p[1] for p in frame), max(p[1] for p in frame)
        pad_x, pad_y = (xmax - xmin) * MARGIN, (ymax - ymin) * MARGIN
        xmin, xmax, ymin, ymax = xmin - pad_x, xmax + pad_x, ymin - pad_y, ymax + pad_y
        scale = WIDTH / (xmax - xmin)
        height = round((ymax - ymin) * scale)

        def to_view(lon, lat):
            x, y = project(lon, lat)
            return ((x - xmin) * scale, (y - ymin) * scale)

        shapes = {}
        for geometry in topology["objects"]["countries"]["geometries"]:
            code, name = country_code(geometry)
            rings = []
            for polygon in polygons(geometry):
                for ring in polygon:
                    points = [to_view(lon, lat) for lon, lat in ring_points(ring, arcs)]
                    points = clip(points, (0, 0, WIDTH, height))
                    if len(points) < 3:
                        continue
                    simplified = simplify(points + points[:1], TOLERANCE)[:-1]
                    # Tiny states (Malta) keep their unsimplified outline rather than vanish.
                    rings.append(simplified if len(simplified) >= 3 else points)
            big = [ring for ring in rings if area(ring) >= MIN_RING_AREA]
            rings = big or sorted(rings, key=area)[-1:]
            if not rings or max(area(ring) for ring in rings) < 0.05:
                continue
            path = "".join(
                "M" + "L".join(f"{x:.1f} {y:.1f}".replace(".0 ", " ") for x, y in ring) + "Z"
                for ring in rings
            )
            key = code or name
            label = (countries.name(code) if code else "") or name
            entry = shapes.setdefault(key, {"code": code, "name": label, "d": ""})
            entry["d"] += path
        data = {
            "source": "Natural Earth 1:50m via world-atlas 2.0.2 (public domain)",
            "width": WIDTH,
            "height": height,
            "countries": sorted(shapes.values(), key=lambda s: (s["code"] == "", s["name"])),
        }
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n")
        size = output.stat().st_size // 1024
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {len(shapes)} shapes ({size} KiB) to {output}.")
        )
