"""Text from the data made inert for MyST."""
from __future__ import annotations

import re

import pandas as pd

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
