"""Side-by-side comparisons for the chapters on Turkish–Russian cooperation and
on competing interpretations, emitted as MyST markdown.

* ``theatre_table``: Syria, Libya and the South Caucasus side by side (who backed
  whom, which deals were struck, which mechanism came out of them), from
  ``data/theatres.csv`` joined with agreements and claims.
* ``question_cards``: one card per seed document with its reading of one
  question, in its own words, with locators; a source that says nothing coded
  on the question gets a card saying so.
* ``stance_tabs``: one tab per reading of a question (for example each motive
  ascribed to Russia), with the sources that give that reading side by side.
* ``provenance_cards``: one card per seed document: authors, kind, outlet,
  publisher, country, date, claims coded (by voice) and perspective.

Each helper has a ``*_rows`` twin returning the same content as plain rows
(cells already escaped), so that it can be laid out as a two-column table where
grids and tabs cannot be drawn (the LaTeX/PDF edition). The Markdown helpers
attach that table themselves, in an ``only`` directive for LaTeX.

Every value from the data passes through ``compare.escape`` first: text in a CSV
never becomes markup or script.
"""
from __future__ import annotations

import re

import pandas as pd
from IPython.display import Markdown

from . import compare
from .compare import VOICE_LABELS, escape, parenthetical
from .comparison_charts import seed_order, short_source_label

_TRAILING_YEAR = re.compile(r"\s*\([^()]*\d{4}\)$")


def _date_text(source: pd.Series) -> str:
    if pd.isna(source["date"]):
        return "no date given"
    fmt = {"year": "%Y", "month": "%B %Y"}.get(source["date_precision"], "%d %B %Y")
    return source["date"].strftime(fmt).lstrip("0")


def _meta(source: pd.Series) -> str:
    return f"{escape(source['kind'])} · {escape(_date_text(source))}"


def _with_table(grid: str, rows: list[tuple[str, str]], headers: tuple[str, str]) -> Markdown:
    """The grid for HTML and the same rows as a two-column table for LaTeX."""
    return Markdown(compare.html_and_latex(grid, compare.two_column_table(rows, headers)))


# --- One question, one card per source ------------------------------------------------------

VOICE_TAGS = {"author": "The author's own words", "quoted_analyst": "Analyst quoted",
              "reported_official": "Official, as reported"}


def _voice_text(claim: dict) -> str:
    """'The author's own words', or 'Analyst quoted: <speaker>'."""
    voice = VOICE_TAGS.get(claim["voice"], VOICE_LABELS.get(claim["voice"], claim["voice"]))
    speaker = claim.get("speaker")
    if isinstance(speaker, str) and speaker:
        return f"{escape(voice)}: {escape(speaker)}"
    return escape(voice)


def question_rows(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame, topic_id: str,
                  source_ids: list[str] | None = None, include_silent: bool = True) -> list[dict]:
    """One dict per seed document on one question, ordered along the question's
    readings (the source whose first reading comes first leads; silent sources last).

    Keys: source_id, label, meta (escaped), silent, readings: a list of dicts with
    stance, quote, locator, paraphrase and voice, all escaped."""
    labels = short_source_label(sources)
    info = sources.set_index("id")
    stance_info = stances.set_index(["topic_id", "stance"])
    chosen = claims[claims["topic_id"] == topic_id]
    if chosen.empty:
        raise ValueError(f"no claims on topic {topic_id!r}")
    order = source_ids or seed_order(sources)
    out = []
    for rank, source_id in enumerate(order):
        mine = chosen[chosen["source_id"] == source_id].copy()
        if mine.empty and not include_silent:
            continue
        mine["stance_order"] = [int(stance_info.loc[(topic_id, s), "order"]) for s in mine["stance"]]
        mine = mine.sort_values(["stance_order", "id"])
        readings = [{
            "stance": escape(stance_info.loc[(topic_id, c["stance"]), "label"]),
            "quote": escape(c["quote"]),
            "locator": escape(c["locator"]),
            "paraphrase": escape(c["paraphrase"]),
            "voice": _voice_text(c),
        } for c in mine.to_dict("records")]
        out.append({
            "source_id": source_id,
            "label": escape(labels[source_id]),
            "meta": _meta(info.loc[source_id]),
            "silent": mine.empty,
            "readings": readings,
            "sort": (mine["stance_order"].min() if len(mine) else 10_000, rank),
        })
    return sorted(out, key=lambda r: r["sort"])


def _reading_md(reading: dict, paraphrase: bool, show_stance: bool = True) -> list[str]:
    lines = ([f"**{reading['stance']}**", ""] if show_stance else []) + [
        f"> {reading['quote']}", "", f"*{reading['locator']}* · {reading['voice']}", ""]
    if paraphrase:
        lines += [reading["paraphrase"], ""]
    return lines


def _card(row: dict, readings: list[dict], paraphrase: bool, show_stance: bool = True) -> list[str]:
    lines = [":::{grid-item-card}", ":class-card: source-card" + (" source-card-silent" if row["silent"] else ""),
             "", f"**{row['label']}** · {row['meta']}", ""]
    if row["silent"]:
        lines += ["*The book codes no claim from this source on this question.*", ""]
    for reading in readings:
        lines += _reading_md(reading, paraphrase, show_stance)
    return lines + [":::", ""]


def _table_rows(rows: list[dict]) -> list[tuple[str, str]]:
    out = []
    for row in rows:
        if row["silent"]:
            right = "*No claim coded on this question.*"
        else:
            right = "\n\n".join(
                f"**{r['stance']}.** \u201c{r['quote']}\u201d {parenthetical(r['locator'] + '; ' + r['voice'])}"
                for r in row["readings"])
        out.append((f"**{row['label']}**\n\n{row['meta']}", right))
    return out


def question_cards(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame, topic_id: str,
                   columns: int = 2, include_silent: bool = True, paraphrase: bool = False,
                   source_ids: list[str] | None = None) -> Markdown:
    """A grid with one card per seed document: its reading(s) of one question in
    its own words, with locator and voice; ordered along the question's readings."""
    rows = question_rows(claims, sources, stances, topic_id, source_ids, include_silent)
    parts = [f"::::{{grid}} 1 1 {columns} {columns}", ":gutter: 3", ":class-container: question-cards", ""]
    for row in rows:
        parts += _card(row, row["readings"], paraphrase)
    parts.append("::::")
    return _with_table("\n".join(parts), _table_rows(rows), ("Source", "Its reading, in its own words"))


# --- One question, one tab per reading ------------------------------------------------------

def stance_rows(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame, topic_id: str) -> list[dict]:
    """One dict per reading of a question that at least one source gives:
    stance, label (escaped), description (escaped) and the sources giving it
    (rows as in question_rows, restricted to that reading)."""
    rows = question_rows(claims, sources, stances, topic_id, include_silent=False)
    topic_stances = stances[stances["topic_id"] == topic_id].sort_values("order")
    out = []
    for st in topic_stances.to_dict("records"):
        label = escape(st["label"])
        giving = []
        for row in rows:
            mine = [r for r in row["readings"] if r["stance"] == label]
            if mine:
                giving.append({**row, "readings": mine})
        if giving:
            out.append({"stance": st["stance"], "label": label, "description": escape(st["description"]),
                        "sources": giving})
    return out


def stance_tabs(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame, topic_id: str,
                columns: int = 2, paraphrase: bool = True) -> Markdown:
    """A tab per reading of one question; in each, the sources that give it, side by side."""
    groups = stance_rows(claims, sources, stances, topic_id)
    parts = ["::::::{tab-set}", ":class: stance-tabs", ""]
    table = []
    for group in groups:
        n = len(group["sources"])
        parts += [f":::::{{tab-item}} {group['label']} ({n})", "", f"*{group['description']}*", "",
                  f"::::{{grid}} 1 1 {columns} {columns}", ":gutter: 3", ""]
        for row in group["sources"]:
            parts += _card(row, row["readings"], paraphrase, show_stance=False)
        parts += ["::::", ":::::", ""]
        table += [(f"**{group['label']}**\n\n{row['label']}", right)
                  for row, (_, right) in zip(group["sources"], _table_rows(group["sources"]))]
    parts.append("::::::")
    return _with_table("\n".join(parts), table, ("Reading and source", "In the source's words"))


# --- The three theatres ---------------------------------------------------------------------

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
    labels = short_source_label(sources)
    deals = agreements.set_index("id")
    claim_info = claims.set_index("id")
    stance_label = stances.set_index(["topic_id", "stance"])["label"]
    chosen = theatres.set_index("id").loc[theatre_ids] if theatre_ids else theatres.set_index("id")
    out = []
    for theatre_id, t in chosen.iterrows():
        deal_text = "; ".join(
            f"{escape(_TRAILING_YEAR.sub('', deals.loc[a, 'short_name']))}, "
            f"{escape(deals.loc[a, 'date_signed'].strftime('%d %b %Y').lstrip('0'))}"
            for a in sorted(t["agreement_ids"], key=lambda a: deals.loc[a, "date_signed"]))
        readings: dict[str, list[str]] = {}
        for c in t["claim_ids"]:
            claim = claim_info.loc[c]
            label = escape(stance_label.loc[(claim["topic_id"], claim["stance"])])
            mine = readings.setdefault(escape(labels[claim["source_id"]]), [])
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


# --- Provenance of the five sources ---------------------------------------------------------

def _authors_text(value) -> str:
    names = value if isinstance(value, list) else ([value] if isinstance(value, str) and value else [])
    people = [" ".join(reversed([p.strip() for p in n.split(",", 1)])) for n in names if isinstance(n, str) and n.strip()]
    return " and ".join(people) if people else "No author named in the text"


COUNT_PHRASES = {"author": "in the author's own words", "quoted_analyst": "quoting analysts",
                 "reported_official": "reporting officials"}


def provenance_rows(sources: pd.DataFrame, claims: pd.DataFrame | None = None) -> list[dict]:
    """One dict per seed document, in seed order, with escaped cells: label, title,
    authors, kind, outlet, publisher, country, date, claims (count by voice), perspective."""
    labels = short_source_label(sources)
    info = sources.set_index("id")
    out = []
    for source_id in seed_order(sources):
        s = info.loc[source_id]
        counted = ""
        if claims is not None:
            mine = claims[claims["source_id"] == source_id]
            parts = [f"{int((mine['voice'] == v).sum())} {phrase}"
                     for v, phrase in COUNT_PHRASES.items() if (mine["voice"] == v).any()]
            counted = f"{len(mine)} ({', '.join(parts)})"
        out.append({
            "source_id": source_id, "label": escape(labels[source_id]), "title": escape(s["title"]),
            "authors": escape(_authors_text(s["authors"])), "kind": escape(s["kind"]),
            "outlet": escape(s["outlet"]), "publisher": escape(s["publisher"]),
            "country": escape(s["publisher_country"]), "date": escape(_date_text(s)),
            "claims": escape(counted), "perspective": escape(s["perspective"]),
        })
    return out


def provenance_cards(sources: pd.DataFrame, claims: pd.DataFrame | None = None, columns: int = 2) -> Markdown:
    """One card per seed document: who wrote it, where and when it appeared, what kind of
    text it is, how many claims the book codes from it, and what that suggests about its
    perspective."""
    rows = provenance_rows(sources, claims)
    fields = [("authors", "Author(s)"), ("outlet", "Outlet"), ("publisher", "Publisher"),
              ("country", "Publisher's country"), ("date", "Date"), ("claims", "Coded claims")]
    parts = [f"::::{{grid}} 1 1 {columns} {columns}", ":gutter: 3", ""]
    table = []
    for r in rows:
        parts += [":::{grid-item-card}", ":class-card: provenance-card", "",
                  f"**{r['label']}** · {r['kind']}", "", f"*{r['title']}*", ""]
        parts += [f"**{name}:** {r[key]}" + "  " for key, name in fields if r[key]]
        parts += ["", f"**Perspective.** {r['perspective']}", "", ":::", ""]
        table.append((f"**{r['label']}**\n\n*{r['title']}*",
                      "; ".join(f"**{name}:** {r[key]}" for key, name in fields if r[key])
                      + f"\n\n**Perspective.** {r['perspective']}"))
    parts.append("::::")
    return _with_table("\n".join(parts), table, ("Source", "Provenance and perspective"))
