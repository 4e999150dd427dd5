"""Readable tables from the shared data, as MyST pipe tables (escaped).

Markdown rather than HTML, so the same output serves the HTML and the LaTeX
builders.
"""
from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from .compare import escape
from .loading import load_all


def _cell(value) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return escape(value)


def markdown_table(frame: pd.DataFrame, columns: dict[str, str]) -> Markdown:
    """A pipe table of the given columns, headed by their labels."""
    lines = ["| " + " | ".join(escape(label) for label in columns.values()) + " |",
             "|" + "---|" * len(columns)]
    for _, row in frame.iterrows():
        lines.append("| " + " | ".join(_cell(row[c]) for c in columns) + " |")
    return Markdown("\n".join(lines))


def _date_label(row) -> str:
    if pd.isna(row["date"]):
        return "not given"
    return row["date"].strftime({"year": "%Y", "month": "%Y-%m"}.get(row["date_precision"], "%Y-%m-%d"))


def corpus_table(sources: pd.DataFrame, claims: pd.DataFrame) -> Markdown:
    """The five seed documents: kind, outlet, country, date and coded claims."""
    seeds = sources.dropna(subset=["seed_file"]).copy()
    seeds["when"] = seeds.apply(_date_label, axis=1)
    seeds["claims_coded"] = seeds["id"].map(claims["source_id"].value_counts()).fillna(0).astype(int).astype(str)
    seeds["by"] = seeds["authors"].fillna("no author named")
    seeds = seeds.sort_values("seed_file")
    return markdown_table(seeds, {"title": "Source", "by": "Author(s)", "kind": "Kind", "outlet": "Outlet",
                                  "publisher_country": "Publisher's country", "when": "Date",
                                  "claims_coded": "Claims coded"})


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
    return Markdown("\n".join(lines))
