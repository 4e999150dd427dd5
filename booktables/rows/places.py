"""Places as rows: the gazetteer's points, the events at them, and the names
of a place in the five languages the book gives."""
from __future__ import annotations

import pandas as pd

from ..data import labels
from .common import iso, joined, select
from .sources import short_source_label

LANGUAGES = {"name_az": "Azerbaijani", "name_hy": "Armenian", "name_ru": "Russian", "name_tr": "Turkish"}
EXPLORER = "explorer.html"  # the explorer page, relative to the book's root


def event_anchor(event_id: str) -> str:
    """The stable anchor of one event on the explorer page."""
    return f"event-{event_id}"


def claim_anchor(claim_id: str) -> str:
    """The stable anchor of one coded claim on the explorer page."""
    return f"claim-{claim_id}"


def points(places: pd.DataFrame, ids=None, frame: tuple | None = None) -> pd.DataFrame:
    """The places that have coordinates (those in ``ids``, in that order, if given),
    inside ``frame`` (west, south, east, north) if given."""
    rows = places[places["lat"].notna()]
    if ids is not None:
        rows = rows.set_index("id").loc[[i for i in ids if i in set(rows["id"])]].reset_index()
    if frame is not None:
        west, south, east, north = frame
        rows = rows[rows["lon"].between(west, east) & rows["lat"].between(south, north)]
    out = rows[["id", "kind", "name_en", "lat", "lon"]].copy()
    out["lat"], out["lon"] = out["lat"].astype(float), out["lon"].astype(float)
    out["other_names"] = rows.apply(other_names, axis=1).to_numpy()
    return out.reset_index(drop=True)


def other_names(place) -> str:
    """"Azerbaijani Şuşa, Armenian Շուշի, Russian Шуша": the names a source gives."""
    parts = [f"{language} {place[column]}" for column, language in LANGUAGES.items()
             if isinstance(place[column], str) and place[column]]
    return ", ".join(parts)


def names_line(places: pd.DataFrame, place_id: str) -> str:
    """One place's other names for the prose, in italics: "(Azerbaijani *Şuşa*, …)"."""
    place = places.set_index("id").loc[place_id]
    parts = [f"{language} *{place[column]}*" for column, language in LANGUAGES.items()
             if isinstance(place[column], str) and place[column]]
    return ", ".join(parts)


def located_events(events: pd.DataFrame, places: pd.DataFrame, start: str | None = None, end: str | None = None,
                   frame: tuple | None = None, sources: pd.DataFrame | None = None,
                   base: str = "../") -> pd.DataFrame:
    """One row per event and place with coordinates: the events from ``start`` to
    ``end`` at the places in ``frame``. ``href`` opens the event on the explorer
    page (``base`` leads from the chapter to the book's root)."""
    rows = select(events, start=start, end=end)
    where = points(places, frame=frame).set_index("id")
    short = short_source_label(sources) if sources is not None else {}
    types = labels.labels("event_types")
    out = []
    for event in rows.itertuples():
        for place_id in event.place_ids or []:
            if place_id not in where.index:
                continue
            place = where.loc[place_id]
            out.append({"id": event.id, "date": iso(event.date_start), "when": iso(event.date_start),
                        "until": iso(event.date_end), "type": types.get(event.event_type, event.event_type),
                        "title": event.title, "place": place["name_en"], "lat": place["lat"], "lon": place["lon"],
                        "sources": joined([short.get(s, s) for s in event.source_ids]),
                        "href": f"{base}{EXPLORER}#{event_anchor(event.id)}"})
    columns = ["id", "date", "when", "until", "type", "title", "place", "lat", "lon", "sources", "href"]
    return pd.DataFrame(out, columns=columns)


def place_table(places: pd.DataFrame) -> pd.DataFrame:
    """The gazetteer as the glossary shows it: names in five languages and kind."""
    frame = places.copy()
    frame["coordinates"] = [f"{lat:.3f}, {lon:.3f}" if pd.notna(lat) else "" for lat, lon in zip(frame["lat"], frame["lon"])]
    return frame
