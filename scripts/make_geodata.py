"""Make the book's map data once: data/geo/south_caucasus.json (GeoJSON).

Run by hand, not by the build (the build never downloads or converts anything):

    python scripts/make_geodata.py NE_DISPUTED_AREAS NE_DISPUTED_LINES GB_AZE_ADM2 [OUT_DIR]

It writes two files, kept apart because their licences differ:
``data/geo/south_caucasus.json`` (Natural Earth, public domain) and
``data/geo/karabakh_districts.json`` (geoBoundaries, CC BY-SA 3.0).

Inputs for south_caucasus.json, all Natural Earth (public domain):

* ``node_modules/world-atlas/countries-10m.json``: Natural Earth 4.1.0 admin-0
  countries at 1:10m, as TopoJSON (npm package world-atlas, pinned in
  package.json; ``npm ci`` installs it);
* NE_DISPUTED_AREAS: ``ne_10m_admin_0_disputed_areas`` as GeoJSON (the
  breakaway "Nagorno-Karabakh" polygon, Natural Earth's de facto line before 2020);
* NE_DISPUTED_LINES: ``ne_10m_admin_0_boundary_lines_disputed_areas`` as GeoJSON
  (the lines named "Former USSR oblast in 1991" and "Ceasefire Line 1994").

The two GeoJSON files are the 10m cultural layers of the natural-earth-geojson
repository (Martyn Afford, CC0), converted from Natural Earth's shapefiles.

Input for karabakh_districts.json: GB_AZE_ADM2, geoBoundaries' Azerbaijan ADM2
layer (districts and cities, boundaryID AZE-ADM2-54616110; gbOpen release,
Runfola et al. 2020), as GeoJSON. geoBoundaries' metadata for it names its
source, the English Wikipedia's map of the administrative divisions of
Azerbaijan, and its licence, Creative Commons Attribution-ShareAlike 3.0
(https://github.com/wmgeolab/geoBoundaries, releaseData/gbOpen/AZE/ADM2/
geoBoundaries-AZE-ADM2-metaData.json). The copy used is the one committed in
the public repository halil-tosun/Azerbaijan-Dairy-Convergence, commit
3967e1bb3d6fb36c9be63b62356676470f5c9daa, path
data/raw/geoBoundaries-AZE-ADM2.geojson (git blob 0058676298...; its feature ids
carry the boundaryID 54616110). Only the seven districts around the former
oblast are kept, renamed to the book's spellings.

What it does: decodes the TopoJSON arcs, simplifies each shared arc once
(Douglas-Peucker), so neighbouring countries keep one common border, clips every
ring to two frames (the South Caucasus, and Karabakh for the war map), rounds
coordinates to 0.001 degree and orients rings as Vega's d3-geo expects
(outer rings clockwise). Plain Python, no dependency.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ATLAS = ROOT / "node_modules" / "world-atlas" / "countries-10m.json"
COUNTRIES = ["Armenia", "Azerbaijan", "Georgia", "Turkey", "Iran", "Russia"]
# (west, south, east, north) in degrees.
FRAMES = {"region": (39.0, 37.6, 51.0, 43.9), "war": (43.3, 38.3, 48.6, 41.4), "karabakh": (45.4, 38.75, 47.6, 40.55)}
TOLERANCE = {"region": 0.012, "war": 0.008, "karabakh": 0.004}
LINES = {"Former USSR oblast in 1991": "nkao_1991", "Ceasefire Line 1994": "ceasefire_1994"}
# geoBoundaries' names of the seven districts -> (the gazetteer id of the district's
# main town, the book's English name).
DISTRICTS = {"Agdam District": ("aghdam", "Aghdam"), "Fuzuli District": ("fuzuli", "Fuzuli"),
             "Jabrayil District": ("jabrayil", "Jabrayil"), "Zangilan District": ("zangilan", "Zangilan"),
             "Qubadli District": ("gubadli", "Gubadli"), "Lachin District": ("lachin", "Lachin"),
             "Kalbajar District": ("kalbajar", "Kalbajar")}
DISTRICT_TOLERANCE = 0.002


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, keeping both ends; a closed ring is split at its farthest point first."""
    if len(points) < 3:
        return points
    if list(points[0]) == list(points[-1]):
        x0, y0 = points[0]
        far = max(range(len(points)), key=lambda i: (points[i][0] - x0) ** 2 + (points[i][1] - y0) ** 2)
        if 0 < far < len(points) - 1:
            return simplify(points[:far + 1], tolerance)[:-1] + simplify(points[far:], tolerance)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5 or 1e-12
        best, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def ring_from_arcs(indexes: list[int], arcs: list) -> list:
    ring = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


def clip_ring(ring: list, frame: tuple) -> list:
    """Sutherland-Hodgman against the frame's four edges."""
    west, south, east, north = frame
    edges = [(lambda p: p[0] >= west, lambda a, b: _cut_x(a, b, west)),
             (lambda p: p[0] <= east, lambda a, b: _cut_x(a, b, east)),
             (lambda p: p[1] >= south, lambda a, b: _cut_y(a, b, south)),
             (lambda p: p[1] <= north, lambda a, b: _cut_y(a, b, north))]
    points = ring[:-1] if ring and ring[0] == ring[-1] else ring
    for inside, cut in edges:
        out = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    out.append(cut(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cut(previous, current))
        points = out
        if not points:
            return []
    return points + [points[0]]


def _cut_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cut_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def area(ring: list) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / 2


def rounded(ring: list) -> list:
    out = []
    for x, y in ring:
        point = [round(x, 3), round(y, 3)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def polygon(rings: list, frame: tuple) -> list:
    """Clipped, rounded rings: the outer one clockwise, holes anticlockwise (d3-geo)."""
    out = []
    for n, ring in enumerate(rings):
        ring = rounded(clip_ring(ring, frame))
        if len(ring) < 4 or abs(area(ring)) < 1e-6:
            if n == 0:
                return []
            continue
        if (area(ring) > 0) == (n == 0):
            ring = ring[::-1]
        out.append(ring)
    return out


def feature(layer: str, name: str, geometry: dict, **props) -> dict:
    return {"type": "Feature", "properties": {"layer": layer, "name": name, **props}, "geometry": geometry}


def countries(frame_name: str) -> list[dict]:
    topology = json.loads(ATLAS.read_text(encoding="utf-8"))
    arcs = [simplify(a, TOLERANCE[frame_name]) for a in decode_arcs(topology)]
    frame = FRAMES[frame_name]
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        if name not in COUNTRIES:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        kept = [p for p in (polygon([ring_from_arcs(r, arcs) for r in poly], frame) for poly in polygons) if p]
        if kept:
            out.append(feature("country", name, {"type": "MultiPolygon", "coordinates": kept}, frame=frame_name))
    return out


def disputed(areas_path: Path, lines_path: Path, frame_name: str) -> list[dict]:
    frame, tolerance = FRAMES[frame_name], TOLERANCE[frame_name] / 3
    out = []
    for item in json.loads(areas_path.read_text(encoding="utf-8"))["features"]:
        props = item["properties"]
        if props.get("BRK_NAME") != "Nagorno-Karabakh":
            continue
        rings = [simplify(r, tolerance) for r in item["geometry"]["coordinates"]]
        out.append(feature("breakaway_1994", "Nagorno-Karabakh (Natural Earth: self-administered, claimed by Azerbaijan)",
                           {"type": "Polygon", "coordinates": polygon(rings, frame)}, frame=frame_name))
    pieces: dict[str, list] = {}
    for item in json.loads(lines_path.read_text(encoding="utf-8"))["features"]:
        props, geometry = item["properties"], item["geometry"]
        layer = LINES.get(props.get("name"))
        if not layer or "AZE" not in (props.get("adm0_a3_l"), props.get("adm0_a3_r")):
            continue
        parts = geometry["coordinates"] if geometry["type"] == "MultiLineString" else [geometry["coordinates"]]
        pieces.setdefault(layer, []).extend(rounded(simplify(p, tolerance)) for p in parts)
    names = {"nkao_1991": "Boundary of the Nagorno-Karabakh Autonomous Oblast, circa 1991 (Natural Earth)",
             "ceasefire_1994": "Ceasefire line of 1994, the line of contact before 2020 (Natural Earth)"}
    for layer, lines in pieces.items():
        out.append(feature(layer, names[layer], {"type": "MultiLineString", "coordinates": lines}, frame=frame_name))
    return out


def districts(adm2_path: Path, frame_name: str = "karabakh") -> list[dict]:
    """The seven districts around the former oblast, as geoBoundaries draws them."""
    frame = FRAMES[frame_name]
    out = []
    for item in json.loads(adm2_path.read_text(encoding="utf-8"))["features"]:
        name = item["properties"]["shapeName"]
        if name not in DISTRICTS:
            continue
        town, label = DISTRICTS[name]
        geometry = item["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        kept = [p for p in (polygon([simplify([tuple(xy[:2]) for xy in r], DISTRICT_TOLERANCE) for r in poly], frame)
                            for poly in polygons) if p]
        out.append(feature("district", f"{label} district", {"type": "MultiPolygon", "coordinates": kept},
                           frame=frame_name, town=town, source_name=name))
    missing = set(DISTRICTS) - {f["properties"]["source_name"] for f in out}
    if missing:
        raise SystemExit(f"{adm2_path}: no feature for {sorted(missing)}")
    return sorted(out, key=lambda f: f["properties"]["name"])


def write(target: Path, collection: dict) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{target}: {len(collection['features'])} features, {target.stat().st_size / 1024:.1f} KB")


def main(argv: list[str]) -> None:
    areas, lines, adm2 = Path(argv[0]), Path(argv[1]), Path(argv[2])
    out_dir = Path(argv[3]) if len(argv) > 3 else ROOT / "data" / "geo"
    features = []
    for frame_name in FRAMES:
        features += countries(frame_name) + disputed(areas, lines, frame_name)
    write(out_dir / "south_caucasus.json",
          {"type": "FeatureCollection",
           "note": "Natural Earth (public domain): admin-0 countries 4.1.0 via world-atlas 2.0.2; "
                   "disputed areas and their boundary lines (1:10m). Made by scripts/make_geodata.py.",
           "frames": FRAMES, "features": features})
    write(out_dir / "karabakh_districts.json",
          {"type": "FeatureCollection",
           "note": "The seven districts around the former Nagorno-Karabakh Autonomous Oblast, from geoBoundaries' "
                   "Azerbaijan ADM2 layer (boundaryID AZE-ADM2-54616110; source: English Wikipedia; licence: "
                   "CC BY-SA 3.0, https://creativecommons.org/licenses/by-sa/3.0/). Simplified and clipped by "
                   "scripts/make_geodata.py; this file is shared under the same licence.",
           "licence": "CC-BY-SA-3.0", "frames": {"karabakh": FRAMES["karabakh"]}, "features": districts(adm2)})


if __name__ == "__main__":
    main(sys.argv[1:])
