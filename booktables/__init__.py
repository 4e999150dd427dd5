"""The package behind the book: it loads and validates the shared tables, shapes
them into rows, and draws the charts, tables and comparisons the chapters show.

Chapters use one entry point, ``from booktables import chapter as bk``; see
ARCHITECTURE.md for the layers (data → rows → charts and myst → sphinx).
Scripts and tests may also import the loaders from here:

    from booktables import load
    events = load("events")          # typed pandas frame, validated first

Any problem in data/ raises DataError, whose message names the file, the line,
the column, the rule and the offending value.
"""
from importlib import import_module

__all__ = ["DataError", "Problem", "load", "load_all", "validate"]
_HOMES = {"DataError": "data.loading", "load": "data.loading", "load_all": "data.loading",
          "Problem": "data.validation", "validate": "data.validation"}


def __getattr__(name: str):
    # Imported on first use: every build starts this package's Sphinx
    # extension, which needs neither pandas nor frictionless (a second each).
    if name in _HOMES:
        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
