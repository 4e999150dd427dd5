"""Side-by-side source comparisons (``bk.cards``): cards in a sphinx-design
grid or tabs on the web, the same content as a two-column table in the PDF.

* ``side_by_side``: one card per source with its quotes on one topic
* ``discrepancy_panel``: one card per disputed fact, each source's reading, then the record
* ``question_cards``: one card per seed document on one question, silent sources included
* ``stance_tabs``: one tab per reading of a question, with the sources that give it
* ``provenance_cards``: who wrote each seed document, where, when, and from what perspective
"""
from __future__ import annotations

import html

import pandas as pd
from IPython.display import Markdown

from ..data import labels
from ..rows.common import date_text
from ..rows.places import EXPLORER, claim_anchor
from ..rows.sources import person_names, seed_order, short_source_label
from .blocks import cards_or_table
from .text import escape, parenthetical


def _date_text(source: pd.Series) -> str:
    return date_text(source["date"], source["date_precision"], "long") or "no date given"


def _meta(source: pd.Series) -> str:
    return f"{escape(source['kind'])} · {escape(_date_text(source))}"


# --- Quotes on one topic, and disputed facts ------------------------------------------------

def claim_link(claim_id: str) -> str:
    """"claim cl_x", linked to its row on the explorer page (web cards, under chapters/)."""
    claim_id = claim_id.replace("\\", "")  # the readings' ids arrive escaped for MyST
    safe = html.escape(claim_id, quote=True)
    return f'<a class="claim-link" href="../{EXPLORER}#{claim_anchor(claim_id)}">claim {safe}</a>'


def _claim_block(claim: pd.Series, stance_labels: dict) -> str:
    speaker = claim.get("speaker")
    voice = labels.labels("voices")[claim["voice"]]
    who = f"{escape(speaker)} ({escape(voice)})" if isinstance(speaker, str) and speaker else escape(voice)
    stance = stance_labels.get((claim["topic_id"], claim["stance"]), claim["stance"])
    return "\n".join([
        f"> {escape(claim['quote'])}",
        "",
        f"*{escape(claim['locator'])}*",
        "",
        f"**Reading:** {escape(stance)}. {escape(claim['paraphrase'])}",
        "",
        f"**Voice:** {who} · {claim_link(claim['id'])}",
        "",
    ])


def side_by_side(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame, topic_id: str,
                 source_ids: list[str] | None = None, columns: int = 2) -> Markdown:
    """One card per source with its quotes on one topic, with locators (HTML);
    the same as a two-column table of source and reading (PDF)."""
    chosen = claims[claims["topic_id"] == topic_id]
    if source_ids is not None:
        chosen = chosen[chosen["source_id"].isin(source_ids)]
    if chosen.empty:
        raise ValueError(f"no claims on topic {topic_id!r} for sources {source_ids}")
    stance_labels = {(r.topic_id, r.stance): r.label for r in stances.itertuples()}
    titles = sources.set_index("id")
    order = source_ids or list(dict.fromkeys(chosen["source_id"]))
    parts = [f"::::{{grid}} 1 1 {columns} {columns}", ":gutter: 3", ""]
    rows = []
    for source_id in order:
        mine = chosen[chosen["source_id"] == source_id]
        if mine.empty:
            continue
        source = titles.loc[source_id]
        header = f"**{escape(source['title'])}**"
        meta = ", ".join(escape(x) for x in (source["outlet"], source["publisher_country"]) if isinstance(x, str))
        parts += [":::{grid-item-card}", ":class-card: source-card", "", header, "", f"*{meta}*", ""]
        parts += [_claim_block(claim, stance_labels) for _, claim in mine.iterrows()]
        parts += [":::", ""]
        readings = "\n\n".join(
            f"\u201c{escape(c['quote'])}\u201d {parenthetical(escape(c['locator'] + '; claim ' + c['id']))}. "
            f"**{escape(stance_labels.get((c['topic_id'], c['stance']), c['stance']))}.** {escape(c['paraphrase'])}"
            for _, c in mine.iterrows())
        rows.append((f"{header}\n\n{meta}", readings))
    parts.append("::::")
    return cards_or_table("\n".join(parts), rows, ("Source", "Reading, in the source's words"))


def discrepancy_panel(facts: pd.DataFrame, readings: pd.DataFrame, sources: pd.DataFrame,
                      fact_ids: list[str] | None = None) -> Markdown:
    """One card per disputed fact: each source's reading in its own words, then the record."""
    titles = sources.set_index("id")
    chosen = facts if fact_ids is None else facts.set_index("id").loc[fact_ids].reset_index()
    parts = ["::::{grid} 1 1 2 2", ":gutter: 3", ""]
    for fact in chosen.itertuples():
        parts += [":::{grid-item-card}", ":class-card: discrepancy-card", "", f"**{escape(fact.question)}**", ""]
        for r in readings[readings["fact_id"] == fact.id].itertuples():
            who = escape(titles.loc[r.source_id, "title"])
            parts += [f"- **{escape(r.value)}**: {who}", f"  > {escape(r.quote)}", "",
                      f"  *{escape(r.locator)}*", ""]
        parts += [f"**The record.** {escape(fact.record)}", "", f"**Why they differ.** {escape(fact.explanation)}",
                  "", ":::", ""]
    parts.append("::::")
    rows = []
    for fact in chosen.itertuples():
        said = "\n\n".join(
            f"**{escape(r.value)}**: {escape(titles.loc[r.source_id, 'title'])}, "
            f"\u201c{escape(r.quote)}\u201d {parenthetical(escape(r.locator))}"
            for r in readings[readings["fact_id"] == fact.id].itertuples())
        rows.append((f"**{escape(fact.question)}**",
                     f"{said}\n\n**The record.** {escape(fact.record)} **Why they differ.** {escape(fact.explanation)}"))
    return cards_or_table("\n".join(parts), rows, ("Question", "What each source says, and the record"))


# --- One question, one card per source ------------------------------------------------------

def _voice_text(claim: dict) -> str:
    """'The author's own words', or 'Analyst quoted: <speaker>'."""
    voice = labels.labels("voices")[claim["voice"]]
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
    short = short_source_label(sources)
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
            "id": escape(c["id"]),
            "paraphrase": escape(c["paraphrase"]),
            "voice": _voice_text(c),
        } for c in mine.to_dict("records")]
        out.append({
            "source_id": source_id,
            "label": escape(short[source_id]),
            "meta": _meta(info.loc[source_id]),
            "silent": mine.empty,
            "readings": readings,
            "sort": (mine["stance_order"].min() if len(mine) else 10_000, rank),
        })
    return sorted(out, key=lambda r: r["sort"])


def _reading_md(reading: dict, paraphrase: bool, show_stance: bool = True) -> list[str]:
    lines = ([f"**{reading['stance']}**", ""] if show_stance else []) + [
        f"> {reading['quote']}", "", f"*{reading['locator']}* · {reading['voice']} · {claim_link(reading['id'])}", ""]
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
                f"**{r['stance']}.** \u201c{r['quote']}\u201d "
                + parenthetical(f"{r['locator']}; {r['voice']}; claim {r['id']}")
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
    return cards_or_table("\n".join(parts), _table_rows(rows), ("Source", "Its reading, in its own words"))


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
    return cards_or_table("\n".join(parts), table, ("Reading and source", "In the source's words"))


# --- Provenance of the five sources ---------------------------------------------------------

def provenance_rows(sources: pd.DataFrame, claims: pd.DataFrame | None = None) -> list[dict]:
    """One dict per seed document, in seed order, with escaped cells: label, title,
    authors, kind, outlet, publisher, country, date, claims (count by voice), perspective."""
    short = short_source_label(sources)
    phrases = labels.column("voices", "count_phrase")
    info = sources.set_index("id")
    out = []
    for source_id in seed_order(sources):
        s = info.loc[source_id]
        counted = ""
        if claims is not None:
            mine = claims[claims["source_id"] == source_id]
            parts = [f"{int((mine['voice'] == v).sum())} {phrase}"
                     for v, phrase in phrases.items() if (mine["voice"] == v).any()]
            counted = f"{len(mine)} ({', '.join(parts)})"
        out.append({
            "source_id": source_id, "label": escape(short[source_id]), "title": escape(s["title"]),
            "authors": escape(person_names(s["authors"]) or "No author named in the text"), "kind": escape(s["kind"]),
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
    return cards_or_table("\n".join(parts), table, ("Source", "Provenance and perspective"))


# --- Reported against recorded -------------------------------------------------------------

def reported_recorded_cards(pairs: pd.DataFrame, sources: pd.DataFrame, columns: int = 2) -> Markdown:
    """One card per comparison: a seed's words on what an official said, the
    official record paraphrased and cited, and the book's judgement (faithful,
    selective or at odds, from judgements.csv) with its reason."""
    short = short_source_label(sources)
    judged = labels.labels("judgements")
    order = {code: n for n, code in enumerate(judged)}
    keys = dict(zip(sources["id"], sources["bibtex_key"]))
    chosen = pairs.assign(_o=pairs["judgement"].map(order)).sort_values(["_o", "source_id", "id"])
    parts = [f"::::{{grid}} 1 1 {columns} {columns}", ":gutter: 3", ":class-container: question-cards", ""]
    rows = []
    for r in chosen.to_dict("records"):
        reported = (f"**{escape(short[r['source_id']])} reports**\n\n> {escape(r['quote'])}\n\n"
                    f"*{escape(r['locator'])}*")
        recorded = (f"**The record** {{cite:p}}`{keys[r['record_source_id']]}`: {escape(r['record_paraphrase'])}"
                    f"\n\n**{escape(judged[r['judgement']])}.** {escape(r['judgement_note'])}")
        parts += [":::{grid-item-card}", ":class-card: source-card", "", reported, "", recorded, "", ":::", ""]
        rows.append((reported, recorded))
    parts.append("::::")
    return cards_or_table("\n".join(parts), rows, ("Reported in the source", "Recorded, and the judgement"))
