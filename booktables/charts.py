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
        .mark_circle(size=90, opacity=0.85, stroke="white", strokeWidth=0.5)
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
    rows["points"] = rows["n_points"].map(lambda v: "" if pd.isna(v) else str(int(v)))
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
                alt.Tooltip("points:N", title="Points"),
                alt.Tooltip("outcome:N", title="Outcome"),
                alt.Tooltip("pax:N", title="PA-X"),
            ],
        )
        .properties(width="container", height=44 * max(len(stages), 3))
    )


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


RELATION_ORDER = ["cooperative", "mixed", "confrontational"]
THEATRE_LABELS = {"south_caucasus": "South Caucasus", "syria": "Syria", "libya": "Libya",
                  "black_sea_ukraine": "Black Sea and Ukraine", "bilateral": "Bilateral"}


def cooperation_over_time(events: pd.DataFrame, title: str | None = None, description: str | None = None):
    """Turkish–Russian events coded cooperative, mixed or confrontational, over time, by theatre."""
    rows = events[events["turkey_russia"].notna()].copy()
    flat = event_rows(rows)
    flat["relation"] = rows.set_index("id").loc[flat["id"], "turkey_russia"].to_numpy()
    flat["theatre"] = rows.set_index("id").loc[flat["id"], "theatre"].map(THEATRE_LABELS).to_numpy()
    description = description or (
        f"{len(flat)} events in Turkish–Russian relations from {flat['date'].min()} to {flat['date'].max()}, "
        "each coded cooperative, mixed or confrontational; colour and shape show the theatre.")
    return (
        alt.Chart(flat, title=title or alt.Undefined, description=description)
        .mark_point(filled=True, size=110, opacity=0.85)
        .encode(
            x=alt.X("date_start:T", title="Date"),
            y=alt.Y("relation:N", title=None, sort=RELATION_ORDER),
            color=alt.Color("theatre:N", title="Theatre"),
            shape=alt.Shape("theatre:N", title="Theatre"),
            tooltip=[alt.Tooltip("title:N", title="Event"), alt.Tooltip("date:N", title="Date"),
                     alt.Tooltip("relation:N", title="Coded as"), alt.Tooltip("theatre:N", title="Theatre"),
                     alt.Tooltip("description:N", title="What happened"), alt.Tooltip("sources:N", title="Sources")],
        )
        .properties(width="container", height=170)
    )


def short_source_label(sources: pd.DataFrame) -> dict[str, str]:
    """'Kuzio 2021', 'Eurasia Daily Monitor 2020': short names for chart axes."""
    labels = {}
    for row in sources.itertuples():
        year = "" if pd.isna(row.date) else f" {row.date.year}"
        if isinstance(row.authors, str) and row.authors:
            names = [a.split(",")[0].strip() for a in row.authors.split(";")]
            who = " & ".join(names[:2])
        else:
            who = (row.outlet or row.publisher).split(",")[0].split("(")[0].strip()
        labels[row.id] = f"{who}{year}" if year else f"{who} (n.d.)"
    return labels


def claims_matrix(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame, topics: pd.DataFrame,
                  title: str | None = None, description: str | None = None):
    """Sources × (question, stance): a mark where a source takes that stance, its quote in the tooltip."""
    labels = short_source_label(sources)
    stance_info = stances.set_index(["topic_id", "stance"])
    questions = topics.set_index("id")["question"]
    rows = claims.copy()
    rows["source"] = rows["source_id"].map(labels)
    rows["stance_label"] = [stance_info.loc[(t, s), "label"] for t, s in zip(rows["topic_id"], rows["stance"])]
    rows["stance_order"] = [int(stance_info.loc[(t, s), "order"]) for t, s in zip(rows["topic_id"], rows["stance"])]
    rows["question"] = rows["topic_id"].map(questions)
    topic_order = list(topics["id"])
    rows["row_label"] = rows["topic_id"] + " · " + rows["stance_label"]
    rows = rows.sort_values(["topic_id", "stance_order"], key=lambda c: c.map(topic_order.index) if c.name == "topic_id" else c)
    cell = (rows.groupby(["source", "row_label"], sort=False)
            .agg(n=("id", "size"), topic=("topic_id", "first"), question=("question", "first"),
                 stance=("stance_label", "first"), quote=("quote", "first"), locator=("locator", "first"),
                 voice=("voice", "first"), speaker=("speaker", lambda s: next((x for x in s if isinstance(x, str)), "")))
            .reset_index())
    row_order = list(dict.fromkeys(rows["row_label"]))
    source_order = [labels[s] for s in sources.dropna(subset=["seed_file"]).sort_values("seed_file")["id"]]
    description = description or (
        f"{len(rows)} coded claims from {rows['source_id'].nunique()} sources on {rows['topic_id'].nunique()} questions: "
        "a mark where a source takes a stance on a question; mark size counts its claims; hover for a quote.")
    return (
        alt.Chart(cell, title=title or alt.Undefined, description=description)
        .mark_circle(opacity=0.9)
        .encode(
            x=alt.X("source:N", title=None, sort=source_order, axis=alt.Axis(orient="top", labelAngle=0, labelLimit=160)),
            y=alt.Y("row_label:N", title=None, sort=row_order, axis=alt.Axis(labelLimit=340)),
            color=alt.Color("topic:N", title="Question", sort=topic_order, legend=None),
            size=alt.Size("n:Q", title="Claims", scale=alt.Scale(range=[80, 400]), legend=None),
            tooltip=[alt.Tooltip("source:N", title="Source"), alt.Tooltip("question:N", title="Question"),
                     alt.Tooltip("stance:N", title="Stance"), alt.Tooltip("n:Q", title="Claims"),
                     alt.Tooltip("quote:N", title="Quote"), alt.Tooltip("locator:N", title="Where"),
                     alt.Tooltip("voice:N", title="Voice"), alt.Tooltip("speaker:N", title="Speaker")],
        )
        .properties(width="container", height=18 * len(row_order))
    )
