"""Claims as rows: the claims × sources matrix, whose voices the claims carry,
and what the sources expected beside the later record."""
from __future__ import annotations

import pandas as pd

from ..data import labels
from ..data.loading import load
from .common import date_text
from .places import EXPLORER, claim_anchor
from .sources import seed_order, short_source_label

SEVERAL_VOICES = "Several voices"
RECORD = "Later record"
PRIMARY_RECORD = "Primary record"


def topic_short(topic_id: str, topics: pd.DataFrame | None = None) -> str:
    """The short name of a question (topics.csv, ``short``)."""
    topics = load("topics") if topics is None else topics
    match = topics.loc[topics["id"] == topic_id, "short"]
    return str(match.iloc[0]) if len(match) else topic_id


def row_labels(topic_ids: list[str], stances: pd.DataFrame, topics: pd.DataFrame) -> tuple[dict, list[str], list[str]]:
    """{(topic, stance): axis label}, the y domain (question headers, then their
    readings) and the headers, for charts with one row per reading."""
    out, domain, headers = {}, [], []
    used: set[str] = set()
    for topic in topic_ids:
        header = topic_short(topic, topics).upper()
        headers.append(header)
        domain.append(header)
        for row in stances[stances["topic_id"] == topic].sort_values("order").itertuples():
            label = str(row.label)
            if label in used or label in headers:  # the same label under two questions
                label = f"{label} ({topic_short(topic, topics)})"
            used.add(label)
            out[(topic, row.stance)] = label
            domain.append(label)
    return out, domain, headers


def voice_order() -> list[str]:
    """The voice labels in order, then "Several voices" for cells that mix them."""
    return labels.label_order("voices") + [SEVERAL_VOICES]


def _voice_of(voices: pd.Series) -> str:
    unique = list(dict.fromkeys(voices))
    return labels.labels("voices")[unique[0]] if len(unique) == 1 else SEVERAL_VOICES


def _quotes_text(quotes: pd.Series, locators: pd.Series, limit: int = 240) -> str:
    out = []
    for quote, locator in zip(quotes, locators):
        quote = str(quote)
        quote = quote if len(quote) <= limit else quote[:limit].rsplit(" ", 1)[0] + " …"
        out.append(f"“{quote}” ({locator})")
    return " / ".join(out)


def _speakers(names: pd.Series) -> str:
    return "; ".join(dict.fromkeys(x for x in names if x))


def matrix_cells(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame, topics: pd.DataFrame,
                 topic_ids: list[str] | None = None) -> tuple[pd.DataFrame, dict]:
    """One row per (seed source, reading) that has claims: how many, whose voice,
    the speakers and the quotes. Also returns the axes: source order, the reading
    domain, the question headers, the topics shown and the number of claims."""
    short = short_source_label(sources)
    seeds = seed_order(sources)
    present = set(claims["topic_id"])
    topic_ids = [t for t in (topic_ids or list(topics["id"])) if t in present]
    row_label, domain, headers = row_labels(topic_ids, stances, topics)
    rows = claims[claims["topic_id"].isin(topic_ids) & claims["source_id"].isin(seeds)].copy()
    rows["source"] = rows["source_id"].map(short)
    rows["reading"] = [row_label[(t, s)] for t, s in zip(rows["topic_id"], rows["stance"])]
    rows["speaker"] = rows["speaker"].fillna("")
    cell = (rows.groupby(["source_id", "topic_id", "stance"], sort=False)
            .agg(source=("source", "first"), reading=("reading", "first"), n=("id", "size"),
                 voice=("voice", _voice_of), speakers=("speaker", _speakers),
                 quotes=("quote", lambda q: _quotes_text(q, rows.loc[q.index, "locator"])),
                 ids=("id", "; ".join), first=("id", "first"))
            .reset_index())
    cell["question"] = cell["topic_id"].map(topics.set_index("id")["question"])
    # A click on a cell opens its (first) claim on the explorer page, from a chapter.
    cell["href"] = "../" + EXPLORER + "#" + cell["first"].map(claim_anchor)
    cell = cell[["source", "question", "reading", "n", "voice", "speakers", "quotes", "ids", "href"]]
    axes = {"sources": [short[s] for s in seeds], "domain": domain, "headers": headers,
            "topics": topic_ids, "claims": len(rows), "n_sources": rows["source_id"].nunique()}
    return cell, axes


def voice_counts(claims: pd.DataFrame, sources: pd.DataFrame) -> tuple[pd.DataFrame, list[str], int]:
    """Per seed source and voice: the number of claims and the speakers. Also the
    source order and the number of claims counted."""
    short = short_source_label(sources)
    seeds = seed_order(sources)
    rows = claims[claims["source_id"].isin(seeds)].copy()
    rows["speaker"] = rows["speaker"].fillna("")
    counts = (rows.groupby(["source_id", "voice"]).agg(n=("id", "size"), speakers=("speaker", _speakers))
              .reset_index())
    counts["source"] = counts["source_id"].map(short)
    counts["whose"] = counts["voice"].map(labels.labels("voices"))
    counts["voice_rank"] = counts["voice"].map(labels.column("voices", "order")).astype(int) - 1
    return counts[["source", "whose", "voice_rank", "n", "speakers"]], [short[s] for s in seeds], len(rows)


def expectations_frame(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame, topics: pd.DataFrame,
                       events: pd.DataFrame, topic_ids: tuple[str, ...]) -> tuple[pd.DataFrame, dict]:
    """What each dated seed source expected on ``topic_ids``, at its publication
    date, and the later events of later_record.csv, in one frame (``kind`` is
    expectation or record). Also returns the axes and what could not be placed."""
    short = short_source_label(sources)
    seeds = seed_order(sources)
    info = sources.set_index("id")
    row_label, domain, headers = row_labels(list(topic_ids), stances, topics)
    chosen = claims[claims["topic_id"].isin(topic_ids) & claims["source_id"].isin(seeds)]
    dated = chosen[chosen["source_id"].map(lambda s: not pd.isna(info.loc[s, "date"]))]
    undated = sorted({short[s] for s in chosen["source_id"]} - {short[s] for s in dated["source_id"]})

    def when(source_id: str) -> str:
        precision = info.loc[source_id, "date_precision"]
        only = "" if precision == "day" else f" ({precision} only)"
        return date_text(info.loc[source_id, "date"], precision, "long") + only

    expectations = pd.DataFrame({
        "kind": "expectation",
        "date": dated["source_id"].map(lambda s: info.loc[s, "date"]),
        "when": dated["source_id"].map(when),
        "who": dated["source_id"].map(short),
        "row": [row_label[(t, s)] for t, s in zip(dated["topic_id"], dated["stance"])],
        "words": [f"“{q}”" for q in dated["quote"]],
        "where": dated["locator"],
    })
    later = load("later_record").sort_values("order")
    later = later[later["event_id"].isin(set(events["id"]))]
    ev = events.set_index("id").loc[list(later["event_id"])]
    record = pd.DataFrame({
        "kind": "record",
        "date": ev["date_start"],
        "when": [date_text(d, p, "long") for d, p in zip(ev["date_start"], ev["date_precision"])],
        "who": PRIMARY_RECORD,
        "row": list(later["label"]),
        "words": ev["description"],
        "where": ev["source_ids"].map(lambda ids: "; ".join(ids)),
    })
    frame = pd.concat([expectations, record], ignore_index=True)
    record_header = RECORD.upper()
    axes = {"domain": domain + [record_header] + list(later["label"]), "headers": headers + [record_header],
            "who": [short[s] for s in seeds if short[s] in set(frame["who"])] + [PRIMARY_RECORD],
            "undated": undated, "n_dated": dated["source_id"].nunique()}
    return frame, axes


# --- Where the sources agree, and how their expectations fared ------------------------------

SCORED_TOPICS = ("cooperation_durability", "russia_motives", "turkey_role", "minsk_group", "settlement_outlook")
CAMP_KINDS = ["Shares the most common reading", "Takes only other readings", "No claim coded"]


def camps(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame, topics: pd.DataFrame) -> pd.DataFrame:
    """Per question and seed source: whether the source shares a reading that most
    sources give (the most common reading; where several tie, any of them), gives
    only other readings, or says nothing coded. One row per (question, source),
    with the readings it gives and the most common reading(s)."""
    short = short_source_label(sources)
    seeds = seed_order(sources)
    label = stances.set_index(["topic_id", "stance"])["label"]
    order = stances.set_index(["topic_id", "stance"])["order"]
    rows = []
    for topic in topics["id"]:
        mine = claims[(claims["topic_id"] == topic) & claims["source_id"].isin(seeds)]
        if mine.empty:
            continue
        by_source = mine.groupby("source_id")["stance"].agg(lambda s: set(s))
        counts = pd.Series([st for taken in by_source for st in taken]).value_counts()
        # The most common reading; where several tie, each of them is one. A reading
        # that only one source gives is no camp: then no source "shares" one.
        top = sorted(counts[counts == counts.max()].index, key=lambda st: order.loc[(topic, st)]) \
            if counts.max() >= 2 else []
        for source_id in seeds:
            taken = sorted(by_source.get(source_id, set()), key=lambda st: order.loc[(topic, st)])
            kind = CAMP_KINDS[2] if not taken else (CAMP_KINDS[0] if set(top) & set(taken) else CAMP_KINDS[1])
            rows.append({"topic_id": topic, "question": topic_short(topic, topics), "source": short[source_id],
                         "kind": kind, "largest": " / ".join(label.loc[(topic, st)] for st in top) or "none shared",
                         "tied": len(top), "camp_size": int(counts.max()), "speaking": len(by_source),
                         "readings": "; ".join(label.loc[(topic, st)] for st in taken)})
    return pd.DataFrame(rows)


def scorecard_rows(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame,
                   outcomes: pd.DataFrame, topic_ids: tuple[str, ...] = SCORED_TOPICS) -> pd.DataFrame:
    """Each seed source's readings of the scored questions, each with the verdict
    that outcomes.csv gives that reading, the reasoning and the events behind it.
    One row per (source, question, reading)."""
    short = short_source_label(sources)
    verdict_labels = labels.labels("verdicts")
    verdict_order = labels.column("verdicts", "order")
    stance_label = stances.set_index(["topic_id", "stance"])["label"]
    judged = outcomes.set_index(["topic_id", "stance"])
    seeds = seed_order(sources)
    chosen = claims[claims["topic_id"].isin(topic_ids) & claims["source_id"].isin(seeds)]
    pairs = chosen.drop_duplicates(["source_id", "topic_id", "stance"])
    voice_names = labels.labels("voices")
    voices = chosen.groupby(["source_id", "topic_id", "stance"])["voice"].agg(
        lambda v: "; ".join(voice_names[x] for x in dict.fromkeys(v)))
    rows = []
    for c in pairs.itertuples():
        if (c.topic_id, c.stance) not in judged.index:
            raise ValueError(f"outcomes.csv has no verdict for the reading {c.topic_id}/{c.stance}")
        outcome = judged.loc[(c.topic_id, c.stance)]
        rows.append({"source_id": c.source_id, "source": short[c.source_id], "topic_id": c.topic_id,
                     "question": topic_short(c.topic_id), "reading": stance_label.loc[(c.topic_id, c.stance)],
                     "whose": voices.loc[(c.source_id, c.topic_id, c.stance)],
                     "verdict_id": outcome["verdict"], "verdict": verdict_labels[outcome["verdict"]],
                     "verdict_order": int(verdict_order[outcome["verdict"]]), "reasoning": outcome["reasoning"],
                     "evidence": list(outcome["evidence_event_ids"])})
    frame = pd.DataFrame(rows)
    frame["source_rank"] = frame["source_id"].map({s: i for i, s in enumerate(seeds)})
    frame["topic_rank"] = frame["topic_id"].map({t: i for i, t in enumerate(topic_ids)})
    return frame.sort_values(["source_rank", "topic_rank", "verdict_order"]).reset_index(drop=True)
