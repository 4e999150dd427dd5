"""Agreements as rows: when each started, how long it held, how it ended, and
who stood beside the parties.

The rules, written here once:

* An agreement "starts" on the day it was to take effect (``date_effective``)
  or, where the data give none, on the day it was signed (``date_signed``).
* Its duration counts whole days from that start to ``date_ended``: a truce that
  broke down on the day it took effect held 0 days, one that broke down the
  next day held 1 day.
* An agreement whose ``end_type`` says it ended (``ended`` in end_types.csv) but
  whose ``date_ended`` is empty is "ended, day not recorded": it is never shown
  as if it were still holding.
* Resolutions, decisions and declarations (``end_type`` = ``not_applicable``)
  have no duration.
"""
from __future__ import annotations

import re

import pandas as pd

from ..data import labels
from ..data.loading import load
from .common import iso, joined, select

NOT_RECORDED = "Ended, day not recorded"
NOT_RECORDED_CODE = "not_recorded"


def start_dates(agreements: pd.DataFrame) -> pd.Series:
    """The day each agreement started: in effect from, else signed."""
    return agreements["date_effective"].fillna(agreements["date_signed"])


def ended_codes() -> set[str]:
    """The end types that mean the agreement ended (end_types.csv, ``ended``)."""
    table = labels.vocabulary("end_types")
    return set(table.loc[table["ended"].astype(bool), "id"])


def status_order() -> list[str]:
    """Status labels as legends list them: the ways of ending, then "day not
    recorded", then the rest, each group in the order of end_types.csv."""
    table = labels.vocabulary("end_types")
    ended = list(table.loc[table["ended"].astype(bool), "label"])
    rest = list(table.loc[~table["ended"].astype(bool), "label"])
    return ended + [NOT_RECORDED] + rest


def status_codes() -> dict[str, str]:
    """{status label: code}, the key the chart palette is written against."""
    return {**{label: code for code, label in labels.labels("end_types").items()}, NOT_RECORDED: NOT_RECORDED_CODE}


def agreement_rows(agreements: pd.DataFrame, chapter: str | None = None) -> pd.DataFrame:
    """The agreements as flat rows: dates as text, lists joined, labels added."""
    rows = select(agreements, chapter).copy()
    rows["date"] = rows["date_signed"].map(iso)
    rows["effective"] = rows["date_effective"].map(iso)
    rows["ended"] = rows["date_ended"].map(iso)
    rows["process_label"] = rows["process"].map(labels.labels("processes"))
    for column in ("parties", "mediators", "witnesses", "source_ids"):
        rows[column + "_text"] = rows[column].map(joined)
    rows["pax"] = rows["pax_id"].map(lambda v: "" if pd.isna(v) else f"PA-X {int(v)}")
    return rows.sort_values("date_signed", kind="stable").reset_index(drop=True)


def held_phrase(days, end_type: str, ended) -> str:
    """How long an agreement held, in words, from the table's dates only."""
    if end_type == "not_applicable":
        return "no end applies: no duration"
    if pd.isna(ended):
        if end_type in ended_codes():
            return "ended, but the day is not recorded"
        return "still holding at the end of the data"
    days = int(days)
    if days == 0:
        return "broke down the day it took effect" if end_type == "broke_down" else "ended the day it took effect"
    if days == 1:
        return "1 day"
    text = f"{days:,} days"
    if days >= 730:
        text += f" (over {int(days // 365.25)} years)"
    return text


def ended_phrase(row) -> str:
    """How an agreement ended and after how long, in one short phrase
    ("broke down 1994-04-09, after 26 days"); ``row`` is a duration row."""
    if row["end_type"] == "not_applicable":
        return "no end applies (no duration)"
    if pd.isna(row["date_ended"]):
        return f"{labels.labels('end_types')[row['end_type']].lower()}; the day is not recorded"
    days = int(row["days"])
    after = {0: "the same day", 1: "after 1 day"}.get(days, f"after {days:,} days")
    return f"{row['status'].lower()} {iso(row['date_ended'])}, {after}"


def duration_rows(agreements: pd.DataFrame, chapter: str | None = None, process: str | None = "karabakh",
                  start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """One flat row per agreement: start, end, days held, status label, phrase.

    ``start``/``end`` select by date of signature (inclusive)."""
    rows = agreement_rows(select(agreements, chapter, start, end, on="date_signed"))
    if process is not None:
        rows = rows[rows["process"] == process]
    rows = rows.copy()
    end_labels = labels.labels("end_types")
    ended = ended_codes()
    rows["start"] = start_dates(rows)
    rows["days"] = (rows["date_ended"] - rows["start"]).dt.days.astype("Int64")
    rows["status"] = [NOT_RECORDED if (t in ended and pd.isna(e)) else end_labels[t]
                      for t, e in zip(rows["end_type"], rows["date_ended"])]
    rows["status_code"] = rows["status"].map(status_codes())
    rows["end_label"] = rows["end_type"].map(end_labels)
    rows["held_for"] = [held_phrase(d, t, e) for d, t, e in zip(rows["days"], rows["end_type"], rows["date_ended"])]
    rows["start_text"] = rows["start"].map(iso)
    rows["label"] = rows["short_name"]
    return rows.sort_values(["start", "date_signed"], kind="stable").reset_index(drop=True)


# --- Third parties --------------------------------------------------------------------------

NO_THIRD_PARTY = "none_named"
ROLE_ORDER = ["mediator", "witness", "copied", "parties only"]


def third_party_of(text: str) -> str:
    """The state or body (a third_parties.csv id) behind one named mediator or
    witness: the first rule of third_party_rules.csv whose pattern matches."""
    rules = load("third_party_rules").sort_values("rule")
    for pattern, actor in zip(rules["pattern"], rules["third_party_id"]):
        if re.search(pattern, text, flags=re.I):
            return actor
    return "other"


def third_party_rows(agreements: pd.DataFrame, chapter: str | None = None, process: str | None = "karabakh",
                     start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Long format: one row per (agreement, third party), with the role it played
    and the names as the agreement gives them; ``actor`` is the third party's label."""
    rows = duration_rows(agreements, chapter, process, start, end)
    names = labels.labels("third_parties")
    long = []
    for _, row in rows.iterrows():
        roles = [("mediator", m) for m in row["mediators"]] + [
            ("copied" if "copied" in w.lower() or "copy" in w.lower() else "witness", w) for w in row["witnesses"]]
        coded = [(role, who, third_party_of(who)) for role, who in roles] or [
            ("parties only", names[NO_THIRD_PARTY], NO_THIRD_PARTY)]
        seen = set()
        for role, _, actor in coded:
            if (actor, role) in seen:
                continue
            seen.add((actor, role))
            named = "; ".join(w for r, w, a in coded if r == role and a == actor)
            long.append({**row.to_dict(), "actor_id": actor, "actor": names[actor], "role": role, "named": named})
    frame = pd.DataFrame(long)
    # Marks that share a cell (one body as mediator and as witness) sit side by side.
    frame["nth"] = frame.groupby(["id", "actor"]).cumcount()
    frame["n_in_cell"] = frame.groupby(["id", "actor"])["role"].transform("size")
    frame["offset"] = (frame["nth"] - (frame["n_in_cell"] - 1) / 2) * 14
    return frame


# --- Ceasefire attempts in a window ---------------------------------------------------------

def _truce_phrase(days, ended, window_end) -> str:
    """Short words for how long a ceasefire attempt held, for a chart label."""
    if pd.isna(ended):
        return "no end recorded"
    if ended > window_end:
        return f"in force until {iso(ended)}"
    days = int(days)
    return {0: "broke down the same day", 1: "broke down the next day"}.get(days, f"held {days} days")


def truce_rows(agreements: pd.DataFrame, start: str, end: str, process: str = "karabakh") -> pd.DataFrame:
    """The ceasefire attempts (PA-X stage ceasefire or renewal) signed in a window,
    numbered in order, with how long each held."""
    truces = duration_rows(agreements, process=process, start=start, end=end)
    truces = truces[truces["stage"].isin(["ceasefire", "renewal"])].sort_values("start", kind="stable")
    truces = truces.reset_index(drop=True)
    truces["number"] = (truces.index + 1).astype(str)
    truces["held"] = [_truce_phrase(d, e, pd.Timestamp(end)) for d, e in zip(truces["days"], truces["date_ended"])]
    return truces


# --- The arrangements Turkey and Russia made or joined ------------------------------------

def arrangement_rows(agreements: pd.DataFrame, processes: tuple[str, ...], extra_ids: tuple[str, ...]) -> pd.DataFrame:
    """Agreements of the given processes (and ``extra_ids``) in order of their start,
    each with a span where the table dates its end."""
    rows = agreements[agreements["process"].isin(processes) | agreements["id"].isin(extra_ids)].copy()
    rows["start"] = start_dates(rows)
    rows = rows.sort_values("start").reset_index(drop=True)
    rows["label"] = rows["short_name"].astype(str)
    rows["theatre"] = rows["process"].map(labels.labels("processes"))
    rows["span"] = rows["date_ended"].notna()
    rows["end"] = rows["date_ended"]
    rows["signed"] = rows["date_signed"].map(iso)
    rows["effective"] = rows["start"].map(iso)
    rows["ended"] = [iso(e) if s else "" for e, s in zip(rows["end"], rows["span"])]
    rows["how_ended"] = rows["end_type"].map(labels.labels("end_types")).str.lower()
    ended = ended_codes()
    rows["lasted"] = [
        f"{(e - s).days:,} days ({(e - s).days / 365.25:.1f} years)" if sp else
        ("not dated in the table" if t in ended else "no span: a one-off document")
        for s, e, sp, t in zip(rows["start"], rows["end"], rows["span"], rows["end_type"])]
    rows["terms"] = rows["peacekeeping_terms"].fillna("").astype(str)
    rows["outcome_text"] = rows["outcome"].astype(str)
    return rows
