"""The explorer's rows: every coded claim and every event, flat, labelled, with
the stable anchor each has on the explorer page."""
from __future__ import annotations

import pandas as pd

from ..data import labels
from .common import date_text, joined
from .places import claim_anchor, event_anchor
from .sources import short_source_label


def claim_rows(claims: pd.DataFrame, sources: pd.DataFrame, topics: pd.DataFrame, stances: pd.DataFrame) -> pd.DataFrame:
    short = short_source_label(sources)
    topic = topics.set_index("id")["short"]
    stance = {(t, s): label for t, s, label in zip(stances["topic_id"], stances["stance"], stances["label"])}
    voices = labels.labels("voices")
    return pd.DataFrame({
        "anchor": claims["id"].map(claim_anchor), "id": claims["id"],
        "source": claims["source_id"].map(lambda s: short.get(s, s)),
        "topic": claims["topic_id"].map(topic),
        "stance": [stance.get((t, s), s) for t, s in zip(claims["topic_id"], claims["stance"])],
        "voice": claims["voice"].map(voices),
        "speaker": claims["speaker"].fillna(""),
        "quote": claims["quote"], "locator": claims["locator"], "paraphrase": claims["paraphrase"],
    }).reset_index(drop=True)


def event_rows(events: pd.DataFrame, places: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    short = short_source_label(sources)
    names = places.set_index("id")["name_en"]
    rows = events.sort_values("date_start", kind="stable")
    return pd.DataFrame({
        "anchor": rows["id"].map(event_anchor), "id": rows["id"],
        "date": [date_text(d, p) for d, p in zip(rows["date_start"], rows["date_precision"])],
        "year": rows["date_start"].dt.year.astype(str),
        "type": rows["event_type"].map(labels.labels("event_types")),
        "theatre": rows["theatre"].map(labels.labels("theatre_codes")).fillna(""),
        "relation": rows["turkey_russia"].map(labels.labels("relations")).fillna(""),
        "title": rows["title"], "parties": rows["actors"].map(joined),
        "place": rows["place_ids"].map(lambda ids: "; ".join(names.get(i, i) for i in ids or [])),
        "chapters": rows["chapters"].map(joined),
        "sources": rows["source_ids"].map(lambda ids: "; ".join(short.get(i, i) for i in ids)),
    }).reset_index(drop=True)
