"""Maps drawn from the committed Natural Earth extract (data/geo/south_caucasus.json,
made once by scripts/make_geodata.py) with Vega-Lite geoshapes, rendered like
every chart: interactive on the web, vector images in the PDF.

* ``locator_map``: the South Caucasus and its neighbours, the former NKAO, the
  capitals and the towns the book names;
* ``war_2020_map``: what changed in 2020, from the line of contact before the war to
  the handovers under the statement;
* ``war_moving_map``: the war's timeline with a brush that picks the days whose
  located events the map shows.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache

import altair as alt
import pandas as pd

from ..data import labels, paths
from ..rows.common import iso, select
from ..rows.places import located_events, points
from ..rows.sources import short_source_label
from . import map_layers
from .theme import NARROW, NOT_ON_PHONE, OKABE_ITO, PHONE_ONLY, WAR_TYPE_COLOURS, legend, time_window

GEO_FILE = paths.DATA_DIR / "geo" / "south_caucasus.json"
LAND, HOME = "#e0e0e0", "#f7f7f7"  # greys: the palette test allows Okabe & Ito and greys
PROJECTION = alt.Projection(type="mercator")
POINT_COLOURS = ["#D55E00", "#CC79A7", "#009E73"]  # taken, handed over, the monitoring centre
MOVING_MAP_GUTTER = 16  # px a view of the moving map leaves on a phone for its padding
CORRIDOR_WIDTH_KM = 5  # point 6 of the statement of 10 November 2020
# Where a district's label goes when its centroid would sit on a town or a line.
DISTRICT_LABEL_AT = {"kalbajar": (46.13, 40.2), "aghdam": (46.8, 40.17), "lachin": (46.35, 39.77),
                     "fuzuli": (47.37, 39.63), "jabrayil": (47.1, 39.27), "gubadli": (46.6, 39.25),
                     "zangilan": (46.86, 38.98)}
# On a phone the short labels (name and day) sit where the towns' labels leave room.
DISTRICT_LABEL_AT_NARROW = {**DISTRICT_LABEL_AT, "fuzuli": (47.42, 39.6), "lachin": (46.3, 39.72),
                            "aghdam": (46.85, 40.12)}
# On a phone these towns' labels go to the left of their points, clear of the districts' names.
NARROW_LABEL_LEFT = {"Hadrut"}
# The legend's entries on a phone, where the full ones would be cut.
SHORT_KEYS = {"breakaway_1994": "Self-administered before 2020 (Natural Earth)",
              "ceasefire_1994": "Line of contact before the war (Natural Earth)",
              "nkao_1991": "Former NKAO boundary, c. 1991 (Natural Earth)",
              "districts": "Seven districts (geoBoundaries)", "corridor": "Lachin corridor, 5 km (schematic)",
              "taken": "Town taken (day Azerbaijan announced it)", "handed": "District handed over (day)",
              "centre": "Turkish–Russian monitoring centre"}


def _shown(narrow: bool) -> dict:
    """A mark's opacity that shows its layer only on a phone (``narrow``) or only elsewhere."""
    return dict(PHONE_ONLY if narrow else NOT_ON_PHONE)


@lru_cache(maxsize=1)
def geodata() -> dict:
    return json.loads(GEO_FILE.read_text(encoding="utf-8"))


def frame_of(name: str) -> tuple:
    return tuple(geodata()["frames"][name])


def _halos(prefix: str, *texts: alt.Chart) -> list[alt.Chart]:
    """A white outline under each label, drawn before the labels, so that a line
    or a point under a label does not cross its letters (a cartographer's halo).
    Hidden from screen readers, which read each label once."""
    halos = []
    for i, text in enumerate(texts):
        mark = text.mark if isinstance(text.mark, str) else text.mark.to_dict()
        mark = {"type": mark} if isinstance(mark, str) else mark
        halo = text.copy(deep=True)
        halo.mark = alt.MarkDef(**{**mark, "stroke": "white", "strokeWidth": 3, "strokeJoin": "round",
                                   "strokeOpacity": 0.9, "aria": False})
        halos.append(halo.properties(name=f"{prefix}_halo_{i}"))
    return halos


def _shaped_like(frame: str, max_height: int) -> dict:
    """On the web a map's height follows its width, in the shape of its frame (as
    Mercator draws it), so that it leaves no blank band on a phone and uses the
    room on a wide screen (render.py; a static image keeps its fixed height)."""
    west, south, east, north = frame_of(frame)
    def y(lat):
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    aspect = (y(north) - y(south)) / math.radians(east - west)
    return {"book_fit": {"aspect": round(aspect, 3), "max_height": max_height}}


def features(frame: str, *layers: str) -> list[dict]:
    return [f for f in geodata()["features"] if f["properties"]["frame"] == frame and f["properties"]["layer"] in layers]


COUNTRY_NAMES = {"Turkey": "Türkiye"}
# Where a country's name is written, where its centroid would sit on a city's label.
NAME_AT = {"region": {"Armenia": (45.05, 40.75), "Azerbaijan": (48.3, 40.85)},
           "war": {"Armenia": (45.05, 40.75), "Azerbaijan": (48.0, 40.9)},
           "karabakh": {"Armenia": (45.65, 40.45), "Azerbaijan": (47.3, 40.45), "Iran": (47.35, 38.85)}}


def _countries(frame: str, home=("Armenia", "Azerbaijan", "Georgia")) -> alt.LayerChart:
    shapes = features(frame, "country")
    for f in shapes:
        f["properties"]["fill"] = HOME if f["properties"]["name"] in home else LAND
    base = alt.Chart(alt.Data(values=shapes)).mark_geoshape(stroke="#9a9a9a", strokeWidth=0.7).encode(
        fill=alt.Fill("properties.fill:N", scale=None))
    west, south, east, north = frame_of(frame)
    spots = [(f["properties"]["name"], NAME_AT[frame].get(f["properties"]["name"], map_layers.label_point(f))) for f in shapes]
    names = pd.DataFrame([{"name": COUNTRY_NAMES.get(name, name), "lon": lon, "lat": lat} for name, (lon, lat) in spots
                          if west < lon < east and south < lat < north])
    text = alt.Chart(names).mark_text(fontSize={"expr": f"{NARROW} ? 10 : 12"}, fontStyle="italic",
                                      color="#6b6b6b").encode(
        longitude="lon:Q", latitude="lat:Q", text="name:N")
    return alt.layer(base, text)


def _lines(frame: str, keys: dict[str, str], colours: dict[str, str], dashes: dict[str, list]) -> list:
    layers = []
    for layer, key in keys.items():
        shapes = features(frame, layer)
        for f in shapes:
            f["properties"]["key"] = key
        if layer.startswith("breakaway"):
            mark = dict(filled=True, fillOpacity=0.35, strokeWidth=0)
            channel = alt.Fill
        else:
            mark = dict(filled=False, strokeWidth=2.2 if "ceasefire" in layer else 1.4,
                        strokeDash=dashes.get(key, []))
            channel = alt.Stroke
        enc = channel("properties.key:N", legend=None,
                      scale=alt.Scale(domain=list(colours), range=list(colours.values())))
        layers.append(alt.Chart(alt.Data(values=shapes)).mark_geoshape(**mark).encode(enc))
    return layers


def _nudged(marks: pd.DataFrame, near: float = 0.12) -> pd.DataFrame:
    """Mark the labels to write below their point: those with another labelled point
    just north of them, so that the two labels do not overlap."""
    marks = marks.copy()
    marks["below"] = [any(0 < lat2 - lat < near and abs(lon2 - lon) < 2 * near
                          for lat2, lon2, label2 in zip(marks["lat"], marks["lon"], marks["label"]) if label2)
                      for lat, lon in zip(marks["lat"], marks["lon"])]
    return marks


def locator_map(places: pd.DataFrame, labelled: list[str], title: str | None = None,
                description: str | None = None):
    """The South Caucasus: Armenia, Azerbaijan (with Nakhchivan) and Georgia, the
    parts of Türkiye, Iran and Russia beside them, Natural Earth's line of the former
    NKAO, and every gazetteer place inside the frame (``labelled`` are named)."""
    frame = frame_of("region")
    where = points(places, frame=frame)
    where["label"] = where["id"].map(lambda i: i in labelled)
    where["what"] = where["kind"].map(lambda k: "Capital" if k == "capital" else "Town or city named in the book")
    nkao = "Former Nagorno-Karabakh Autonomous Oblast, c. 1991 (Natural Earth)"
    lines = _lines("region", {"nkao_1991": nkao}, {nkao: "#D55E00"}, {nkao: [4, 2]})
    tip = [alt.Tooltip("name_en:N", title="Place"), alt.Tooltip("other_names:N", title="Other names"),
           alt.Tooltip("what:N", title="Kind")]
    kinds = ["Capital", "Town or city named in the book"]
    dots = alt.Chart(where).mark_point(filled=True, size=45, opacity=0.9, stroke="white", strokeWidth=0.6).encode(
        longitude="lon:Q", latitude="lat:Q", tooltip=tip,
        shape=alt.Shape("what:N", sort=kinds, scale=alt.Scale(domain=kinds, range=["square", "circle"]),
                        legend=alt.Legend(title=None, orient="bottom", labelLimit=300)),
        color=alt.Color("what:N", sort=kinds, scale=alt.Scale(domain=kinds, range=["#000000", OKABE_ITO[0]]),
                        legend=alt.Legend(title=None, orient="bottom", labelLimit=300)))
    # On a phone the map is a third as wide: only the capitals are named (the others keep their tooltips).
    where["narrow_label"] = where["label"] & (where["kind"] == "capital")
    names = [alt.Chart(where).transform_filter(f"datum.{field}").mark_text(
        align="left", dx=6, dy=-5, fontSize=size, fontWeight="bold", color="#222", opacity=_shown(narrow)).encode(
        longitude="lon:Q", latitude="lat:Q", text="name_en:N")
        for field, size, narrow in (("label", 11, False), ("narrow_label", 10, True))]
    description = description or (
        "Map of the South Caucasus: Armenia, Azerbaijan with its Nakhchivan exclave, and Georgia, with the "
        "neighbouring parts of Türkiye, Iran and Russia. A dashed vermilion line marks the former Nagorno-Karabakh "
        f"Autonomous Oblast as Natural Earth draws it. {len(where)} places the book names are dots, capitals as "
        "squares; hover one for its names in other languages.")
    return (alt.layer(_countries("region"), *lines, dots, *_halos("locator", *names), *names, title=title or alt.Undefined,
                      description=description)
            .properties(width="container", height=430, projection=PROJECTION, usermeta=_shaped_like("region", 520)))


def war_2020_map(events: pd.DataFrame, places: pd.DataFrame, taken: list[str], handed_over: list[str],
                 corridor: tuple[str, ...], centre: tuple[str, str] | None = None,
                 title: str | None = None, description: str | None = None):
    """What changed in 2020, in the frame around Karabakh. Natural Earth's lines:
    the former NKAO, the 1994 ceasefire line (the line of contact before the war)
    and the area it shows as self-administered. geoBoundaries' seven districts
    around the former oblast, each labelled with what the events record of it.
    Points: the towns whose capture Azerbaijan announced (``taken``: event ids,
    dated by the announcement), the districts handed over under the statement
    (``handed_over``: event ids, by the handover date), a schematic band 5 km wide
    for the Lachin corridor along the places ``corridor`` names (from Karabakh
    to Armenia, cut at Armenia's border), and the joint monitoring centre
    (``centre``: event id and place id)."""
    frame = frame_of("karabakh")
    located = located_events(events, places, frame=frame).drop_duplicates("id").set_index("id")
    kinds = {"taken": "Town whose capture Azerbaijan announced (date of the announcement)",
             "handed": "District town handed over under the statement (date of the handover)",
             "centre": "Turkish–Russian monitoring centre (Aghdam district)"}
    status = map_layers.district_status(events, taken, handed_over)
    seats = {f["properties"]["town"] for f in map_layers.districts()["features"]}
    rows = []
    for kind, ids in (("taken", taken), ("handed", handed_over)):
        for event_id in ids:
            ev = located.loc[event_id]
            day = pd.Timestamp(ev["when"]).strftime("%-d %b")
            seat = bool(set(events.set_index("id").loc[event_id, "place_ids"] or []) & seats)
            # A district's own label carries its date; other towns (Hadrut, Shusha) carry theirs.
            rows.append({**ev.to_dict(), "id": event_id, "what": kinds[kind], "label": "" if seat else f"{ev['place']} {day}",
                         "short": "" if seat else f"{ev['place'].split('/')[0]} {day}"})
    if centre:
        event_id, place_id = centre
        spot = points(places, [place_id]).iloc[0]
        ev = events.set_index("id").loc[event_id]
        rows.append({"id": event_id, "title": ev["title"], "date": iso(ev["date_start"]), "place": spot["name_en"],
                     "lat": spot["lat"] - 0.035, "lon": spot["lon"] + 0.02, "what": kinds["centre"],
                     "sources": "; ".join(ev["source_ids"]), "label": "", "short": "", "type": "",
                     "href": f"../explorer.html#event-{event_id}"})
    marks = _nudged(pd.DataFrame(rows))
    keys = {"breakaway_1994": "Area Natural Earth shows as self-administered before 2020",
            "ceasefire_1994": "Line of contact before the war (Natural Earth's 1994 ceasefire line)",
            "nkao_1991": "Former NKAO boundary, c. 1991 (Natural Earth)"}
    district_key = "Seven districts (geoBoundaries) around the former NKAO"
    corridor_key = "Lachin corridor (schematic, not the road), 5 km wide, Russian contingent"
    colours = {keys["breakaway_1994"]: "#E69F00", keys["ceasefire_1994"]: "#000000",
               keys["nkao_1991"]: "#0072B2", district_key: "#6b6b6b", corridor_key: "#56B4E9"}
    lines = _lines("karabakh", keys, colours, {keys["nkao_1991"]: [4, 2]})
    shapes = [{**f, "properties": {**f["properties"], "key": district_key}} for f in map_layers.districts()["features"]]
    stroke_scale = alt.Scale(domain=list(colours), range=list(colours.values()))
    district_lines = alt.Chart(alt.Data(values=shapes)).mark_geoshape(
        filled=False, strokeWidth=0.9).encode(alt.Stroke("properties.key:N", legend=None, scale=stroke_scale))
    armenia = [ring for f in features("karabakh", "country") if f["properties"]["name"] == "Armenia"
               for poly in f["geometry"]["coordinates"] for ring in poly]
    road = [tuple(p) for p in points(places, list(corridor))[["lon", "lat"]].to_numpy().tolist()]
    path = {"type": "Feature", "properties": {"key": corridor_key},
            "geometry": map_layers.band(map_layers.cut_at_border(road, armenia), CORRIDOR_WIDTH_KM)}
    corridor_band = alt.Chart(alt.Data(values=[path])).mark_geoshape(
        filled=True, fillOpacity=0.85, stroke="#2a7fb0", strokeWidth=0.6).encode(
        alt.Fill("properties.key:N", legend=None, scale=stroke_scale))
    legend_rows = pd.DataFrame({"key": list(colours) + list(kinds.values())})
    short_legend = dict(zip(legend_rows["key"], [SHORT_KEYS[k] for k in (*keys, "districts", "corridor", *kinds)]))
    # One colour scale and one legend, which the points share with the swatches
    # that name every layer (two would conflict, and Vega-Lite warns).
    key_colour = dict(title=None, sort=list(legend_rows["key"]),
                      scale=alt.Scale(domain=list(legend_rows["key"]), range=list(colours.values()) + POINT_COLOURS),
                      legend=alt.Legend(orient="bottom", columns=1, symbolType="square", labelLimit=460,
                                        labelExpr=f"{NARROW} ? {json.dumps(short_legend)}[datum.label] : datum.label"))
    swatches = alt.Chart(legend_rows).mark_point(opacity=0).encode(color=alt.Color("key:N", **key_colour))
    shape_scale = alt.Scale(domain=list(kinds.values()), range=["circle", "diamond", "triangle-up"])
    tip = [alt.Tooltip("title:N", title="Event"), alt.Tooltip("date:N", title="Date"),
           alt.Tooltip("place:N", title="Place"), alt.Tooltip("sources:N", title="Sources")]
    dots = alt.Chart(marks).mark_point(filled=True, size=110, stroke="white", strokeWidth=0.8).encode(
        longitude="lon:Q", latitude="lat:Q", href="href:N", tooltip=tip,
        shape=alt.Shape("what:N", scale=shape_scale, legend=None),
        color=alt.Color("what:N", **key_colour))
    text = dict(align="left", dx=8, fontSize=11, fontWeight="bold", color="#222", opacity=_shown(False))
    names = [alt.Chart(marks).transform_filter(f"datum.label != '' && datum.below == {below}").mark_text(
        dy=9 if below else -7, **text).encode(longitude="lon:Q", latitude="lat:Q", text="label:N")
        for below in ("true", "false")]
    # On a phone: the short labels, below their towns, and the districts' names and days.
    marks["left"] = marks["place"].isin(NARROW_LABEL_LEFT)
    for left in (False, True):
        names.append(alt.Chart(marks).transform_filter(f"datum.short != '' && datum.left == {str(left).lower()}")
                     .mark_text(align="right" if left else "left", dx=-6 if left else 5, dy=0 if left else 10,
                                fontSize=10, fontWeight="bold", color="#222", opacity=_shown(True))
                     .encode(longitude="lon:Q", latitude="lat:Q", text="short:N"))
    spots = map_layers.district_labels(status, DISTRICT_LABEL_AT)
    district_names = [
        alt.Chart(labels_at).mark_text(lineBreak="\n", fontSize=size, fontStyle="italic", color="#333",
                                       opacity=_shown(narrow)).encode(longitude="lon:Q", latitude="lat:Q",
                                                                      text=f"{field}:N")
        for labels_at, field, size, narrow in ((spots, "label", 11, False),
                                           (map_layers.district_labels(status, DISTRICT_LABEL_AT_NARROW), "short", 10, True))]
    ref = points(places, [corridor[0], corridor[-1]])
    ref_text = alt.Chart(ref).mark_text(align="right", dx=-7, dy=-7, fontSize=11, color="#444").encode(
        longitude="lon:Q", latitude="lat:Q", text="name_en:N")
    ref_mark = alt.layer(ref_text, alt.Chart(ref).mark_point(filled=True, size=30, color="#444").encode(
        longitude="lon:Q", latitude="lat:Q"))
    named = ", ".join(f"{r.name} ({r.label.split(chr(10))[1]})" if "\n" in r.label else r.name
                      for r in spots.itertuples())
    description = description or (
        f"Map of Karabakh in 2020. Natural Earth's lines show the former NKAO and the line of contact before "
        f"the war. geoBoundaries' outlines show the seven districts around it, each labelled: {named}. "
        f"{len(taken)} towns whose capture Azerbaijan announced are dated by the announcement; "
        f"{len(handed_over)} district towns are dated by their handover under the statement. A schematic light "
        f"blue band {CORRIDOR_WIDTH_KM:g} km wide, along straight segments between "
        f"{' and '.join(ref['name_en'])} and cut at Armenia's border, stands for the Lachin corridor under the "
        "Russian contingent; a triangle marks the Turkish–Russian monitoring centre.")
    return (alt.layer(_countries("karabakh"), *lines, district_lines, corridor_band, swatches, dots,
                      *_halos("war_map", *names, *district_names, ref_text), *names, *district_names, ref_mark,
                      title=title or alt.Undefined, description=description)
            .properties(width="container", height=470, projection=PROJECTION, usermeta=_shaped_like("karabakh", 640)))


def _row_labels_inside_on_phone() -> alt.Axis:
    """On a phone a row's label sits inside the plot, above its points, so that the
    timeline and the map under it can both take the screen's width."""
    def either(phone, wide):
        return {"expr": f"{NARROW} ? {json.dumps(phone)} : {json.dumps(wide)}"}
    return alt.Axis(labelAlign=either("left", "right"), labelBaseline=either("bottom", "middle"),
                    labelPadding=either(-6, 2), labelOffset=either(-5, 0), tickSize=either(0, 5))


def war_moving_map(events: pd.DataFrame, places: pd.DataFrame, sources: pd.DataFrame | None = None,
                   start: str | None = None, end: str | None = None, width: int = 560,
                   title: str | None = None, description: str | None = None):
    """The war as it moved: the timeline of the war's events (every event, located
    or not) above a map of the located ones. Dragging across days on the timeline
    (a brush) keeps only those days' events on the map; a point's tooltip gives the
    event and its sources, and a click opens it on the explorer page."""
    war = labels.period("war_2020")
    start, end = start or iso(war.start), end or iso(war.end)
    frame = frame_of("war")
    located = located_events(events, places, start, end, frame=frame, sources=sources)
    in_war = select(events, start=start, end=end)
    names, short = places.set_index("id")["name_en"], short_source_label(sources) if sources is not None else {}
    timeline_rows = pd.DataFrame({
        "id": in_war["id"], "when": in_war["date_start"].map(iso), "date": in_war["date_start"].map(iso),
        "title": in_war["title"], "type": in_war["event_type"].map(labels.labels("event_types")),
        "place": in_war["place_ids"].map(lambda ids: "; ".join(names.get(i, i) for i in ids or [])),
        "sources": in_war["source_ids"].map(lambda ids: "; ".join(short.get(i, i) for i in ids))})
    types = [t for t in labels.label_order("event_types") if t in set(timeline_rows["type"])]
    codes = {label: code for code, label in labels.labels("event_types").items()}
    colour = alt.Color("type:N", title="Event type", sort=types,
                       scale=alt.Scale(domain=types, range=[WAR_TYPE_COLOURS.get(codes.get(t), "#999") for t in types]),
                       legend=legend("Event type", columns=3, labelLimit=200))
    brush = alt.selection_interval(encodings=["x"], name="brush")
    tip = [alt.Tooltip("title:N", title="Event"), alt.Tooltip("date:N", title="Date"),
           alt.Tooltip("place:N", title="Place"), alt.Tooltip("type:N", title="Type"),
           alt.Tooltip("sources:N", title="Sources")]
    x = alt.X("when:T", title="Date (2020)", axis=alt.Axis(format="%-d %b"),
              scale=time_window(start, pd.Timestamp(end) + pd.Timedelta(days=1)))
    timeline = alt.Chart(timeline_rows).mark_circle(size=70, opacity=0.9).encode(
        x=x, y=alt.Y("type:N", title=None, sort=types, axis=_row_labels_inside_on_phone()), color=colour,
        tooltip=tip).add_params(brush).properties(width=width, height=24 * len(types), name="war_timeline")
    map_points = alt.Chart(located).mark_circle(size=110, opacity=0.85, stroke="white", strokeWidth=0.8).encode(
        longitude="lon:Q", latitude="lat:Q", color=colour, tooltip=tip, href="href:N").transform_calculate(
        # The brush holds dates; the timeline parses its dates, this layer must too.
        when="toDate(datum.when)").transform_filter(brush).properties(name="war_map_points")
    description = description or (
        f"Map of the war as it moved, {start} to {end}: above, {len(timeline_rows)} events by day and type; below, a map of the "
        f"{located['id'].nunique()} events with a place inside the frame. Drag across days on the timeline to "
        "keep only those days' events on the map; hover a point for the event and its sources.")
    geo = alt.layer(_countries("war"), *_lines("war", {"ceasefire_1994": "line"}, {"line": "#000000"}, {}),
                    map_points).properties(width=width, height=380, projection=PROJECTION)
    # A concatenated view cannot take its container's width, so on a phone the page
    # narrows each view to fit (render.py).
    fit = {"gutters": [MOVING_MAP_GUTTER, MOVING_MAP_GUTTER], "keep_shape": [False, True], "min": 160}
    # One column, each view flush left: the map does not wait behind the timeline's labels.
    return alt.concat(timeline, geo, columns=1, align="none", title=title or alt.Undefined,
                      description=description, usermeta={"book_fit": fit}).resolve_scale(color="shared")
