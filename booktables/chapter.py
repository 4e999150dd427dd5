"""The one-line preamble of every chapter: `from booktables import chapter as bk`.

It switches Altair to the offline renderer and the book's theme, so chapter
cells hold only short calls such as ``bk.charts.events_timeline(bk.load("events"))``.
"""
import pandas as pd

from . import agreement_charts, charts, compare, comparison_charts, offline, tables
from .tables import corpus_table, markdown_table
from .loading import load, load_all

offline.enable()
charts.enable_theme()
pd.set_option("display.max_colwidth", 120)

__all__ = ["agreement_charts", "charts", "comparison_charts", "compare", "corpus_table", "load", "load_all", "markdown_table", "tables"]
