"""Charts of agreements and of the 2020 war: how long each agreement held,
who mediated what, and the war day by day with its ceasefire attempts."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import EVENT_TYPE_LABELS, agreement_rows, event_rows


END_TYPE_LABELS = {
    "broke_down": "Broke down",
    "lapsed": "Lapsed",
    "superseded": "Superseded",
    "held": "Held",
    "in_force": "In force",
    "not_applicable": "Not a ceasefire",
}


def agreement_spans(agreements: pd.DataFrame, chapter: str | None = None, until: str = "2025-12-31",
                    title: str | None = None, description: str | None = None) -> alt.LayerChart:
    """Each agreement as a line from the day it took effect to the day it broke down,
    lapsed or was superseded; an open arrow-less line to `until` if it held."""
    rows = agreement_rows(agreements, chapter)
    rows["start"] = rows["date_effective"].fillna(rows["date_signed"])
    open_end = rows["date_ended"].isna()
    rows["end"] = rows["date_ended"].fillna(pd.Timestamp(until))
    rows["days"] = (rows["end"] - rows["start"]).dt.days
    rows["held_for"] = [
        ("still in force or held at " + until if is_open else f"{d} day{'s' if d != 1 else ''}")
        for d, is_open in zip(rows["days"], open_end)]
    rows["end_label"] = rows["end_type"].map(END_TYPE_LABELS)
    order = list(rows.sort_values("start")["short_name"])
    description = description or (
        f"How long each of {len(rows)} agreements held, from the day it took effect to the day it broke down, "
        "lapsed or was superseded; colour shows how it ended. Hover a line for dates and outcome.")
    base = alt.Chart(rows, description=description)
    tooltip = [
        alt.Tooltip("name:N", title="Agreement"),
        alt.Tooltip("date:N", title="Signed"),
        alt.Tooltip("effective:N", title="In effect from"),
        alt.Tooltip("ended:N", title="Ended"),
        alt.Tooltip("held_for:N", title="Held for"),
        alt.Tooltip("end_label:N", title="How it ended"),
        alt.Tooltip("mediators_text:N", title="Mediators"),
        alt.Tooltip("outcome:N", title="Outcome"),
    ]
    y = alt.Y("short_name:N", title=None, sort=order)
    color = alt.Color("end_label:N", title="How it ended", sort=list(END_TYPE_LABELS.values()))
    spans = base.mark_rule(strokeWidth=4, opacity=0.8).encode(
        x=alt.X("start:T", title="Date"), x2="end:T", y=y, color=color, tooltip=tooltip)
    starts = base.mark_point(filled=True, size=60).encode(x="start:T", y=y, color=color, tooltip=tooltip)
    return (alt.layer(spans, starts, title=title or alt.Undefined)
            .properties(width="container", height=22 * max(len(rows), 4)))


def mediation_chart(agreements: pd.DataFrame, chapter: str | None = None, title: str | None = None,
                    description: str | None = None) -> alt.Chart:
    """Who mediated what: one row per mediator or witness, one point per agreement."""
    rows = agreement_rows(agreements, chapter)
    long = []
    for _, row in rows.iterrows():
        roles = [("mediator", m) for m in row["mediators"]] + [("witness", w) for w in row["witnesses"]]
        for role, who in roles or [("no third party", "(no third party)")]:
            long.append({**row.to_dict(), "third_party": who, "role": role})
    frame = pd.DataFrame(long)
    order = list(frame["third_party"].value_counts().index)
    description = description or (
        f"Third parties to {len(rows)} agreements: one row per mediator or witness, one point per agreement "
        "at its date of signature; shape shows whether the third party mediated or witnessed.")
    return (
        alt.Chart(frame[["third_party", "role", "date_signed", "date", "name", "parties_text", "process_label"]],
                  title=title or alt.Undefined, description=description)
        .mark_point(filled=True, size=90, opacity=0.85)
        .encode(
            x=alt.X("date_signed:T", title="Date signed"),
            y=alt.Y("third_party:N", title=None, sort=order),
            shape=alt.Shape("role:N", title="Role"),
            color=alt.Color("role:N", title="Role"),
            tooltip=[
                alt.Tooltip("name:N", title="Agreement"),
                alt.Tooltip("date:N", title="Signed"),
                alt.Tooltip("third_party:N", title="Third party"),
                alt.Tooltip("role:N", title="Role"),
                alt.Tooltip("parties_text:N", title="Parties"),
            ],
        )
        .properties(width="container", height=26 * max(len(order), 4))
    )


def war_timeline(events: pd.DataFrame, agreements: pd.DataFrame, start: str = "2020-09-27",
                 end: str = "2020-11-10", title: str | None = None, description: str | None = None):
    """The war day by day: events by type, and each ceasefire attempt as a band
    from the moment it was to take effect to the day it broke down."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    rows = event_rows(events)
    rows = rows[(rows["date_start"] >= first) & (rows["date_start"] <= last + pd.Timedelta(days=1))]
    truces = agreement_rows(agreements)
    truces = truces[(truces["process"] == "karabakh") & (truces["stage"] == "ceasefire")
                    & (truces["date_signed"] >= first) & (truces["date_signed"] <= last)].copy()
    truces["start"] = truces["date_effective"].fillna(truces["date_signed"])
    truces["end"] = truces["date_ended"].fillna(last + pd.Timedelta(days=1))
    truces["held"] = [
        f"{(e - s).days} day(s)" if not pd.isna(d) else "held"
        for s, e, d in zip(truces["start"], truces["end"], truces["date_ended"])]
    description = description or (
        f"The war from {start} to {end}, day by day: {len(rows)} events as points by type, and "
        f"{len(truces)} ceasefire attempts as shaded bands from the day each was to take effect to the day it broke down.")
    x = alt.X("date_start:T", title="Date (2020)", scale=alt.Scale(domain=[start, (last + pd.Timedelta(days=1)).strftime("%Y-%m-%d")]),
              axis=alt.Axis(format="%d %b", tickCount=12))
    bands = (
        alt.Chart(truces[["short_name", "name", "start", "end", "date", "effective", "ended", "held", "mediators_text"]])
        .mark_rect(opacity=0.25, color="#009E73")
        .encode(
            x=alt.X("start:T"), x2="end:T",
            tooltip=[alt.Tooltip("name:N", title="Ceasefire"), alt.Tooltip("effective:N", title="To take effect"),
                     alt.Tooltip("ended:N", title="Broke down"), alt.Tooltip("held:N", title="Held for"),
                     alt.Tooltip("mediators_text:N", title="Brokered by")]))
    labels = (
        alt.Chart(truces[["short_name", "start"]])
        .mark_text(align="left", baseline="top", dx=3, dy=3, fontSize=11, color="#00573f")
        .encode(x="start:T", y=alt.value(0), text="short_name:N"))
    types = [label for label in EVENT_TYPE_LABELS.values() if label in set(rows["type"])]
    points = (
        alt.Chart(rows)
        .mark_circle(size=90, opacity=0.9, stroke="white", strokeWidth=0.5)
        .encode(
            x=x, y=alt.Y("type:N", title=None, sort=types),
            color=alt.Color("type:N", legend=None, sort=types),
            tooltip=[alt.Tooltip("title:N", title="Event"), alt.Tooltip("date:N", title="Date"),
                     alt.Tooltip("description:N", title="What happened"), alt.Tooltip("actors_text:N", title="Actors"),
                     alt.Tooltip("disagreement:N", title="Where sources differ"),
                     alt.Tooltip("sources:N", title="Sources")]))
    return (alt.layer(bands, labels, points, title=title or alt.Undefined, description=description)
            .properties(width="container", height=40 * max(len(types), 4)))
