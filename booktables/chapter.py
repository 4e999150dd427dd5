"""The one way in for chapters: ``from booktables import chapter as bk``.

    bk.load("events"), bk.load_all()   the validated, typed tables (booktables.data)
    bk.charts.<name>(...)              Altair charts (booktables.charts)
    bk.tables.<name>(...)              tables as MyST (booktables.myst.tables)
    bk.cards.<name>(...)               side-by-side comparisons (booktables.myst.cards)
    bk.glue(name, value)               a number for the prose ({glue:text}`name`), computed, not typed

Importing it switches Altair to the offline renderer and the book's theme, so
chapter cells hold only short calls such as ``bk.charts.events_timeline(events)``.
"""
import pandas as pd
from myst_nb import glue as _glue

from . import charts
from .charts import render, theme
from .data.loading import load, load_all
from .myst import cards, tables


def glue(name: str, value) -> None:
    """Keep a value computed from the data for the prose to cite with
    ``{glue:text}`name``` (myst-nb), without showing it where it is computed."""
    _glue(name, value, display=False)


render.enable()
theme.enable_theme()
pd.set_option("display.max_colwidth", 120)

__all__ = ["cards", "charts", "glue", "load", "load_all", "tables"]
