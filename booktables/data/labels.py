"""The labels and the order of every coded value, read from the coding tables.

Each code the data use (an event type, a PA-X stage, how an agreement ended,
whose voice a claim carries, ...) has one row in a small table in data/ with
its label, its place in charts and tables, and what it means. Those tables are
flagged ``"x-coding": true`` in datapackage.json; this module is the only
reader of them, so no code-to-label map is written anywhere else.
"""
from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from .loading import load


def vocabulary(name: str) -> pd.DataFrame:
    """A coding table (id, label, order, description, ...) in its display order."""
    return load(name).sort_values("order").reset_index(drop=True)


def labels(name: str) -> dict[str, str]:
    """{code: label}, in display order."""
    table = vocabulary(name)
    return dict(zip(table["id"], table["label"]))


def label_order(name: str) -> list[str]:
    """The labels in display order, as chart scales and legends sort them."""
    return list(vocabulary(name)["label"])


def column(name: str, field: str) -> dict[str, str]:
    """{code: value of another column}, e.g. column("voices", "count_phrase")."""
    table = vocabulary(name)
    return dict(zip(table["id"], table[field]))


class Period(NamedTuple):
    start: pd.Timestamp
    end: pd.Timestamp
    label: str


def period(period_id: str) -> Period:
    """The first and last day, and the label, of a named period in periods.csv."""
    table = load("periods").set_index("id")
    if period_id not in table.index:
        raise KeyError(f"no period {period_id!r} in periods.csv; periods: {', '.join(table.index)}")
    row = table.loc[period_id]
    return Period(row["date_start"], row["date_end"], str(row["label"]))
