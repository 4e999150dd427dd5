"""Charts of agreements: how long each held, who mediated what, and the
arrangements Turkey and Russia made or joined.

The rules behind the rows (when an agreement starts, how its days are counted,
what "ended, day not recorded" means) are in ``rows.agreements``.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from ..data import labels
from ..rows.agreements import ROLE_ORDER, arrangement_rows, duration_rows, status_codes, status_order, third_party_rows
from ..rows.common import iso
from .theme import NOTE_MIN_WIDTH, OKABE_ITO, STATUS_COLOURS, legend, phone_wrapped, time_window

# The columns _tooltip() shows; every agreement chart keeps at least these.
TOOLTIP_COLUMNS = ["label", "name", "date", "effective", "ended", "status", "end_label", "held_for",
                   "parties_text", "mediators_text", "pax"]


def _tooltip(extra: list | None = None) -> list:
    return [
        alt.Tooltip("name:N", title="Agreement"),
        alt.Tooltip("date:N", title="Signed"),
        alt.Tooltip("effective:N", title="To take effect"),
        alt.Tooltip("ended:N", title="Ended"),
        alt.Tooltip("status:N", title="How it ended"),
        alt.Tooltip("end_label:N", title="End coded as"),
        alt.Tooltip("held_for:N", title="Held for"),
        alt.Tooltip("parties_text:N", title="Parties"),
        alt.Tooltip("mediators_text:N", title="Third parties"),
        alt.Tooltip("pax:N", title="PA-X"),
        # The outcome text stays in the agreements table beside the charts: carried
        # in every chart as well, it would double the page's weight.
        *(extra or []),
    ]


def _status_colour(rows: pd.DataFrame, title: str = "How it ended") -> alt.Color:
    present = [s for s in status_order() if s in set(rows["status"])]
    codes = status_codes()
    return alt.Color("status:N", title=title, sort=present, legend=alt.Legend(columns=2, labelLimit=220),
                     scale=alt.Scale(domain=present, range=[STATUS_COLOURS[codes[s]] for s in present]))


def agreement_spans(agreements: pd.DataFrame, chapter: str | None = None, process: str | None = "karabakh",
                    start: str = "1991-09-01", end: str = "1995-03-01", title: str | None = None,
                    description: str | None = None) -> alt.LayerChart:
    """Every agreement signed between ``start`` and ``end`` as a line from the day it
    took effect to the day it broke down, lapsed or was superseded.

    The time axis stops at ``end``: an agreement that ran on beyond it is clipped
    there and marked with an arrow, and the text beside each row says how long it
    held. Agreements that ended on a day the data do not record get a grey point
    and the words "day not recorded"; resolutions and declarations a diamond."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    rows = duration_rows(agreements, chapter, process, start, end)
    has_end = rows["date_ended"].notna()
    rows["end_drawn"] = rows["date_ended"].where(has_end).clip(upper=last)
    rows["runs_on"] = has_end & (rows["date_ended"] > last)
    # The text beside each row: where it ends, or where it starts if it has no span.
    rows["text_at"] = rows["end_drawn"].fillna(rows["start"])
    rows["note"] = [
        (f"→ to {iso(e)}: {int(d):,} days" if runs else h)
        for runs, e, d, h in zip(rows["runs_on"], rows["date_ended"], rows["days"], rows["held_for"])]
    order = list(rows["label"])
    # Room on the right for the notes: the axis shows only the window itself.
    span_days = (last - first).days
    ticks = [iso(d) for d in pd.date_range(first, last, freq="YS")]
    x_scale = time_window(first, last + pd.Timedelta(days=int(span_days * 0.6)))
    x = alt.X("start:T", title=f"Date ({first.year}–{last.year}); the axis stops at {last:%-d %B %Y}",
              scale=x_scale, axis=alt.Axis(values=ticks, format="%Y", grid=True))
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=230))
    color = _status_colour(rows)
    description = description or (
        f"{len(rows)} agreements signed from {start} to {end}, one row each in order of the day they took effect: "
        "a line from that day to the day each broke down, lapsed or was superseded, clipped at the end of the "
        "axis with an arrow where it ran on; the text beside each row says how long it held.")
    keep = TOOLTIP_COLUMNS + ["start", "end_drawn", "text_at", "note", "end_type", "runs_on"]
    base = alt.Chart(rows[keep])
    spans = base.transform_filter("isValid(datum.end_drawn)").mark_rule(strokeWidth=5, opacity=0.85).encode(
        x=x, x2="end_drawn:T", y=y, color=color, tooltip=_tooltip())
    points = base.transform_filter("datum.end_type != 'not_applicable'").mark_point(
        filled=True, size=70, opacity=1).encode(x=x, y=y, color=color, tooltip=_tooltip())
    diamonds = base.transform_filter("datum.end_type == 'not_applicable'").mark_point(
        shape="diamond", filled=True, size=80).encode(x=x, y=y, color=color, tooltip=_tooltip())
    arrows = base.transform_filter("datum.runs_on").mark_point(
        shape="triangle-right", filled=True, size=90).encode(
        x=alt.X("end_drawn:T", scale=x_scale), y=y, color=color, tooltip=_tooltip())
    # The notes need room: on a narrow page (a plot under 300 px) they give way to
    # the colours and the tooltips.
    notes = base.transform_calculate(shown=f"width >= {NOTE_MIN_WIDTH} ? datum.note : ''").mark_text(
        align="left", baseline="middle", dx=8, fontSize=10.5, color="#444").encode(
        x=alt.X("text_at:T", scale=x_scale), y=y, text="shown:N", tooltip=_tooltip())
    return (alt.layer(spans, points, diamonds, arrows, notes, title=title or alt.Undefined, description=description)
            .properties(width="container", height=22 * max(len(rows), 4)))


def agreement_durations(agreements: pd.DataFrame, chapter: str | None = None, process: str | None = "karabakh",
                        start: str | None = None, end: str | None = None, title: str | None = None,
                        description: str | None = None) -> alt.LayerChart:
    """How long each ceasefire-type agreement held, as a bar on a symmetric-log
    scale of days, so that a truce of hours and a ceasefire of 26 years can be read
    on one chart. Resolutions and declarations, which have no duration, are left out."""
    rows = duration_rows(agreements, chapter, process, start, end)
    rows = rows[rows["end_type"] != "not_applicable"].copy()
    rows["bar_days"] = rows["days"].astype("Float64").fillna(0).astype(float)
    order = list(rows["label"])
    ticks = [0, 1, 3, 7, 30, 100, 365, 10000]  # a day, a week, a month, a year; 1,000 would crowd 365
    max_days = max(float(rows["bar_days"].max()), 10.0)
    x_scale = alt.Scale(type="symlog", constant=1, domain=[0, max_days * 200])
    x = alt.X("bar_days:Q", title="Days held (symmetric log scale)", scale=x_scale,
              axis=alt.Axis(values=[t for t in ticks if t <= max_days * 1.5], format=",d", grid=True))
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=230))
    color = _status_colour(rows)
    description = description or (
        f"How long each of {len(rows)} ceasefires, protocols and statements held, in days on a symmetric-log "
        "scale, in order of the day each took effect; colour shows how it ended. Agreements whose end is not "
        "recorded have no bar and say so.")
    keep = TOOLTIP_COLUMNS + ["bar_days", "days", "start_text"]
    base = alt.Chart(rows[keep])
    tooltip = _tooltip([alt.Tooltip("start_text:N", title="Counted from")])
    bars = base.mark_bar(height=12, opacity=0.9).encode(x=x, y=y, color=color, tooltip=tooltip)
    stubs = base.mark_tick(thickness=2, size=14).encode(x=x, y=y, color=color, tooltip=tooltip)
    notes = base.transform_calculate(shown=f"width >= {NOTE_MIN_WIDTH} ? datum.held_for : ''").mark_text(
        align="left", baseline="middle", dx=6, fontSize=10.5, color="#444").encode(
        x=x, y=y, text="shown:N", tooltip=tooltip)
    return (alt.layer(bars, stubs, notes, title=title or alt.Undefined, description=description)
            .properties(width="container", height=22 * max(len(rows), 4)))



def mediation_chart(agreements: pd.DataFrame, chapter: str | None = None, process: str | None = "karabakh",
                    start: str | None = None, end: str | None = None,
                    exclude_kinds: tuple[str, ...] = ("resolution", "decision"), title: str | None = None,
                    description: str | None = None) -> alt.Chart:
    """Who mediated what: a matrix of agreements (rows, in date order) by the state
    or body behind each third party (columns); the mark's shape and colour give its
    role (mediator, witness, copied on the text), and the last column marks texts
    that name no third party. Resolutions and decisions of international bodies
    (``exclude_kinds``) are left out: they are not agreements that anyone mediated."""
    chosen = agreements[~agreements["kind"].isin(exclude_kinds)]
    long = third_party_rows(chosen, chapter, process, start, end)
    order = list(dict.fromkeys(long.sort_values(["start", "date_signed"])["label"]))
    actors = [a for a in labels.label_order("third_parties") if a in set(long["actor"])]
    roles = [r for r in ROLE_ORDER if r in set(long["role"])]
    shapes = dict(zip(ROLE_ORDER, ["circle", "diamond", "triangle-up", "square"]))
    colours = dict(zip(ROLE_ORDER, [OKABE_ITO[0], OKABE_ITO[2], OKABE_ITO[1], OKABE_ITO[8]]))
    description = description or (
        f"Third parties to {len(order)} agreements, one row per agreement in date order and one column per "
        f"state or body ({', '.join(actors)}); shape and colour show whether it mediated, witnessed or was "
        "copied on the text. Hover a mark for the names as the agreement gives them.")
    keep = ["label", "name", "date", "actor", "role", "named", "parties_text", "pax", "kind", "offset"]
    encoding = dict(
        x=alt.X("actor:N", title=None, sort=actors,
                axis=alt.Axis(orient="top", labelAngle=-40, labelLimit=150, grid=True)),
        y=alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=230, grid=True)),
        shape=alt.Shape("role:N", title="Role", sort=roles,
                        scale=alt.Scale(domain=roles, range=[shapes[r] for r in roles])),
        color=alt.Color("role:N", title="Role", sort=roles,
                        scale=alt.Scale(domain=roles, range=[colours[r] for r in roles])),
        tooltip=[
            alt.Tooltip("name:N", title="Agreement"),
            alt.Tooltip("date:N", title="Signed"),
            alt.Tooltip("actor:N", title="Third party"),
            alt.Tooltip("role:N", title="Role"),
            alt.Tooltip("named:N", title="As named in the text"),
            alt.Tooltip("parties_text:N", title="Parties"),
            alt.Tooltip("pax:N", title="PA-X"),
        ],
    )
    base = alt.Chart(long[keep])
    # One layer per pixel offset, so that two roles in one cell sit side by side.
    layers = [base.transform_filter(f"datum.offset == {off}")
              .mark_point(filled=True, size=110, opacity=0.9, xOffset=float(off)).encode(**encoding)
              for off in sorted(set(long["offset"]))]
    return (alt.layer(*layers, title=title or alt.Undefined, description=description)
            .properties(width="container", height=22 * max(len(order), 4), padding={"right": 48, "top": 4}))


# --- How long the Turkish–Russian arrangements lasted ---------------------------------------

def arrangement_spans(agreements: pd.DataFrame, processes: tuple[str, ...] = ("syria", "libya", "turkey_russia"),
                      extra_ids: tuple[str, ...] = ("ag_2020_trilateral_statement",), until: str = "2025-12-31",
                      title: str | None = None, description: str | None = None):
    """The arrangements Turkey and Russia made or joined, each as a line from the day it took
    effect to the day it broke down, lapsed or was superseded. Documents that set up no
    lasting regime (joint statements, conference conclusions) and those whose end the
    table does not date are a single diamond at the day of signature."""
    rows = arrangement_rows(agreements, processes, extra_ids)
    keep = ["label", "theatre", "signed", "effective", "ended", "how_ended", "lasted", "terms", "outcome_text",
            "start", "end", "span"]
    frame = rows[keep]
    order = list(frame["label"])
    theatres = [label for label in labels.label_order("processes") if label in set(frame["theatre"])]
    description = description or (
        f"{len(frame)} agreements that Turkey and Russia made or joined in Syria, Libya and over Karabakh, one row "
        "each in order of the day they took effect: a line to the day each broke down, lapsed or was superseded, "
        "or a diamond for documents with no span. Hover for the terms and the outcome.")
    base = alt.Chart(frame)
    x = alt.X("start:T", title=None, scale=time_window("2016-10-01", until),
              axis=alt.Axis(format="%Y", tickCount="year"))
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=240, labelExpr=phone_wrapped(order)))
    color = alt.Color("theatre:N", title="Theatre", sort=theatres, legend=legend("Theatre", 2),
                      scale=alt.Scale(domain=theatres, range=[OKABE_ITO[i] for i in (0, 1, 2, 5)][:len(theatres)]))
    tooltip = [alt.Tooltip("label:N", title="Agreement"), alt.Tooltip("signed:N", title="Signed"),
               alt.Tooltip("effective:N", title="In effect from"), alt.Tooltip("ended:N", title="Ended"),
               alt.Tooltip("how_ended:N", title="How it ended"), alt.Tooltip("lasted:N", title="Lasted"),
               alt.Tooltip("terms:N", title="Mechanism"), alt.Tooltip("outcome_text:N", title="Outcome")]
    spans = base.transform_filter("datum.span").mark_rule(strokeWidth=6, opacity=0.85).encode(
        x=x, x2="end:T", y=y, color=color, tooltip=tooltip)
    starts = base.transform_filter("datum.span").mark_point(filled=True, size=70, opacity=1).encode(
        x=x, y=y, color=color, tooltip=tooltip)
    ends = base.transform_filter("datum.span").mark_tick(thickness=2, size=14, color="#333333").encode(
        x=alt.X("end:T"), y=y, tooltip=tooltip)
    # Outlined, since Okabe–Ito yellow alone is faint on a white page.
    one_offs = base.transform_filter("!datum.span").mark_point(shape="diamond", filled=True, size=110,
                                                               stroke="#333333", strokeWidth=0.6).encode(
        x=x, y=y, color=color, tooltip=tooltip)
    return (alt.layer(spans, starts, ends, one_offs, title=title or alt.Undefined, description=description)
            .properties(width="container", height=26 * max(len(frame), 4)))
