"""The one-line preamble of every chapter: `from booktables import chapter as bk`.

It switches Altair to the offline renderer and the book's theme, so chapter
cells hold only short calls such as ``bk.charts.events_timeline(bk.load("events"))``.
"""
import pandas as pd

from . import charts, compare, offline, tables
from .tables import corpus_table, markdown_table
from .load import load, load_all

offline.enable()
charts.enable_theme()
pd.set_option("display.max_colwidth", 120)

__all__ = ["charts", "compare", "corpus_table", "load", "load_all", "markdown_table", "tables"]
