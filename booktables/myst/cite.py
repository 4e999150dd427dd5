"""``{cite:p}`` roles built from source ids.

The keys come from the ``bibtex_key`` column of sources.csv, whose schema
pattern admits no character that could break out of the role; each key is
checked again here before it is written.
"""
from __future__ import annotations

import re

import pandas as pd

_SAFE_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_:-]*$")
# The label of a table's list of sources (scripts/prose_metrics.py tells such lists from in-text citations).
SOURCES_NOTE_LABEL = "Sources of the rows:"


def citations(source_ids, sources: pd.DataFrame) -> str:
    """A ``{cite:p}`` role for a list of source ids (empty if none)."""
    keys = dict(zip(sources["id"], sources["bibtex_key"]))
    chosen = [keys[i] for i in (source_ids or []) if i in keys and _SAFE_KEY.match(str(keys[i]))]
    return "{cite:p}`" + ",".join(dict.fromkeys(chosen)) + "`" if chosen else ""


def sources_note(source_id_lists, sources: pd.DataFrame) -> str:
    """One line citing every source behind a table's rows, in order of first use."""
    ids = list(dict.fromkeys(i for ids in source_id_lists for i in (ids or [])))
    cite = citations(ids, sources)
    return f"*{SOURCES_NOTE_LABEL}* {cite}." if cite else ""
