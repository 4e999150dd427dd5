"""The 2020 war as rows: events and ceasefire attempts on one day-by-day frame,
and the statement's deadlines beside what happened."""
from __future__ import annotations

import re

import pandas as pd

from .agreements import truce_rows
from .common import iso, select
from .events import event_rows, types_present

DAY = pd.Timedelta(days=1)
HALF_DAY = pd.Timedelta(hours=12)
TRUCE_ROW = "Ceasefire attempts"


def war_frame(events: pd.DataFrame, agreements: pd.DataFrame, start, end) -> tuple[pd.DataFrame, list[str], int, int]:
    """Events and ceasefire attempts of a window in one frame (``layer`` tells them
    apart), so that one chart and its one data table show both.

    Events sit in the middle of their day, with ``x2`` where they lasted several
    days; each ceasefire attempt runs from the start of the day it was to take
    effect to the end of the day it broke down. Everything is clipped to the end
    of ``end``. Returns the frame, its row order, and the counts of events and truces."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    edge = last + DAY  # the end of the last day
    ev = event_rows(select(events, start=first, end=last))
    until = pd.to_datetime(events.set_index("id").loc[ev["id"], "date_end"].to_numpy())
    ev_frame = pd.DataFrame({
        "layer": "event", "row": ev["type"].to_numpy(), "what": ev["title"].to_numpy(),
        "kind": ev["type"].to_numpy(), "date": ev["date"].to_numpy(), "until": ev["ends"].to_numpy(),
        "held": "", "details": ev["description"].to_numpy(), "who": ev["actors_text"].to_numpy(),
        "disagreement": ev["disagreement"].to_numpy(), "sources": ev["sources"].to_numpy(),
        "x": (ev["date_start"] + HALF_DAY).to_numpy(), "x2": (pd.Series(until) + HALF_DAY).clip(upper=edge).to_numpy(),
        "level": "", "tag": "", "align": "", "number": "", "href": ev["href"].to_numpy()})
    ev_frame["level"] = ev_frame.groupby(["row", "date"]).cumcount().astype(str)

    truces = truce_rows(agreements, start, end)
    late = truces["start"] > first + (edge - first) * 0.7
    tr_frame = pd.DataFrame({
        "layer": "truce", "row": TRUCE_ROW, "what": truces["name"].to_numpy(),
        "kind": "Ceasefire attempt " + truces["number"], "date": truces["date"].to_numpy(),
        "until": truces["ended"].to_numpy(), "held": truces["held_for"].to_numpy(),
        "details": ("To take effect " + truces["effective"].where(truces["effective"] != "", truces["date"])
                    + "; " + truces["pax"].where(truces["pax"] != "", "not in PA-X")).to_numpy(),
        "who": ("Parties: " + truces["parties_text"] + ". Brokered by: "
                + truces["mediators_text"].where(truces["mediators_text"] != "", "none named")).to_numpy(),
        "disagreement": "", "sources": truces["source_ids_text"].to_numpy(),
        "x": truces["start"].to_numpy(),
        "x2": (truces["date_ended"] + DAY).fillna(edge).clip(upper=edge).to_numpy(),
        "level": (truces.index % 2).astype(str), "tag": (truces["number"] + " · " + truces["held"]).to_numpy(),
        "align": ["right" if is_late else "left" for is_late in late], "number": truces["number"].to_numpy()})
    frame = pd.concat([tr_frame, ev_frame], ignore_index=True)
    return frame, [TRUCE_ROW] + types_present(ev), len(ev), len(truces)


DEADLINE = "Deadline in the statement"
HAPPENED = "What happened (events table)"


def deadline_frame(provisions: pd.DataFrame, events: pd.DataFrame, agreement_id: str,
                   tracks: dict[str, str], start, end) -> pd.DataFrame:
    """An agreement's dated provisions and the events of a window, each on the first
    track whose regular expression matches its text (the provision, or the event's
    title); within a track the deadlines come first, what happened below them."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)

    def track_of(text: str):
        for label, pattern in tracks.items():
            if re.search(pattern, text, flags=re.I):
                return label
        return None

    prov = provisions[(provisions["agreement_id"] == agreement_id) & provisions["deadline"].notna()].copy()
    prov["track"] = prov["provision"].map(track_of)
    prov = prov.dropna(subset=["track"])
    marks = [{"track": p.track, "when": p.deadline, "what": f"Deadline, point {int(p.point)}",
              "detail": p.provision, "note": p.deadline_note if isinstance(p.deadline_note, str) else "",
              "sources": "; ".join(p.source_ids), "kind": DEADLINE} for p in prov.itertuples()]
    evs = select(events, start=first, end=last).copy()
    evs["track"] = evs["title"].map(track_of)
    for e in evs.dropna(subset=["track"]).itertuples():
        marks.append({"track": e.track, "when": e.date_start, "what": e.title, "detail": e.description,
                      "note": "", "sources": "; ".join(e.source_ids), "kind": HAPPENED})
    frame = pd.DataFrame(marks)
    frame["date"] = frame["when"].map(iso)
    frame = frame.sort_values(["track", "kind", "when"]).reset_index(drop=True)
    frame["nth"] = frame.groupby("track").cumcount().astype(str)
    return frame[["track", "when", "what", "date", "detail", "note", "sources", "kind", "nth"]]
