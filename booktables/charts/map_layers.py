"""Shapes the war map adds to the Natural Earth extract: the seven districts around
the former oblast (data/geo/karabakh_districts.json, geoBoundaries, made once by
scripts/make_geodata.py), where their labels go and what the events say of them,
and a schematic band for the Lachin corridor.

The band is drawn from the gazetteer's points, not from any source's line: it is a
strip of the width the statement of 10 November 2020 gives (5 km) around straight
segments between those points, cut where the last segment reaches Armenia's border.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache

import pandas as pd

from ..data import paths

DISTRICTS_FILE = paths.DATA_DIR / "geo" / "karabakh_districts.json"
KM_PER_DEGREE_LAT = 110.57
KM_PER_DEGREE_LON_AT_EQUATOR = 111.32


@lru_cache(maxsize=1)
def districts() -> dict:
    return json.loads(DISTRICTS_FILE.read_text(encoding="utf-8"))


def _area(ring: list) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / 2


def label_point(feature: dict) -> tuple[float, float]:
    """The centroid of a feature's largest ring."""
    ring = max((poly[0] for poly in feature["geometry"]["coordinates"]), key=lambda r: abs(_area(r)))
    a = _area(ring)
    cx = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / (6 * a)
    cy = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / (6 * a)
    return cx, cy


def district_status(events: pd.DataFrame, taken: list[str], handed_over: list[str]) -> dict[str, tuple[str, str]]:
    """For each district's main town (a gazetteer id): ("handed" or "taken", ISO date),
    from the handover events first, then the announced captures."""
    by_id = events.set_index("id")
    status: dict[str, tuple[str, str]] = {}
    for kind, ids in (("handed", handed_over), ("taken", taken)):
        for event_id in ids:
            event = by_id.loc[event_id]
            for place in event["place_ids"] or []:
                status.setdefault(place, (kind, pd.Timestamp(event["date_start"]).strftime("%Y-%m-%d")))
    return status


def district_labels(status: dict[str, tuple[str, str]], nudge: dict[str, tuple[float, float]] | None = None
                    ) -> pd.DataFrame:
    """One row per district: its name, and what the events record with the day."""
    words = {"handed": "handed over", "taken": "town taken"}
    rows = []
    for feature in districts()["features"]:
        props = feature["properties"]
        lon, lat = (nudge or {}).get(props["town"]) or label_point(feature)
        kind, day = status.get(props["town"], ("", ""))
        short_day = pd.Timestamp(day).strftime('%-d %b') if kind else ""
        when = f"{words[kind]} {short_day}" if kind else ""
        # On a phone the label is the district's name and the day; the mark at its town says which event.
        short = props["name"].removesuffix(" district") + (f"\n{short_day}" if short_day else "")
        rows.append({"name": props["name"], "town": props["town"], "status": kind, "date": day,
                     "label": props["name"] + (f"\n{when}" if when else ""), "short": short, "lon": lon, "lat": lat})
    return pd.DataFrame(rows)


def _to_km(lon: float, lat: float, lat0: float) -> tuple[float, float]:
    return lon * KM_PER_DEGREE_LON_AT_EQUATOR * math.cos(math.radians(lat0)), lat * KM_PER_DEGREE_LAT


def _from_km(x: float, y: float, lat0: float) -> list[float]:
    return [round(x / (KM_PER_DEGREE_LON_AT_EQUATOR * math.cos(math.radians(lat0))), 4),
            round(y / KM_PER_DEGREE_LAT, 4)]


def _crossing(a, b, c, d) -> float | None:
    """Where segment ab meets segment cd, as the fraction t along ab (None if it does not)."""
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = a, b, c, d
    den = (bx - ax) * (dy - cy) - (by - ay) * (dx - cx)
    if abs(den) < 1e-15:
        return None
    t = ((cx - ax) * (dy - cy) - (cy - ay) * (dx - cx)) / den
    u = ((cx - ax) * (by - ay) - (cy - ay) * (bx - ax)) / den
    return t if 0 <= t <= 1 and 0 <= u <= 1 else None


def cut_at_border(line: list[tuple[float, float]], rings: list[list]) -> list[tuple[float, float]]:
    """The line up to the first point where it meets one of ``rings`` (a border)."""
    out = [tuple(line[0])]
    for a, b in zip(line, line[1:]):
        hits = [t for ring in rings for c, d in zip(ring, ring[1:]) if (t := _crossing(a, b, c, d)) is not None
                and t > 1e-9]
        if hits:
            t = min(hits)
            out.append((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])))
            return out
        out.append(tuple(b))
    return out


def band(line: list[tuple[float, float]], width_km: float) -> dict:
    """A polygon ``width_km`` wide around the line (mitred corners, square ends),
    its ring clockwise as Vega's d3-geo expects of an outer ring."""
    lat0 = sum(lat for _, lat in line) / len(line)
    pts = [_to_km(lon, lat, lat0) for lon, lat in line]
    half = width_km / 2
    normals = []
    for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
        length = math.hypot(x2 - x1, y2 - y1)
        normals.append((-(y2 - y1) / length, (x2 - x1) / length))
    left, right = [], []
    for i, (x, y) in enumerate(pts):
        if i == 0 or i == len(pts) - 1:
            nx, ny = normals[0] if i == 0 else normals[-1]
            scale = half
        else:
            (ax, ay), (bx, by) = normals[i - 1], normals[i]
            nx, ny = ax + bx, ay + by
            norm = math.hypot(nx, ny)
            nx, ny = nx / norm, ny / norm
            scale = half / max(nx * ax + ny * ay, 0.2)
        left.append(_from_km(x + nx * scale, y + ny * scale, lat0))
        right.append(_from_km(x - nx * scale, y - ny * scale, lat0))
    ring = left + right[::-1] + [left[0]]
    if _area(ring) > 0:
        ring = ring[::-1]
    return {"type": "Polygon", "coordinates": [ring]}
