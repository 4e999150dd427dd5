"""How a list cell is written: items separated by semicolons."""
from __future__ import annotations

LIST_SEPARATOR = ";"


def split_list(value) -> list[str]:
    """A semicolon-separated cell as a list of stripped, non-empty items."""
    if value is None:
        return []
    return [item.strip() for item in str(value).split(LIST_SEPARATOR) if item.strip()]
