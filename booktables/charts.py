"""The book's Altair charts, drawn from the shared tables.

Every chart carries a Vega-Lite ``description`` (read out as its aria-label),
tooltips, and width="container" so it fits the content column.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

# Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999"]

EVENT_TYPE_LABELS = {
    "political": "Political",
    "armed_conflict": "Armed conflict",
    "ceasefire": "Ceasefire",
    "negotiation": "Negotiation",
    "agreement": "Agreement",
    "deployment": "Deployment",
    "military_cooperation": "Military cooperation",
    "economic": "Economic",
    "crisis": "Crisis",
}
STAGE_ORDER = ["pre-negotiation", "ceasefire", "substantive", "implementation", "renewal", "other"]
PROCESS_LABELS = {"karabakh": "Karabakh", "syria": "Syria", "libya": "Libya", "turkey_russia": "Turkey–Russia"}


@alt.theme.register("book", enable=False)
def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "range": {"category": OKABE_ITO},
            "font": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "gridColor": "#e5e5e5"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "columns": 3},
            "title": {"fontSize": 14, "anchor": "start"},
            "view": {"stroke": None},
        }
    }


def enable_theme() -> None:
    alt.theme.enable("book")


def _joined(values) -> str:
    return "; ".join(values) if isinstance(values, list) else ("" if values is None else str(values))


def _in_chapter(frame: pd.DataFrame, chapter: str | None) -> pd.DataFrame:
    if chapter is None:
        return frame
    return frame[frame["chapters"].map(lambda chapters: chapter in chapters)]


def event_rows(events: pd.DataFrame, chapter: str | None = None) -> pd.DataFrame:
    """The events as flat, chart-ready rows (lists joined, labels added)."""
    rows = _in_chapter(events, chapter).copy()
    rows["type"] = rows["event_type"].map(EVENT_TYPE_LABELS)
    rows["date"] = rows["date_start"].dt.strftime("%Y-%m-%d")
    rows["ends"] = rows["date_end"].dt.strftime("%Y-%m-%d").fillna("")
    rows["actors_text"] = rows["actors"].map(_joined)
    rows["sources"] = rows["source_ids"].map(_joined)
    rows["disagreement"] = rows["disagreement_note"].fillna("")
    keep = ["id", "date_start", "date", "ends", "date_precision", "type", "title",
            "description", "actors_text", "sources", "disagreement"]
    return rows[keep].sort_values("date_start").reset_index(drop=True)


def events_timeline(events: pd.DataFrame, chapter: str | None = None, title: str | None = None,
                    description: str | None = None) -> alt.Chart:
    """One point per event, on a time axis, in one row per event type."""
    rows = event_rows(events, chapter)
    types = [label for key, label in EVENT_TYPE_LABELS.items() if label in set(rows["type"])]
    description = description or (
        f"Timeline of {len(rows)} events from {rows['date'].min()} to {rows['date'].max()}, "
        f"one row per event type ({', '.join(types)}). Hover a point for the event, its date and sources.")
    return (
        alt.Chart(rows, title=title or alt.Undefined, description=description)
        # A dark outline: Okabe–Ito yellow alone is faint on a white page.
        .mark_circle(size=90, opacity=0.85, stroke="#333333", strokeWidth=0.6)
        .encode(
            x=alt.X("date_start:T", title="Date", axis=alt.Axis(labelOverlap=True)),
            y=alt.Y("type:N", title=None, sort=types),
            color=alt.Color("type:N", title="Event type", sort=types, legend=None),
            tooltip=[
                alt.Tooltip("title:N", title="Event"),
                alt.Tooltip("date:N", title="Date"),
                alt.Tooltip("ends:N", title="Until"),
                alt.Tooltip("date_precision:N", title="Date precision"),
                alt.Tooltip("type:N", title="Type"),
                alt.Tooltip("actors_text:N", title="Actors"),
                alt.Tooltip("description:N", title="What happened"),
                alt.Tooltip("sources:N", title="Sources"),
            ],
        )
        .properties(width="container", height=36 * max(len(types), 3))
    )


def agreement_rows(agreements: pd.DataFrame, chapter: str | None = None) -> pd.DataFrame:
    rows = _in_chapter(agreements, chapter).copy()
    rows["date"] = rows["date_signed"].dt.strftime("%Y-%m-%d")
    rows["effective"] = rows["date_effective"].dt.strftime("%Y-%m-%d").fillna("")
    rows["ended"] = rows["date_ended"].dt.strftime("%Y-%m-%d").fillna("")
    rows["process_label"] = rows["process"].map(PROCESS_LABELS)
    for column in ("parties", "mediators", "witnesses", "source_ids"):
        rows[column + "_text"] = rows[column].map(_joined)
    rows["pax"] = rows["pax_id"].map(lambda v: "" if pd.isna(v) else f"PA-X {int(v)}")
    return rows.sort_values("date_signed").reset_index(drop=True)


def agreements_over_time(agreements: pd.DataFrame, chapter: str | None = None, title: str | None = None,
                         description: str | None = None) -> alt.Chart:
    """One point per agreement at its signature date, in one row per PA-X stage."""
    rows = agreement_rows(agreements, chapter)
    stages = [s for s in STAGE_ORDER if s in set(rows["stage"])]
    description = description or (
        f"{len(rows)} agreements, {rows['date'].min()} to {rows['date'].max()}, placed at the date of signature "
        f"and sorted by PA-X stage ({', '.join(stages)}); colour shows the peace process. "
        "Hover a point for its parties, mediators and PA-X id.")
    return (
        alt.Chart(rows, title=title or alt.Undefined, description=description)
        .mark_point(size=110, filled=True, opacity=0.85)
        .encode(
            x=alt.X("date_signed:T", title="Date signed", axis=alt.Axis(labelOverlap=True)),
            y=alt.Y("stage:N", title="Stage (PA-X)", sort=stages),
            color=alt.Color("process_label:N", title="Process"),
            shape=alt.Shape("process_label:N", title="Process"),
            tooltip=[
                alt.Tooltip("name:N", title="Agreement"),
                alt.Tooltip("date:N", title="Signed"),
                alt.Tooltip("effective:N", title="In effect from"),
                alt.Tooltip("kind:N", title="Kind"),
                alt.Tooltip("parties_text:N", title="Parties"),
                alt.Tooltip("mediators_text:N", title="Mediators"),
                alt.Tooltip("outcome:N", title="Outcome"),
                alt.Tooltip("pax:N", title="PA-X"),
            ],
        )
        .properties(width="container", height=44 * max(len(stages), 3))
    )
