"""Readable tables from the shared data, as MyST pipe tables (escaped).

Markdown rather than HTML, so the same output serves the HTML and the LaTeX
builders.
"""
from __future__ import annotations

import re

import pandas as pd
from IPython.display import Markdown

from .compare import escape
from .loading import load_all


_SAFE_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


def table_directive(lines: list[str], caption: str | None = None, name: str | None = None,
                    widths: list[int] | None = None) -> str:
    """Pipe-table lines inside a ``{table}`` directive, numbered when captioned.

    ``widths`` are the columns' relative widths: LaTeX needs them, since left to
    itself it squeezes short columns (dates, names, counts) to a few letters.
    The ``longtable`` class lets a long table break across PDF pages.
    """
    columns = lines[1].count("---") if len(lines) > 1 else 0  # the rule row has no escaped pipes
    if widths is not None and len(widths) != columns:
        raise ValueError(f"{len(widths)} widths for {columns} columns")
    if name is not None and not _SAFE_NAME.match(name):
        raise ValueError(f"table name {name!r} must be lower-case letters, digits and hyphens")
    head = [":::{table}" + (" " + escape(caption) if caption else ""), ":class: longtable"]
    if name:
        head.append(f":name: {name}")
    if widths:
        head.append(":widths: " + " ".join(str(int(w)) for w in widths))
    return "\n".join(head + ["", *lines, ":::"])


def _cell(value) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return escape(value)


def markdown_table(frame: pd.DataFrame, columns: dict[str, str], widths: list[int] | None = None) -> Markdown:
    """A pipe table of the given columns, headed by their labels."""
    lines = ["| " + " | ".join(escape(label) for label in columns.values()) + " |",
             "|" + "---|" * len(columns)]
    for _, row in frame.iterrows():
        lines.append("| " + " | ".join(_cell(row[c]) for c in columns) + " |")
    return Markdown(table_directive(lines, widths=widths))


def _date_label(row) -> str:
    if pd.isna(row["date"]):
        return "not given"
    return row["date"].strftime({"year": "%Y", "month": "%Y-%m"}.get(row["date_precision"], "%Y-%m-%d"))


def corpus_table(sources: pd.DataFrame, claims: pd.DataFrame) -> Markdown:
    """The five seed documents: kind, outlet, country, date and coded claims."""
    seeds = sources.dropna(subset=["seed_file"]).copy()
    seeds["when"] = seeds.apply(_date_label, axis=1)
    seeds["claims_coded"] = seeds["id"].map(claims["source_id"].value_counts()).fillna(0).astype(int).astype(str)
    # authors is a list column: a source with no named author has [], not NaN.
    seeds["by"] = seeds["authors"].map(lambda names: "; ".join(names) if names else "no author named")
    seeds = seeds.sort_values("seed_file")
    return markdown_table(seeds, {"title": "Source", "by": "Author(s)", "kind": "Kind", "outlet": "Outlet",
                                  "publisher_country": "Publisher's country", "when": "Date",
                                  "claims_coded": "Claims coded"},
                          widths=[26, 13, 11, 19, 12, 10, 9])


def data_package_table() -> Markdown:
    """Every table of the data package, with a download link, rows and description."""
    import json

    from . import paths

    descriptor = json.loads((paths.DATA_DIR / paths.DESCRIPTOR).read_text(encoding="utf-8"))
    frames = load_all()
    lines = ["| Table | Rows | Columns | What it holds |", "|---|---|---|---|",
             f"| {{download}}`{paths.DESCRIPTOR} <data/{paths.DESCRIPTOR}>` | | | "
             "The schema of every table (Frictionless Data Package) |"]
    for res in descriptor["resources"]:
        frame = frames[res["name"]]
        lines.append(f"| {{download}}`{res['path']} <data/{res['path']}>` | {len(frame)} | "
                     f"{len(res['schema']['fields'])} | {escape(res.get('title', ''))} |")
    return Markdown(table_directive(lines, widths=[28, 8, 10, 54]))
