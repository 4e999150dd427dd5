"""The one way in for chapters: ``from booktables import chapter as bk``.

    bk.load("events"), bk.load_all()   the validated, typed tables (booktables.data)
    bk.charts.<name>(...)              Altair charts (booktables.charts)
    bk.tables.<name>(...)              tables as MyST (booktables.myst.tables)
    bk.cards.<name>(...)               side-by-side comparisons (booktables.myst.cards)

Importing it switches Altair to the offline renderer and the book's theme, so
chapter cells hold only short calls such as ``bk.charts.events_timeline(events)``.
"""
import pandas as pd

from . import charts
from .charts import render, theme
from .data.loading import load, load_all
from .myst import cards, tables

render.enable()
theme.enable_theme()
pd.set_option("display.max_colwidth", 120)

__all__ = ["cards", "charts", "load", "load_all", "tables"]
