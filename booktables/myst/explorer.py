"""The explorer page (``bk.tables.claims_explorer``, ``bk.tables.events_explorer``):
on the web a plain HTML table, one row per claim or event with a stable id, that
the page's DataTables script (booktables/sphinx/explorer.py) makes searchable,
sortable and filterable; in the PDF a compact table with the anchors as row labels."""
from __future__ import annotations

import html

import pandas as pd
from IPython.display import Markdown

from ..rows import explorer
from .blocks import pipe_table, web_and_pdf
from .text import escape

CLAIM_COLUMNS = {"id": "Claim", "source": "Source", "topic": "Question", "stance": "Reading", "voice": "Voice",
                 "quote": "Quote", "locator": "Locator"}
CLAIM_FILTERS = ("source", "topic", "stance", "voice")
EVENT_COLUMNS = {"id": "Event", "date": "Date", "year": "Year", "type": "Type", "theatre": "Theatre",
                 "title": "What happened", "parties": "Parties", "place": "Place", "chapters": "Chapters",
                 "sources": "Sources"}
EVENT_FILTERS = ("year", "type", "theatre", "chapters")


def _html_table(rows: pd.DataFrame, columns: dict[str, str], filters: tuple, table_id: str, caption: str) -> str:
    marked = ' data-filter="1"'
    # Each cell names its column (class "col-<key>"), so that book.css can size the columns.
    head = "".join(f'<th scope="col" class="col-{key}"{marked if key in filters else ""}>{html.escape(title)}</th>'
                   for key, title in columns.items())
    body = []
    for row in rows.to_dict("records"):
        cells = [f'<th scope="row" class="col-id"><a class="explorer-anchor" href="#{row["anchor"]}">'
                 f'{html.escape(row["id"])}</a></th>']
        cells += [f'<td class="col-{key}">{html.escape(str(row[key]))}</td>' for key in list(columns)[1:]]
        body.append(f'<tr id="{html.escape(row["anchor"])}">' + "".join(cells) + "</tr>")
    return (f'<div class="explorer-wrap"><table id="{table_id}" class="table explorer-table">'
            f"<caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>")


def _stop(text: str) -> str:
    """Text that a full stop will follow: without one of its own."""
    return text.rstrip(".")


def _target(anchor: str) -> str:
    """The row's anchor where the print form is an HTML page too (the EPUB), so
    that the chapters' links to a claim or an event land on it; the PDF drops it."""
    return f'<span id="{anchor}"></span>'


def _raw(block: str) -> str:
    return "\n".join(["```{raw} html", block, "```"])


def claims_explorer(claims: pd.DataFrame, sources: pd.DataFrame, topics: pd.DataFrame, stances: pd.DataFrame,
                    caption: str = "Every coded claim") -> Markdown:
    rows = explorer.claim_rows(claims, sources, topics, stances)
    web = _raw(_html_table(rows, CLAIM_COLUMNS, CLAIM_FILTERS, "explorer-claims", caption))
    # The claims' ids are short: the table's first column holds them (the anchor is #claim-<id>).
    pdf_rows = [[_target(r["anchor"]) + f"`{r['id']}`", escape(r["source"]), escape(r["topic"]), escape(r["stance"]),
                 escape(r["voice"]),
                 "\u201c" + escape(r["quote"]) + "\u201d " + escape(f"({r['locator']})")] for r in rows.to_dict("records")]
    pdf = pipe_table(pdf_rows, ["Claim (#claim-…)", "Source", "Question", "Reading", "Voice", "Quote (locator)"],
                     caption, "tbl-explorer-claims", widths=[14, 12, 12, 12, 10, 40]).data
    return Markdown(web_and_pdf(web, pdf, epub_takes_pdf=True))


def events_explorer(events: pd.DataFrame, places: pd.DataFrame, sources: pd.DataFrame,
                    caption: str = "Every event") -> Markdown:
    rows = explorer.event_rows(events, places, sources)
    web = _raw(_html_table(rows, EVENT_COLUMNS, EVENT_FILTERS, "explorer-events", caption))
    # The events' ids are long: one compact paragraph per event, its anchor first.
    pdf = "\n\n".join([f"**{escape(caption)}.** Each entry starts with its anchor (#event-…)."] + [
        _target(r["anchor"]) + f"`{r['anchor']}` · {escape(r['date'])} · {escape(r['type'])}"
        + (f" · {escape(r['theatre'])}" if r["theatre"] else "") + f". {escape(_stop(r['title']))}."
        + (f" Parties: {escape(_stop(r['parties']))}." if r["parties"] else "")
        + (f" Place: {escape(_stop(r['place']))}." if r["place"] else "") + f" Chapters: {escape(r['chapters'])}."
        + (f" Sources: {escape(_stop(r['sources']))}." if r["sources"] else "")
        for r in rows.to_dict("records")])
    return Markdown(web_and_pdf(web, pdf, epub_takes_pdf=True))


def places_table(places: pd.DataFrame, caption: str = "The places the book names, in five languages") -> Markdown:
    """The gazetteer (data/places.csv): each place's names where a source gives them, its kind and coordinates."""
    rows = [[escape(p["name_en"]), escape(p["kind"].replace("_", " ")),
             *(escape(p[c]) if isinstance(p[c], str) else "" for c in ("name_az", "name_hy", "name_ru", "name_tr")),
             f"{p['lat']:.3f}, {p['lon']:.3f}" if pd.notna(p["lat"]) else ""]
            for p in places.sort_values("name_en").to_dict("records")]
    # Widths follow each column's longest word (Russian compounds run to 22
    # letters), in small type in the PDF: it cannot hyphenate Armenian or
    # Russian, so a narrow column would cut the word off.
    table = pipe_table(rows, ["Place", "Kind", "Azerbaijani", "Armenian", "Russian", "Turkish", "Lat., lon."],
                       caption, "tbl-places", widths=[16, 8, 17, 16, 19, 15, 9]).data
    small = "```{raw} latex\n\\begingroup\\footnotesize\n```"
    return Markdown("\n\n".join([small, table, "```{raw} latex\n\\endgroup\n```"]))


def place_names(places: pd.DataFrame, place_id: str) -> Markdown:
    """A place's names in other languages, for the prose ({glue:md}): "Azerbaijani *Şuşa*, …"."""
    from ..rows.places import names_line
    return Markdown(names_line(places, place_id))
