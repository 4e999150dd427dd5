"""Rules every row builder shares: how a date is written, how a list cell is
joined, and how a table is narrowed to a chapter or a window of dates."""
from __future__ import annotations

import pandas as pd

# strftime patterns by style and by the date's precision (date_precision).
DATE_FORMATS = {
    "iso": {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"},
    "long": {"day": "%-d %B %Y", "month": "%B %Y", "year": "%Y"},
    "short": {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"},
}


def date_text(value, precision: str | None = "day", style: str = "iso") -> str:
    """A date as the book writes it: ISO 8601 by default, "5 March 2020" in the
    long style, to the precision the data record; "" for a missing date."""
    if value is None or pd.isna(value):
        return ""
    formats = DATE_FORMATS[style]
    return pd.Timestamp(value).strftime(formats.get(precision or "day", formats["day"]))


def iso(value) -> str:
    """YYYY-MM-DD, or "" for a missing date."""
    return date_text(value)


def joined(values) -> str:
    """A list cell as text ("Russia; Kazakhstan"); "" for an empty cell."""
    if isinstance(values, list):
        return "; ".join(values)
    return "" if values is None or (not isinstance(values, str) and pd.isna(values)) else str(values)


def select(frame: pd.DataFrame, chapter: str | None = None, start: str | None = None, end: str | None = None,
           on: str = "date_start") -> pd.DataFrame:
    """The rows that belong to ``chapter`` (its ``chapters`` list) and whose date
    ``on`` falls from ``start`` to ``end``, both days included."""
    rows = frame
    if chapter is not None:
        rows = rows[rows["chapters"].map(lambda chapters: chapter in chapters)]
    if start is not None:
        rows = rows[rows[on] >= pd.Timestamp(start)]
    if end is not None:
        rows = rows[rows[on] <= pd.Timestamp(end)]
    return rows
