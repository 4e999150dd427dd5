"""Charts of the comparative chapters: Turkish–Russian relations coded over
time, and the claims × sources matrix."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import event_rows


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
            place = row.outlet if isinstance(row.outlet, str) else row.publisher
            who = place.split(",")[0].split("(")[0].strip()
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
