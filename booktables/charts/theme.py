"""The look every chart shares: the palette, the Altair theme, colours keyed by
code, and the expressions that adapt axes and legends to a phone's width."""
from __future__ import annotations

import json
import textwrap

import altair as alt
import pandas as pd

# Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999"]

# How an agreement ended (end_types.csv codes, and the derived "not recorded").
STATUS_COLOURS = {
    "broke_down": "#D55E00", "lapsed": "#E69F00", "superseded": "#0072B2", "not_recorded": "#999999",
    "held": "#009E73", "in_force": "#009E73", "not_applicable": "#CC79A7",
}
# Event types on the war timeline (event_types.csv codes): Okabe & Ito without
# the yellow, which is too pale for thin lines on white.
WAR_TYPE_COLOURS = {
    "political": "#0072B2", "armed_conflict": "#D55E00", "ceasefire": "#009E73", "negotiation": "#CC79A7",
    "agreement": "#56B4E9", "deployment": "#E69F00", "military_cooperation": "#6B6B6B", "crisis": "#000000",
    "economic": "#999999",
}
NOTE_MIN_WIDTH = 300  # plot width (px) below which text beside the marks is dropped

# On a narrow screen (a phone) the container is under 560 px wide: long axis labels
# are shortened and legends stacked, so the marks keep room. On a phone book.css
# holds a chart at 540 px (it scrolls sideways), so the bound sits above that; a
# map scales down to the column instead. Static renderings (SVG, PDF) have no
# container (width 0) and keep the full labels.
NARROW = "(containerSize()[0] > 0 && containerSize()[0] < 560)"
# A mark's opacity that shows a layer only on a phone, or only elsewhere. A static
# rendering leaves the phone's layers out (render.py), so a PDF holds one copy of each label.
PHONE_ONLY = {"expr": f"{NARROW} ? 1 : 0"}
NOT_ON_PHONE = {"expr": f"{NARROW} ? 0 : 1"}


@alt.theme.register("book", enable=False)
def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "range": {"category": OKABE_ITO},
            "font": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            # Where axis labels would overlap or touch (years on a phone), some give way.
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "gridColor": "#e5e5e5", "labelSeparation": 6},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "columns": 3},
            "title": {"fontSize": 14, "anchor": "start"},
            "view": {"stroke": None},
        }
    }


def enable_theme() -> None:
    alt.theme.enable("book")


def short_labels(chars: int) -> str:
    """An axis labelExpr that truncates labels on a narrow screen."""
    return f"{NARROW} ? truncate(datum.label, {chars}) : datum.label"


def days(*when) -> list[alt.DateTime]:
    """Days as Vega-Lite date-times, for a mark placed at a fixed date."""
    stamps = [pd.Timestamp(w) for w in when]
    return [alt.DateTime(year=t.year, month=t.month, date=t.day) for t in stamps]


def time_window(first, last, **scale) -> alt.Scale:
    """A time scale from the day ``first`` to the day ``last``. It is set by its
    two ends, not by a domain: with an explicit temporal domain, a mark with an
    x2 channel makes Vega-Lite warn of a conflicting domain (vega-lite#5733)."""
    start, end = days(first, last)
    return alt.Scale(domainMin=start, domainMax=end, **scale)


def legend(title: str | None = None, columns: int = 2, **kwargs) -> alt.Legend:
    """A legend under the chart, in one column on a narrow screen."""
    return alt.Legend(title=title, orient="bottom", columns={"expr": f"{NARROW} ? 1 : {columns}"},
                      labelLimit=kwargs.pop("labelLimit", 220), **kwargs)


def wrapped_label_expr(labels: list[str], width: int = 14) -> str:
    """A Vega labelExpr that breaks each known label into lines of about `width` characters."""
    expr = "datum.label"
    for label in labels:
        lines = textwrap.wrap(label, width) or [label]
        if len(lines) > 1:
            expr = f"datum.label === {json.dumps(label)} ? {json.dumps(lines)} : ({expr})"
    return expr


def phone_wrapped(labels: list[str], width: int = 28) -> str:
    """An axis labelExpr that, on a phone, breaks each known label into lines of
    about ``width`` characters (for rows tall enough for two), where a cut label
    would leave the reader guessing which row is which."""
    return f"{NARROW} ? ({wrapped_label_expr(labels, width)}) : datum.label"


def header_test(headers: list[str]) -> str:
    """A Vega test that is true for the axis labels that head a group of rows."""
    return f"indexof({json.dumps(headers)}, datum.value) >= 0"
