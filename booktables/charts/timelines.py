"""Events and agreements over time, and Turkish–Russian relations as coded.

Every chart carries a Vega-Lite ``description`` (read out as its aria-label),
tooltips, and width="container" so it fits the content column.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from ..data import labels
from ..rows.agreements import agreement_rows
from ..rows.events import coded_events, event_rows, theatre_cells, theatres_present, types_present
from .theme import OKABE_ITO, days, legend, time_window


def events_timeline(events: pd.DataFrame, chapter: str | None = None, title: str | None = None,
                    description: str | None = None) -> alt.Chart:
    """One point per event, on a time axis, in one row per event type."""
    rows = event_rows(events, chapter)
    types = types_present(rows)
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
            href="href:N",
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


def agreements_over_time(agreements: pd.DataFrame, chapter: str | None = None, title: str | None = None,
                         description: str | None = None) -> alt.Chart:
    """One point per agreement at its signature date, in one row per PA-X stage."""
    rows = agreement_rows(agreements, chapter)
    stage_names = labels.labels("pax_stages")
    rows["stage_label"] = rows["stage"].map(stage_names)
    stages = [label for label in stage_names.values() if label in set(rows["stage_label"])]
    description = description or (
        f"{len(rows)} agreements, {rows['date'].min()} to {rows['date'].max()}, placed at the date of signature "
        f"and sorted by PA-X stage ({', '.join(stages)}); colour shows the peace process. "
        "Hover a point for its parties, mediators and PA-X id.")
    return (
        alt.Chart(rows, title=title or alt.Undefined, description=description)
        .mark_point(size=110, filled=True, opacity=0.85)
        .encode(
            x=alt.X("date_signed:T", title="Date signed", axis=alt.Axis(labelOverlap=True)),
            y=alt.Y("stage_label:N", title="Stage (PA-X)", sort=stages),
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


def cooperation_over_time(events: pd.DataFrame, chapter: str | None = None, start: str | None = None,
                          end: str | None = None, title: str | None = None, description: str | None = None,
                          shaded: str = "war_2020"):
    """Turkish–Russian events coded cooperative, mixed or confrontational, over time.

    One band per code; inside a band, one lane per theatre (colour and shape
    repeat the theatre), so events of the same week do not hide one another.
    The period ``shaded`` (periods.csv) is shaded for orientation."""
    flat = coded_events(events, chapter, start, end)
    theatres = theatres_present(flat)
    relations = labels.label_order("relations")
    description = description or (
        f"{len(flat)} events in Turkish–Russian relations from {flat['date'].min()} to {flat['date'].max()}, "
        "each coded cooperative, mixed or confrontational (one band each) and placed in a lane for its theatre; "
        "the 2020 Karabakh war is shaded. Hover a point for the event, its date, the code and the sources.")
    margin = pd.Timedelta(days=75)
    base = alt.Chart(flat)
    first, last, period_label = labels.period(shaded)
    period_start, period_end = days(first, last)
    one_row = base.transform_aggregate(events="count()")
    band = one_row.mark_rect(color="#999999", opacity=0.18, aria=False).encode(
        x=alt.datum(period_start), x2=alt.datum(period_end))
    band_label = one_row.mark_text(align="right", baseline="top", dx=-3, dy=2, fontSize=11, color="#555555").encode(
        x=alt.datum(period_start), y=alt.value(0), text=alt.value(period_label))
    window = time_window(flat["date_start"].min() - margin, flat["date_start"].max() + margin)
    points = base.mark_point(filled=True, size=95, opacity=0.9, stroke="white", strokeWidth=0.5).encode(
        x=alt.X("date_start:T", title=None, scale=window,
                axis=alt.Axis(format="%Y", tickCount="year", labelOverlap=True)),
        y=alt.Y("relation:N", title=None, sort=relations, scale=alt.Scale(domain=relations),
                axis=alt.Axis(labelFontWeight="bold", labelPadding=6, tickBand="extent", grid=True,
                              gridColor="#bbbbbb", ticks=False, domain=False)),
        yOffset=alt.YOffset("theatre:N", sort=theatres, scale=alt.Scale(domain=theatres, paddingOuter=0.6)),
        color=alt.Color("theatre:N", title="Theatre", sort=theatres, legend=legend("Theatre", 3),
                        scale=alt.Scale(domain=theatres, range=OKABE_ITO[:len(theatres)])),
        shape=alt.Shape("theatre:N", title="Theatre", sort=theatres, legend=legend("Theatre", 3),
                        scale=alt.Scale(domain=theatres)),
        tooltip=[alt.Tooltip("title:N", title="Event"), alt.Tooltip("date:N", title="Date"),
                 alt.Tooltip("ends:N", title="Until"), alt.Tooltip("relation:N", title="Coded as"),
                 alt.Tooltip("theatre:N", title="Theatre"), alt.Tooltip("description:N", title="What happened"),
                 alt.Tooltip("sources:N", title="Sources")],
    )
    return (alt.layer(points, band, band_label, title=title or alt.Undefined, description=description)
            .properties(width="container", height=72 * len(relations)))


def relations_by_theatre(events: pd.DataFrame, chapter: str | None = None, start: str | None = None,
                         end: str | None = None, title: str | None = None, description: str | None = None):
    """How many coded events fall in each theatre under each code: the 'compartments' at a glance."""
    cells = theatre_cells(coded_events(events, chapter, start, end))
    theatres = list(dict.fromkeys(cells["theatre"]))
    relations = labels.label_order("relations")
    description = description or (
        f"{int(cells['n'].sum())} coded events counted by theatre (rows) and code (columns); "
        "darker cells hold more events. Hover a cell for the events it counts.")
    base = alt.Chart(cells)
    x = alt.X("relation:N", title=None, sort=relations, axis=alt.Axis(orient="top", labelAngle=0, labelFontWeight="bold"))
    y = alt.Y("theatre:N", title=None, sort=theatres)
    tooltip = [alt.Tooltip("theatre:N", title="Theatre"), alt.Tooltip("relation:N", title="Coded as"),
               alt.Tooltip("n:Q", title="Events"), alt.Tooltip("events:N", title="Which")]
    rects = base.mark_rect(stroke="white", strokeWidth=2).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("n:Q", title="Events", scale=alt.Scale(scheme="blues", domainMin=0), legend=None))
    threshold = max(int(cells["n"].max()) // 2, 1)
    text = base.mark_text(fontSize=14, fontWeight="bold").encode(
        x=x, y=y, text=alt.Text("n:Q"), tooltip=tooltip,
        color=alt.condition(f"datum.n > {threshold}", alt.value("white"), alt.value("#222222")))
    return (alt.layer(rects, text, title=title or alt.Undefined, description=description)
            .properties(width="container", height=46 * len(theatres)))
