"""Load, validate and chart the shared tables of the book.

Chapters call this package instead of reading CSV files:

    from booktables import load
    events = load("events")          # typed pandas frame, validated first

Any problem in data/ raises DataError, whose message names the file, the line,
the column, the rule and the offending value.
"""
from importlib import import_module

__all__ = ["DataError", "Problem", "load", "load_all", "validate"]
_HOMES = {"DataError": "loading", "load": "loading", "load_all": "loading",
          "Problem": "validation", "validate": "validation"}


def __getattr__(name: str):
    # Imported on first use: every build starts this package's Sphinx
    # extensions, which need neither pandas nor frictionless (a second each).
    if name in _HOMES:
        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
