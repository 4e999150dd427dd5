"""The book's tables (``bk.tables``): the corpus and the data package, the
agreements, the ceasefire attempts, the mediators, the provisions of a
statement, and the theatres of Turkish–Russian relations side by side.

Each returns ``IPython.display.Markdown``: a table escaped cell by cell, in a
``{table}`` directive that sets its column widths and, given a caption,
numbers it so that the prose can refer to it with ``{numref}``. The only
markup added here is the ``{cite:p}`` line under a table (``myst.cite``).
"""
from __future__ import annotations

import json
import re

import pandas as pd
from IPython.display import Markdown

from ..data import labels, paths
from ..data.loading import load_all
from ..rows.agreements import duration_rows, ended_phrase, third_party_rows, truce_rows
from ..rows.claims import scorecard_rows
from ..rows.common import date_text, iso, joined
from ..rows.sources import short_source_label, unilateral_counts
from .blocks import dropdown_or_heading, pipe_table, table_directive
from .cite import citations, sources_note
from .explorer import claims_explorer, events_explorer, place_names, places_table  # noqa: F401  (bk.tables.*)
from .text import escape

_TRAILING_YEAR = re.compile(r"\s*\([^()]*\d{4}\)$")


def _cell(value) -> str:
    if isinstance(value, pd.Timestamp):
        return iso(value)
    return escape(value)


def frame_table(frame: pd.DataFrame, columns: dict[str, str], widths: list[int] | None = None) -> Markdown:
    """A pipe table of the given columns of a frame, headed by their labels."""
    lines = ["| " + " | ".join(escape(label) for label in columns.values()) + " |",
             "|" + "---|" * len(columns)]
    for _, row in frame.iterrows():
        lines.append("| " + " | ".join(_cell(row[c]) for c in columns) + " |")
    return Markdown(table_directive(lines, widths=widths))


# --- The corpus and the data package --------------------------------------------------------

def corpus_table(sources: pd.DataFrame, claims: pd.DataFrame) -> Markdown:
    """The five seed documents: the short name the book gives each, title,
    author, kind, outlet, country, date and coded claims."""
    seeds = sources.dropna(subset=["seed_file"]).copy()
    seeds["short"] = seeds["id"].map(short_source_label(sources))
    seeds["when"] = [date_text(d, p) or "not given" for d, p in zip(seeds["date"], seeds["date_precision"])]
    seeds["claims_coded"] = seeds["id"].map(claims["source_id"].value_counts()).fillna(0).astype(int).astype(str)
    # authors is a list column: a source with no named author has [], not NaN.
    seeds["by"] = seeds["authors"].map(lambda names: "; ".join(names) if names else "no author named")
    seeds = seeds.sort_values("seed_file")
    return frame_table(seeds, {"short": "Named in this book", "title": "Source", "by": "Author(s)", "kind": "Kind",
                               "outlet": "Outlet", "publisher_country": "Publisher's country", "when": "Date",
                               "claims_coded": "Claims coded"},
                       widths=[12, 22, 12, 10, 16, 10, 9, 9])


def party_balance_table(sources: pd.DataFrame, parties: pd.DataFrame, target: int = 6) -> Markdown:
    """For each of Armenia, Azerbaijan, Russia and Türkiye, how many of its own
    (unilateral) documents the book cites, against the target of ``target`` each;
    each row cites the documents it counts."""
    counts = unilateral_counts(sources, parties)
    counts["met"] = ["yes" if n >= target else f"no ({target - n} short)" for n in counts["documents"]]
    lines = [f"| Party | Its own documents cited | At least {target}? | The documents |", "|---|---|---|---|"]
    for row in counts.itertuples():
        lines.append(f"| {escape(row.label)} | {row.documents} | {escape(row.met)} | "
                     f"{citations(row.ids, sources) or 'none'} |")
    return Markdown(table_directive(lines, widths=[16, 14, 14, 56]))


def data_package_table() -> Markdown:
    """Every table of the data package, with a download link, rows and description."""
    descriptor = json.loads((paths.DATA_DIR / paths.DESCRIPTOR).read_text(encoding="utf-8"))
    frames = load_all()
    lines = ["| Table | Rows | Columns | What it holds |", "|---|---|---|---|",
             f"| {{download}}`{paths.DESCRIPTOR} <data/{paths.DESCRIPTOR}>` | | | "
             "The schema of every table (Frictionless Data Package); the data package above holds it with every table |"]
    for res in descriptor["resources"]:
        frame = frames[res["name"]]
        lines.append(f"| {{download}}`{res['path']} <data/{res['path']}>` | {len(frame)} | "
                     f"{len(res['schema']['fields'])} | {escape(res.get('title', ''))} |")
    return Markdown(table_directive(lines, widths=[28, 8, 10, 54]))


def vocabulary_table(name: str, caption: str | None = None) -> Markdown:
    """A coding table of data/ (``x-coding``) as readers need it: code, label, meaning."""
    table = labels.vocabulary(name)
    body = [[f"`{code}`" if re.fullmatch(r"[a-z0-9_-]+", code) else escape(code), escape(label), escape(meaning)]
            for code, label, meaning in zip(table["id"], table["label"], table["description"])]
    return pipe_table(body, ["Code", "Label", "What it means"], caption or f"The codes of {name}.csv",
                      f"tbl-vocabulary-{name.replace('_', '-')}", widths=[30, 18, 52])


# --- Agreements, ceasefire attempts, mediators, provisions ----------------------------------

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
        signed = iso(r["date_signed"])
        effective = iso(r["date_effective"])
        when = signed if not effective or effective == signed else f"{signed}, in effect {effective}"
        what = f"**{escape(r['short_name'])}**, {escape(r['kind'])}"
        if r["pax"]:
            what += f" ({escape(r['pax'])})"
        third = joined(r["mediators"])
        if r["witnesses"]:
            third = (third + "; " if third else "") + "witness or copied: " + joined(r["witnesses"])
        body.append([
            escape(when),
            what,
            escape(joined(r["parties"])),
            escape(third) or "none named",
            escape(ended_phrase(r)),
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
        items += [f"{escape(r['short_name'])} ({escape(iso(r['date_signed']))})",
                  f": *{escape(r['name'])}.* {escape(r['outcome'])}", ""]
    return dropdown_or_heading(title, items)


def mediator_summary(agreements: pd.DataFrame, chapter: str | None = None, process: str | None = "karabakh",
                     start: str | None = None, end: str | None = None,
                     exclude_kinds: tuple[str, ...] = ("resolution", "decision"), caption: str | None = None,
                     name: str | None = None) -> Markdown:
    """Per state or body: how many agreements it mediated, witnessed or was copied
    on, between which dates, and which (the same grouping as ``mediation_chart``)."""
    chosen = agreements[~agreements["kind"].isin(exclude_kinds)]
    long = third_party_rows(chosen, chapter, process, start, end)
    body = []
    for actor in [a for a in labels.label_order("third_parties") if a in set(long["actor"])]:
        mine = long[long["actor"] == actor].sort_values("date_signed")
        by_role = mine.groupby("role")["id"].nunique()
        roles = ", ".join(f"{n} as {role}" for role, n in by_role.items())
        body.append([
            f"**{escape(actor)}**",
            escape(str(mine["id"].nunique())),
            escape(roles),
            escape(iso(mine["date_signed"].min())),
            escape(iso(mine["date_signed"].max())),
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
        third = joined(t["mediators"]) or "none named in the data"
        body.append([
            escape(t["number"]),
            f"**{escape(t['short_name'])}** ({escape(t['pax']) or 'not in PA-X'})",
            escape(iso(t["date_signed"])),
            escape(joined(t["parties"])),
            escape(third),
            escape(iso(t["start"])),
            escape(iso(t["date_ended"])) or "not recorded",
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
    topics = labels.labels("provision_topics")
    body = []
    for _, p in chosen.iterrows():
        deadline = iso(p["deadline"])
        note = p["deadline_note"] if isinstance(p["deadline_note"], str) else ""
        row = [
            escape(str(int(p["point"]))),
            escape(topics[p["topic"]]),
            escape(p["provision"]),
            escape(joined(p["who"])),
            f"**{escape(deadline)}**" if deadline else "no date set",
            escape(note),
        ]
        body.append(row)
    headers = ["Point", "Topic", "What it provides", "Who", "By when", "Note on the date"]
    note = sources_note(chosen["source_ids"], sources) if sources is not None else ""
    return pipe_table(body, headers, caption, name, note, widths=[7, 13, 28, 12, 14, 26])


# --- The sources' expectations against the later record -------------------------------------

def scorecard_table(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame, outcomes: pd.DataFrame,
                    caption: str | None = None, name: str | None = None) -> Markdown:
    """One row per seed source, one column per scored question: the readings the
    source gives, each with the verdict outcomes.csv gives it against the record
    up to 2025, and whose words carry it where it is not the author's own."""
    rows = scorecard_rows(claims, sources, stances, outcomes)
    questions = list(dict.fromkeys(rows["question"]))
    body = []
    for source, mine in rows.groupby("source", sort=False):
        cells = [f"**{escape(source)}**"]
        for question in questions:
            readings = mine[mine["question"] == question]
            cells.append("; ".join(
                f"{escape(r.reading)}: **{escape(r.verdict)}**"
                + ("" if r.whose == labels.labels("voices")["author"] else f" \\[{escape(r.whose.lower())}\\]")
                for r in readings.itertuples()) or "no claim coded")
        body.append(cells)
    width = 88 // len(questions)
    return pipe_table(body, ["Source", *questions], caption, name, widths=[12] + [width] * len(questions))


def verdicts_table(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame, outcomes: pd.DataFrame,
                   events: pd.DataFrame, caption: str | None = None, name: str | None = None) -> Markdown:
    """Each reading that a seed source gives on a scored question, once: its
    verdict, why, and the events of the record it rests on (dated)."""
    rows = scorecard_rows(claims, sources, stances, outcomes).sort_values(["topic_rank", "verdict_order", "reading"])
    info = events.set_index("id")
    body = []
    for (_, reading), group in rows.groupby(["topic_rank", "reading"], sort=False):
        r = group.iloc[0]
        evidence = "; ".join(f"{iso(info.loc[e, 'date_start'])}: {info.loc[e, 'title']}" for e in r["evidence"])
        body.append([escape(r["question"]), escape(reading), f"**{escape(r['verdict'])}**",
                     escape("; ".join(group["source"])), escape(r["reasoning"]), escape(evidence) or "none"])
    headers = ["Question", "Reading", "Verdict (to 2025)", "Given by", "Why", "Events it rests on"]
    return pipe_table(body, headers, caption, name, widths=[11, 14, 10, 13, 30, 22])


# --- The theatres of Turkish–Russian relations ---------------------------------------------

THEATRE_ROWS = [
    ("period", "Years"),
    ("turkey_backed", "Turkey backed"),
    ("russia_backed", "Russia backed"),
    ("deals", "Deals Turkey and Russia struck or joined"),
    ("mechanism", "Mechanism that came out of them"),
    ("outcome", "What became of it"),
    ("seeds", "How the five sources read it"),
]


def theatre_rows(theatres: pd.DataFrame, agreements: pd.DataFrame, claims: pd.DataFrame,
                 sources: pd.DataFrame, stances: pd.DataFrame, theatre_ids: list[str] | None = None) -> list[dict]:
    """One dict per theatre with the cells of the side-by-side table, escaped."""
    short = short_source_label(sources)
    deals = agreements.set_index("id")
    claim_info = claims.set_index("id")
    stance_label = stances.set_index(["topic_id", "stance"])["label"]
    chosen = theatres.set_index("id").loc[theatre_ids] if theatre_ids else theatres.set_index("id")
    out = []
    for theatre_id, t in chosen.iterrows():
        deal_text = "; ".join(
            f"{escape(_TRAILING_YEAR.sub('', deals.loc[a, 'short_name']))}, "
            f"{escape(date_text(deals.loc[a, 'date_signed'], style='short'))}"
            for a in sorted(t["agreement_ids"], key=lambda a: deals.loc[a, "date_signed"]))
        readings: dict[str, list[str]] = {}
        for c in t["claim_ids"]:
            claim = claim_info.loc[c]
            label = escape(stance_label.loc[(claim["topic_id"], claim["stance"])])
            mine = readings.setdefault(escape(short[claim["source_id"]]), [])
            if label not in mine:
                mine.append(label)
        seeds = [f"*{who}*: {'; '.join(said)}" for who, said in readings.items()]
        out.append({
            "id": theatre_id, "name": escape(t["name"]), "period": escape(t["period"]),
            "turkey_backed": escape(t["turkey_backed"]), "russia_backed": escape(t["russia_backed"]),
            "deals": deal_text or "None", "mechanism": escape(t["mechanism"]), "outcome": escape(t["outcome"]),
            "seeds": ". ".join(seeds) or "No coded claim",
        })
    return out


def theatre_table(theatres: pd.DataFrame, agreements: pd.DataFrame, claims: pd.DataFrame,
                  sources: pd.DataFrame, stances: pd.DataFrame, theatre_ids: list[str] | None = None) -> Markdown:
    """The theatres side by side: one column per theatre, one row per question
    (who backed whom, the deals, the mechanism, its fate, the sources' readings).
    A list-table, so that HTML and LaTeX get the same aligned comparison."""
    rows = theatre_rows(theatres, agreements, claims, sources, stances, theatre_ids)
    width = (100 - 16) // max(len(rows), 1)
    out = ["```{list-table}", ":header-rows: 1", ":stub-columns: 1",
           f":widths: 16 {' '.join([str(width)] * len(rows))}", ":class: theatre-table longtable", "",
           "* - Theatre"] + [f"  - {r['name']}" for r in rows]
    for key, heading in THEATRE_ROWS:
        out.append(f"* - {heading}")
        out += [f"  - {r[key]}" if r[key] else "  - —" for r in rows]
    out.append("```")
    return Markdown("\n".join(out))
