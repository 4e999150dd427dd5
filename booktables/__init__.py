"""Load, validate and chart the shared tables of the book.

Chapters call this package instead of reading CSV files:

    from booktables import load
    events = load("events")          # typed pandas frame, validated first

Any problem in data/ raises DataError, whose message names the file, the line,
the column, the rule and the offending value.
"""
from .load import DataError, load, load_all
from .validate import Problem, validate

__all__ = ["DataError", "Problem", "load", "load_all", "validate"]
