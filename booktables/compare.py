"""Side-by-side source comparisons, emitted as MyST markdown.

Cells return ``IPython.display.Markdown``; with ``nb_render_markdown_format:
myst`` the book renders it as sphinx-design grids and cards. Every value from
the data is escaped first, so text in a CSV can never become markup or script.
"""
from __future__ import annotations

import re

import pandas as pd
from IPython.display import Markdown

# CommonMark lets a backslash escape any ASCII punctuation; escaping all of it
# also disarms MyST roles ({...}), math ($), fences (:::) and raw HTML (<...>).
_PUNCTUATION = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def escape(text) -> str:
    """Text from the data as inert MyST: literal on the page, never markup."""
    if text is None or (not isinstance(text, (list, str)) and pd.isna(text)):
        return ""
    if isinstance(text, list):
        text = "; ".join(text)
    return _PUNCTUATION.sub(r"\\\1", " ".join(str(text).split()))


def parenthetical(escaped: str) -> str:
    """An aside in parentheses, or in brackets when it holds parentheses itself
    (a locator such as "Abstract (repeated in ...)"), never one inside another."""
    return f"\\[{escaped}\\]" if "(" in escaped else f"({escaped})"


VOICE_LABELS = {
    "author": "the source's author(s)",
    "quoted_analyst": "an analyst quoted by the source",
    "reported_official": "an official, as reported by the source",
}


def _claim_block(claim: pd.Series, stance_labels: dict) -> str:
    speaker = claim.get("speaker")
    voice = VOICE_LABELS[claim["voice"]]
    who = f"{escape(speaker)} ({escape(voice)})" if isinstance(speaker, str) and speaker else escape(voice)
    stance = stance_labels.get((claim["topic_id"], claim["stance"]), claim["stance"])
    return "\n".join([
        f"> {escape(claim['quote'])}",
        "",
        f"*{escape(claim['locator'])}*",
        "",
        f"**Reading:** {escape(stance)}. {escape(claim['paraphrase'])}",
        "",
        f"**Voice:** {who}",
        "",
    ])


def two_column_table(rows: list[tuple[str, str]], headers: tuple[str, str]) -> str:
    """A MyST list-table of already-escaped cells: the form a side-by-side
    comparison takes where grids cannot (the LaTeX/PDF edition). ``longtable``
    lets it break between rows across PDF pages instead of running off one."""
    out = ["```{list-table}", ":header-rows: 1", ":widths: 30 70", ":class: longtable", "",
           f"* - {headers[0]}", f"  - {headers[1]}"]
    for left, right in rows:
        for marker, cell in (("* - ", left), ("  - ", right)):
            lines = cell.split("\n")
            out.append(marker + lines[0])
            out += [f"    {line}" if line else "" for line in lines[1:]]
    out.append("```")
    return "\n".join(out)


def html_and_latex(grid: str, table: str) -> str:
    """Cards for the web page, a two-column table for the PDF. The ``only``
    fences are one colon longer than any fence inside the grid."""
    fence = ":" * (max((len(m) for m in re.findall(r"(?m)^:{3,}", grid)), default=3) + 1)
    return "\n".join([f"{fence}{{only}} html", grid, fence, "", f"{fence}{{only}} latex", table, fence])


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
            f"\u201c{escape(c['quote'])}\u201d {parenthetical(escape(c['locator']))}. "
            f"**{escape(stance_labels.get((c['topic_id'], c['stance']), c['stance']))}.** {escape(c['paraphrase'])}"
            for _, c in mine.iterrows())
        rows.append((f"{header}\n\n{meta}", readings))
    parts.append("::::")
    return Markdown(html_and_latex("\n".join(parts), two_column_table(rows, ("Source", "Reading, in the source's words"))))


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
    return Markdown(html_and_latex("\n".join(parts), two_column_table(rows, ("Question", "What each source says, and the record"))))
