"""The book's cache on this machine, for what is made once and kept between
builds, clean ones included (like pip's cache): BOOK_CACHE_DIR if set, else
$XDG_CACHE_HOME/booktables, else ~/.cache/booktables.

What is kept there is named or stamped by what it is made from, so a change
makes it again: the chart library (charts/render.py) and the formatted
bibliography entries (sphinx/bibstyle.py). Deleting the folder is always safe.
"""
from __future__ import annotations

import os
from pathlib import Path

CACHE_VARIABLE = "BOOK_CACHE_DIR"


def user_cache_dir() -> Path:
    home_cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return Path(os.environ.get(CACHE_VARIABLE) or home_cache / "booktables")
