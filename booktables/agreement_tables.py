"""Readable tables of agreements, ceasefire attempts, mediators and provisions,
for the chapters on the 1991–94 ceasefires and on the 2020 war.

Every function returns ``IPython.display.Markdown``: a MyST pipe table, escaped
cell by cell (see ``compare.escape``), in a ``{table}`` directive that sets
its column widths and, given a caption, numbers it so that the prose can refer
to it with ``{numref}``. The only markup the functions add themselves is the
``{cite:p}`` role of the line under a table that cites the sources of its rows,
built from the ``bibtex_key`` column of ``sources``, whose schema pattern admits
no character that could break out of the role (and which is checked again here).

Chapters import it in their preamble cell::

    from booktables import agreement_tables as at
"""
from __future__ import annotations

import re

import pandas as pd
from IPython.display import Markdown

from .agreement_charts import THIRD_PARTY_ORDER, duration_rows, third_party_rows, truce_rows
from .compare import escape
from .tables import table_directive

_SAFE_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_:-]*$")

PROVISION_TOPICS = {
    "ceasefire": "Ceasefire",
    "positions": "Positions",
    "peacekeeping": "Russian contingent",
    "withdrawal": "Districts and withdrawal",
    "corridor": "Lachin corridor",
    "displaced_persons": "Displaced persons",
    "prisoners": "Prisoners and the dead",
    "transport": "Transport links",
    "monitoring": "Monitoring",
}


def _date(value) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _joined(values) -> str:
    if isinstance(values, list):
        return "; ".join(values)
    return "" if values is None or (not isinstance(values, str) and pd.isna(values)) else str(values)


def citations(source_ids, sources: pd.DataFrame) -> str:
    """A ``{cite:p}`` role for a list of source ids (empty if none)."""
    keys = dict(zip(sources["id"], sources["bibtex_key"]))
    chosen = [keys[i] for i in (source_ids or []) if i in keys and _SAFE_KEY.match(str(keys[i]))]
    return "{cite:p}`" + ",".join(dict.fromkeys(chosen)) + "`" if chosen else ""


def sources_note(source_id_lists, sources: pd.DataFrame) -> str:
    """One line citing every source behind a table's rows, in order of first use."""
    ids = list(dict.fromkeys(i for ids in source_id_lists for i in (ids or [])))
    cite = citations(ids, sources)
    return f"*Sources of the rows:* {cite}." if cite else ""


def pipe_table(rows: list[list[str]], headers: list[str], caption: str | None = None,
               name: str | None = None, note: str = "", widths: list[int] | None = None) -> Markdown:
    """A pipe table of already escaped cells in a ``{table}`` directive
    (see ``tables.table_directive``); ``note`` (already MyST) is a paragraph under it."""
    lines = ["| " + " | ".join(escape(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |" for row in rows]
    tail = ["", note] if note else []
    return Markdown("\n".join([table_directive(lines, caption, name, widths)] + tail))


def _ended_cell(row) -> str:
    """How an agreement ended and after how long, in one short phrase."""
    if row["end_type"] == "not_applicable":
        return "not a ceasefire (no duration)"
    if pd.isna(row["date_ended"]):
        coded = {"broke_down": "broke down", "lapsed": "lapsed", "superseded": "superseded"}.get(
            row["end_type"], row["end_type"])
        return escape(f"{coded}; the day is not recorded")
    label = row["status"].lower()
    days = int(row["days"])
    after = {0: "the same day", 1: "after 1 day"}.get(days, f"after {days:,} days")
    return escape(f"{label} {_date(row['date_ended'])}, {after}")


def agreements_table(agreements: pd.DataFrame, sources: pd.DataFrame, chapter: str | None = None,
                     process: str | None = "karabakh", start: str | None = None, end: str | None = None,
                     caption: str | None = None, name: str | None = None) -> Markdown:
    """The agreements, one row each in the order they took effect: when, what
    (short name, kind, PA-X id), parties, third parties, how and when it ended;
    a line under the table cites the sources behind its rows. The full name and the outcome note of each
    agreement are in ``agreement_notes``."""
    rows = duration_rows(agreements, chapter, process, start, end)
    body = []
    for _, r in rows.iterrows():
        signed = _date(r["date_signed"])
        effective = _date(r["date_effective"])
        when = signed if not effective or effective == signed else f"{signed}, in effect {effective}"
        what = f"**{escape(r['short_name'])}**, {escape(r['kind'])}"
        if r["pax"]:
            what += f" ({escape(r['pax'])})"
        third = _joined(r["mediators"])
        if r["witnesses"]:
            third = (third + "; " if third else "") + "witness or copied: " + _joined(r["witnesses"])
        body.append([
            escape(when),
            what,
            escape(_joined(r["parties"])),
            escape(third) or "none named",
            _ended_cell(r),
        ])
    headers = ["Signed", "Agreement", "Parties", "Third parties", "How it ended"]
    return pipe_table(body, headers, caption, name, sources_note(rows["source_ids"], sources),
                      widths=[14, 25, 21, 22, 18])


def agreement_notes(agreements: pd.DataFrame, chapter: str | None = None, process: str | None = "karabakh",
                    start: str | None = None, end: str | None = None,
                    title: str = "What happened to each agreement") -> Markdown:
    """The ``outcome`` note of each agreement as a definition list: in a closed
    dropdown on the web page, under a plain heading in the PDF."""
    rows = duration_rows(agreements, chapter, process, start, end)
    items = []
    for _, r in rows.iterrows():
        items += [f"{escape(r['short_name'])} ({escape(_date(r['date_signed']))})",
                  f": *{escape(r['name'])}.* {escape(r['outcome'])}", ""]
    web = ["::::{only} html", ":::{dropdown} " + escape(title), "", *items, ":::", "::::"]
    pdf = ["::::{only} latex", f"**{escape(title)}**", "", *items, "::::"]
    return Markdown("\n".join(web + [""] + pdf))


def mediator_summary(agreements: pd.DataFrame, chapter: str | None = None, process: str | None = "karabakh",
                     start: str | None = None, end: str | None = None,
                     exclude_kinds: tuple[str, ...] = ("resolution", "decision"), caption: str | None = None,
                     name: str | None = None) -> Markdown:
    """Per state or body: how many agreements it mediated, witnessed or was copied
    on, between which dates, and which (the same grouping as ``mediation_chart``)."""
    chosen = agreements[~agreements["kind"].isin(exclude_kinds)]
    long = third_party_rows(chosen, chapter, process, start, end)
    body = []
    for actor in [a for a in THIRD_PARTY_ORDER if a in set(long["actor"])]:
        mine = long[long["actor"] == actor].sort_values("date_signed")
        by_role = mine.groupby("role")["id"].nunique()
        roles = ", ".join(f"{n} as {role}" for role, n in by_role.items())
        body.append([
            f"**{escape(actor)}**",
            escape(str(mine["id"].nunique())),
            escape(roles),
            escape(_date(mine["date_signed"].min())),
            escape(_date(mine["date_signed"].max())),
            escape("; ".join(dict.fromkeys(mine["short_name"]))),
        ])
    headers = ["Third party", "Agreements", "Role", "First", "Last", "Which"]
    return pipe_table(body, headers, caption, name, widths=[16, 10, 14, 14, 14, 32])


def truces_table(agreements: pd.DataFrame, sources: pd.DataFrame, start: str, end: str,
                 caption: str | None = None, name: str | None = None) -> Markdown:
    """The ceasefire attempts of a window, numbered as in ``war_timeline``: who
    agreed or brokered each, when it was to take effect, when it broke down."""
    truces = truce_rows(agreements, start, end)
    body = []
    for _, t in truces.iterrows():
        third = _joined(t["mediators"]) or "none named in the data"
        body.append([
            escape(t["number"]),
            f"**{escape(t['short_name'])}** ({escape(t['pax']) or 'not in PA-X'})",
            escape(_date(t["date_signed"])),
            escape(_joined(t["parties"])),
            escape(third),
            escape(_date(t["start"])),
            escape(_date(t["date_ended"])) or "not recorded",
            escape(t["held"] if pd.notna(t["days"]) and t["days"] <= 1 else t["held_for"]),
        ])
    headers = ["#", "Ceasefire attempt", "Agreed", "Parties", "Brokered by", "To take effect", "Broke down",
               "How long it held"]
    return pipe_table(body, headers, caption, name, sources_note(truces["source_ids"], sources),
                      widths=[4, 17, 14, 13, 12, 14, 14, 12])


def provisions_table(provisions: pd.DataFrame, agreement_id: str, sources: pd.DataFrame | None = None,
                     caption: str | None = None, name: str | None = None) -> Markdown:
    """An agreement point by point: what each point provides, who must act, by when."""
    chosen = provisions[provisions["agreement_id"] == agreement_id].sort_values(["point", "id"])
    if chosen.empty:
        raise ValueError(f"no provisions for agreement {agreement_id!r}")
    body = []
    for _, p in chosen.iterrows():
        deadline = _date(p["deadline"])
        note = p["deadline_note"] if isinstance(p["deadline_note"], str) else ""
        row = [
            escape(str(int(p["point"]))),
            escape(PROVISION_TOPICS.get(p["topic"], p["topic"])),
            escape(p["provision"]),
            escape(_joined(p["who"])),
            f"**{escape(deadline)}**" if deadline else "no date set",
            escape(note),
        ]
        body.append(row)
    headers = ["Point", "Topic", "What it provides", "Who", "By when", "Note on the date"]
    note = sources_note(chosen["source_ids"], sources) if sources is not None else ""
    return pipe_table(body, headers, caption, name, note, widths=[7, 13, 28, 12, 14, 26])
