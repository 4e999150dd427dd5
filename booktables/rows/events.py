"""Events as rows: the timeline's points, and the Turkish–Russian events coded
cooperative, mixed or confrontational, by theatre."""
from __future__ import annotations

import pandas as pd

from ..data import labels
from .common import iso, joined, select
from .places import EXPLORER, event_anchor


def event_rows(events: pd.DataFrame, chapter: str | None = None) -> pd.DataFrame:
    """The events as flat, chart-ready rows (lists joined, labels added)."""
    rows = select(events, chapter).copy()
    rows["type"] = rows["event_type"].map(labels.labels("event_types"))
    rows["date"] = rows["date_start"].map(iso)
    rows["ends"] = rows["date_end"].map(iso)
    rows["actors_text"] = rows["actors"].map(joined)
    rows["sources"] = rows["source_ids"].map(joined)
    rows["disagreement"] = rows["disagreement_note"].fillna("")
    # A click on an event opens it on the explorer page (from a chapter, under chapters/).
    rows["href"] = "../" + EXPLORER + "#" + rows["id"].map(event_anchor)
    keep = ["id", "date_start", "date", "ends", "date_precision", "type", "title",
            "description", "actors_text", "sources", "disagreement", "href"]
    return rows[keep].sort_values("date_start", kind="stable").reset_index(drop=True)


def types_present(rows: pd.DataFrame) -> list[str]:
    """The event-type labels that occur in ``rows``, in the vocabulary's order."""
    return [label for label in labels.label_order("event_types") if label in set(rows["type"])]


def coded_events(events: pd.DataFrame, chapter: str | None = None, start: str | None = None,
                 end: str | None = None) -> pd.DataFrame:
    """The events coded for Turkish–Russian relations, with the code's and the
    theatre's labels (``relation``, ``theatre``)."""
    rows = select(events[events["turkey_russia"].notna()], chapter, start, end)
    flat = event_rows(rows)
    info = rows.set_index("id")
    flat["relation"] = flat["id"].map(info["turkey_russia"]).map(labels.labels("relations"))
    flat["theatre"] = flat["id"].map(info["theatre"]).map(labels.labels("theatre_codes"))
    return flat


def theatres_present(flat: pd.DataFrame) -> list[str]:
    return [label for label in labels.label_order("theatre_codes") if label in set(flat["theatre"])]


def theatre_cells(flat: pd.DataFrame) -> pd.DataFrame:
    """Coded events counted by theatre and code, one row per cell of the grid
    (empty cells included), with the titles of the events each counts."""
    grid = pd.MultiIndex.from_product([theatres_present(flat), labels.label_order("relations")],
                                      names=["theatre", "relation"]).to_frame(index=False)
    counts = (flat.sort_values("date_start").groupby(["theatre", "relation"])
              .agg(n=("id", "size"), events=("title", lambda s: "; ".join(s)))
              .reset_index())
    cells = grid.merge(counts, how="left", on=["theatre", "relation"])
    cells["n"] = cells["n"].fillna(0).astype(int)
    cells["events"] = cells["events"].fillna("(none)")
    return cells
