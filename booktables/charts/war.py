"""Charts of the 2020 war: the war day by day with its ceasefire attempts, and
the deadlines of the 10 November 2020 statement against what happened."""
from __future__ import annotations

import altair as alt
import pandas as pd

from ..data import labels
from ..rows.common import iso
from ..rows.war import DAY, DEADLINE, HAPPENED, deadline_frame, war_frame
from .theme import OKABE_ITO, WAR_TYPE_COLOURS, legend, time_window


def war_timeline(events: pd.DataFrame, agreements: pd.DataFrame, start: str | None = None,
                 end: str | None = None, title: str | None = None, description: str | None = None):
    """The war day by day: events by type, each drawn in the middle of its day (a
    line where an event lasted several days), and each ceasefire attempt as a
    numbered, shaded band from the start of the day it was to take effect to the end
    of the day it broke down. Everything is clipped to the window from ``start`` to
    the end of ``end`` (by default the war, as periods.csv dates it): an agreement
    that held beyond it is shaded to the edge and its label gives its end date.

    Events and ceasefire attempts share one data frame (the layers filter it), so
    that the chart's data table lists both."""
    war = labels.period("war_2020")
    start, end = start or iso(war.start), end or iso(war.end)
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    edge = last + DAY  # the end of the last day
    x_scale = time_window(first, edge)
    ticks = [iso(d) for d in pd.date_range(first, last, freq="7D")]
    axis = alt.Axis(values=ticks, format="%-d %b", grid=True, title="Date (2020), one column per day")

    frame, row_order, n_events, n_truces = war_frame(events, agreements, start, end)
    types = row_order[1:]
    # Rows and offsets are named as domains: the layers filter one frame differently,
    # and Vega-Lite will not union the sorted domains of different data (it warns).
    y = alt.Y("row:N", title=None, sort=row_order, scale=alt.Scale(domain=row_order), axis=alt.Axis(labelLimit=160))
    x = alt.X("x:T", scale=x_scale, axis=axis)
    level = alt.YOffset("level:N", scale=alt.Scale(domain=sorted(set(frame["level"]))))
    description = description or (
        f"The war from {start} to {end}, day by day: {n_events} events as points in one row per event type "
        f"(a line where an event lasted several days), and {n_truces} numbered ceasefire attempts as shaded "
        "bands from the day each was to take effect to the end of the day it broke down; hover a band for how "
        "long each held.")
    tip = [alt.Tooltip("what:N", title="What"), alt.Tooltip("kind:N", title="Kind"),
           alt.Tooltip("date:N", title="Date"), alt.Tooltip("until:N", title="Until"),
           alt.Tooltip("held:N", title="How long it held"), alt.Tooltip("details:N", title="Details"),
           alt.Tooltip("who:N", title="Who"), alt.Tooltip("disagreement:N", title="Where sources differ"),
           alt.Tooltip("sources:N", title="Sources")]
    base = alt.Chart(frame)
    truce = base.transform_filter("datum.layer == 'truce'")
    event = base.transform_filter("datum.layer == 'event'")
    bands = truce.mark_rect(opacity=0.2, color="#009E73", clip=True).encode(x=x, x2="x2:T", tooltip=tip)
    bars = truce.mark_rect(color="#009E73", opacity=0.9, clip=True, height=9).encode(
        x=x, x2="x2:T", y=y, yOffset=level, tooltip=tip)
    text = dict(baseline="middle", fontSize=11, fontWeight="bold", color="#00573f")
    # Only the numbers fit without overlapping; tooltips and the table of truces give the rest.
    short = truce.transform_calculate(label="datum.number")
    left = short.transform_filter("datum.align == 'left'").mark_text(align="left", dx=4, **text).encode(
        x=alt.X("x2:T", scale=x_scale), y=y, yOffset=level, text="label:N", tooltip=tip)
    right = short.transform_filter("datum.align == 'right'").mark_text(align="right", dx=-4, **text).encode(
        x=x, y=y, yOffset=level, text="label:N", tooltip=tip)
    codes = {label: code for code, label in labels.labels("event_types").items()}
    colour = alt.Color("kind:N", legend=None, sort=types,
                       scale=alt.Scale(domain=types, range=[WAR_TYPE_COLOURS.get(codes.get(t), "#999999") for t in types]))
    lasting = event.transform_filter("isValid(datum.x2)").mark_rule(strokeWidth=3, opacity=0.55, clip=True).encode(
        x=x, x2="x2:T", y=y, yOffset=level, color=colour, tooltip=tip)
    points = event.mark_circle(size=85, opacity=0.95, stroke="white", strokeWidth=0.8, clip=True).encode(
        x=x, y=y, yOffset=level, color=colour, tooltip=tip, href="href:N")
    return (alt.layer(bands, bars, left, right, lasting, points, title=title or alt.Undefined,
                      description=description)
            .properties(width="container", height=42 * len(row_order)))


def statement_deadlines(provisions: pd.DataFrame, events: pd.DataFrame, agreement_id: str,
                        tracks: dict[str, str], start: str, end: str, title: str | None = None,
                        description: str | None = None) -> alt.LayerChart:
    """An agreement's dated provisions against what happened, one track per topic.

    ``tracks`` maps a track label to a regular expression; a provision with a
    deadline, or an event between ``start`` and ``end``, joins the first track whose
    expression matches its text (the provision, or the event's title). Within a
    track the deadlines come first and what happened below them, each labelled, so
    a slipped deadline shows as a gap between the two."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)

    frame = deadline_frame(provisions, events, agreement_id, tracks, start, end)
    order = [t for t in tracks if t in set(frame["track"])]
    x_scale = time_window(first, last + DAY)
    ticks = [iso(d) for d in pd.date_range(first, last, freq="5D")]
    x = alt.X("when:T", title="Date (2020)", scale=x_scale, axis=alt.Axis(values=ticks, format="%-d %b", grid=True))
    y = alt.Y("track:N", title=None, sort=order, scale=alt.Scale(domain=order), axis=alt.Axis(labelLimit=200))
    nth = alt.YOffset("nth:N", scale=alt.Scale(domain=sorted(set(frame["nth"]))))
    description = description or (
        f"The dated provisions of the statement against the events that followed, from {start} to {end}, one "
        "track per topic: diamonds are deadlines set in the statement, circles what happened.")
    kinds = [DEADLINE, HAPPENED]
    tip = [alt.Tooltip("what:N", title="What"), alt.Tooltip("date:N", title="Date"),
           alt.Tooltip("detail:N", title="Detail"), alt.Tooltip("note:N", title="Note"),
           alt.Tooltip("sources:N", title="Sources")]
    base = alt.Chart(frame)
    points = base.mark_point(filled=True, size=130, opacity=0.95).encode(
        x=x, y=y, yOffset=nth,
        shape=alt.Shape("kind:N", title=None, sort=kinds, scale=alt.Scale(domain=kinds, range=["diamond", "circle"])),
        color=alt.Color("kind:N", title=None, sort=kinds, scale=alt.Scale(domain=kinds, range=[OKABE_ITO[5], OKABE_ITO[0]]),
                        legend=legend(None, columns=2, labelLimit=260)),
        tooltip=tip)
    # Each label goes on the side of its point with more room, and is cut short
    # (with an ellipsis) where even that side is too narrow: on a phone the plot is
    # under 400 px wide. The tooltip and the data table give every label whole.
    at = "scale('x', datum.when)"
    on_left = f"({at} > width - {at})"
    labels = base.mark_text(baseline="middle", fontSize=10.5, color="#333",
                            align={"expr": f"{on_left} ? 'right' : 'left'"}, dx={"expr": f"{on_left} ? -9 : 9"},
                            limit={"expr": f"{on_left} ? {at} - 12 : width - {at} - 12"}).encode(
        x=x, y=y, yOffset=nth, text="what:N", tooltip=tip)
    return (alt.layer(points, labels, title=title or alt.Undefined, description=description)
            .properties(width="container", height=16 * int(frame.groupby("track").size().sum()) + 24 * len(order)))
