"""Charts of agreements and of the 2020 war: how long each agreement held,
who mediated what, the war day by day with its ceasefire attempts, and the
deadlines of the 10 November 2020 statement.

Conventions shared by the functions here:

* An agreement "starts" on the day it was to take effect (``date_effective``)
  or, where the data give none, on the day it was signed (``date_signed``).
* Its duration counts whole days from that start to ``date_ended``: a truce that
  broke down on the day it took effect held 0 days, one that broke down the
  next day held 1 day.
* An agreement whose ``end_type`` says it broke down, lapsed or was superseded
  but whose ``date_ended`` is empty is shown as "ended, day not recorded": it is
  never drawn as if it were still holding.
* Resolutions, decisions and declarations (``end_type`` = ``not_applicable``)
  have no duration; where they are drawn, they are drawn as a point.
"""
from __future__ import annotations

import re

import altair as alt
import pandas as pd

from .charts import EVENT_TYPE_LABELS, OKABE_ITO, agreement_rows, event_rows

END_TYPE_LABELS = {
    "broke_down": "Broke down",
    "lapsed": "Lapsed",
    "superseded": "Superseded",
    "held": "Held",
    "in_force": "In force",
    "not_applicable": "Not a ceasefire",
}
NOT_RECORDED = "Ended, day not recorded"
STATUS_ORDER = ["Broke down", "Lapsed", "Superseded", NOT_RECORDED, "Held", "In force", "Not a ceasefire"]
STATUS_COLOURS = {
    "Broke down": "#D55E00",
    "Lapsed": "#E69F00",
    "Superseded": "#0072B2",
    NOT_RECORDED: "#999999",
    "Held": "#009E73",
    "In force": "#009E73",
    "Not a ceasefire": "#CC79A7",
}
ENDED = {"broke_down", "lapsed", "superseded"}
DAY = pd.Timedelta(days=1)
NOTE_MIN_WIDTH = 300  # plot width (px) below which text beside the marks is dropped


def _iso(value) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def held_phrase(days, end_type: str, ended) -> str:
    """How long an agreement held, in words, from the table's dates only."""
    if end_type == "not_applicable":
        return "not a ceasefire: no duration"
    if pd.isna(ended):
        if end_type in ENDED:
            return "ended, but the day is not recorded"
        return "still holding at the end of the data"
    days = int(days)
    if days == 0:
        return "broke down the day it took effect" if end_type == "broke_down" else "ended the day it took effect"
    if days == 1:
        return "1 day"
    text = f"{days:,} days"
    if days >= 730:
        text += f" (over {int(days // 365.25)} years)"
    return text


def duration_rows(agreements: pd.DataFrame, chapter: str | None = None, process: str | None = "karabakh",
                  start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """One flat row per agreement: start, end, days held, status label, phrase.

    ``start``/``end`` select by date of signature (inclusive)."""
    rows = agreement_rows(agreements, chapter)
    if process is not None:
        rows = rows[rows["process"] == process]
    if start is not None:
        rows = rows[rows["date_signed"] >= pd.Timestamp(start)]
    if end is not None:
        rows = rows[rows["date_signed"] <= pd.Timestamp(end)]
    rows = rows.copy()
    rows["start"] = rows["date_effective"].fillna(rows["date_signed"])
    rows["days"] = (rows["date_ended"] - rows["start"]).dt.days.astype("Int64")
    rows["status"] = [
        NOT_RECORDED if (t in ENDED and pd.isna(e)) else END_TYPE_LABELS[t]
        for t, e in zip(rows["end_type"], rows["date_ended"])]
    rows["end_label"] = rows["end_type"].map(END_TYPE_LABELS)
    rows["held_for"] = [held_phrase(d, t, e) for d, t, e in zip(rows["days"], rows["end_type"], rows["date_ended"])]
    rows["start_text"] = rows["start"].map(_iso)
    rows["label"] = rows["short_name"]
    return rows.sort_values(["start", "date_signed"]).reset_index(drop=True)


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
    present = [s for s in STATUS_ORDER if s in set(rows["status"])]
    return alt.Color("status:N", title=title, sort=present, legend=alt.Legend(columns=2, labelLimit=220),
                     scale=alt.Scale(domain=present, range=[STATUS_COLOURS[s] for s in present]))


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
        (f"→ to {_iso(e)}: {int(d):,} days" if runs else h)
        for runs, e, d, h in zip(rows["runs_on"], rows["date_ended"], rows["days"], rows["held_for"])]
    order = list(rows["label"])
    # Room on the right for the notes: the axis shows only the window itself.
    span_days = (last - first).days
    domain = [first.strftime("%Y-%m-%d"), (last + pd.Timedelta(days=int(span_days * 0.6))).strftime("%Y-%m-%d")]
    ticks = [d.strftime("%Y-%m-%d") for d in pd.date_range(first, last, freq="YS")]
    x_scale = alt.Scale(domain=domain)
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


# Who is behind each named mediator or witness in the agreements table. The rules
# are tried in order and the first that matches decides; the wording of the data
# is kept in the tooltip. A Russian envoy acting for the CSCE/OSCE co-chairs counts
# as CSCE/OSCE, because that is the capacity the document gives.
THIRD_PARTY_RULES = [
    (r"on behalf of the co-chairs|Minsk Group co-chairs|Minsk Conference|Eliasson|OSCE Chairperson|Kasprzyk",
     "CSCE/OSCE"),
    (r"Russia|Russian|Yeltsin|Kozyrev|Grachev|Kazimirov|Shumeyko|Medvedev|Putin|Lavrov", "Russia"),
    (r"Kazakhstan|Nazarbayev", "Kazakhstan"),
    (r"Iran|Rafsanjani", "Iran"),
    (r"Kyrgyzstan|Sherimkulov|CIS Inter-Parliamentary|Krotov", "Kyrgyzstan / CIS"),
    (r"Turkey|Türkiye", "Turkey"),
    (r"United States|Clinton|Trump", "United States"),
    (r"France|Fillon|Macron", "France"),
    (r"European Council|European Union|Michel", "European Union"),
    (r"Germany|Italy|Czech|Sweden|Belarus", "Other CSCE states"),
]
NO_THIRD_PARTY = "None named"
THIRD_PARTY_ORDER = ["Russia", "Kazakhstan", "Iran", "Kyrgyzstan / CIS", "CSCE/OSCE", "Turkey",
                     "United States", "France", "European Union", "Other CSCE states", "Other", NO_THIRD_PARTY]


def third_party_actor(text: str) -> str:
    """The state or body behind one named mediator or witness (see THIRD_PARTY_RULES)."""
    for pattern, actor in THIRD_PARTY_RULES:
        if re.search(pattern, text, flags=re.I):
            return actor
    return "Other"


def third_party_rows(agreements: pd.DataFrame, chapter: str | None = None, process: str | None = "karabakh",
                     start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Long format: one row per (agreement, third party), with the role it played."""
    rows = duration_rows(agreements, chapter, process, start, end)
    long = []
    for _, row in rows.iterrows():
        roles = [("mediator", m) for m in row["mediators"]] + [
            ("copied" if "copied" in w.lower() or "copy" in w.lower() else "witness", w) for w in row["witnesses"]]
        if not roles:
            roles = [("parties only", NO_THIRD_PARTY)]
        seen = set()
        for role, who in roles:
            actor = NO_THIRD_PARTY if who == NO_THIRD_PARTY else third_party_actor(who)
            if (actor, role) in seen:
                continue
            seen.add((actor, role))
            named = "; ".join(w for r, w in roles if r == role and
                              (NO_THIRD_PARTY if w == NO_THIRD_PARTY else third_party_actor(w)) == actor)
            long.append({**row.to_dict(), "actor": actor, "role": role, "named": named})
    frame = pd.DataFrame(long)
    # Marks that share a cell (one body as mediator and as witness) sit side by side.
    frame["nth"] = frame.groupby(["id", "actor"]).cumcount()
    frame["n_in_cell"] = frame.groupby(["id", "actor"])["role"].transform("size")
    frame["offset"] = (frame["nth"] - (frame["n_in_cell"] - 1) / 2) * 14
    return frame


ROLE_ORDER = ["mediator", "witness", "copied", "parties only"]


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
    actors = [a for a in THIRD_PARTY_ORDER if a in set(long["actor"])]
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


def _truce_phrase(days, ended, window_end) -> str:
    """Short words for how long a ceasefire attempt held, for a chart label."""
    if pd.isna(ended):
        return "no end recorded"
    if ended > window_end:
        return f"in force until {_iso(ended)}"
    days = int(days)
    return {0: "broke down the same day", 1: "broke down the next day"}.get(days, f"held {days} days")


# Event-type colours for the war timeline: Okabe & Ito without the yellow, which
# is too pale for thin lines on white.
WAR_TYPE_COLOURS = {
    "Political": "#0072B2", "Armed conflict": "#D55E00", "Ceasefire": "#009E73", "Negotiation": "#CC79A7",
    "Agreement": "#56B4E9", "Deployment": "#E69F00", "Military cooperation": "#6B6B6B", "Crisis": "#000000",
    "Economic": "#999999",
}
HALF_DAY = pd.Timedelta(hours=12)


def truce_rows(agreements: pd.DataFrame, start: str, end: str, process: str = "karabakh") -> pd.DataFrame:
    """The ceasefire attempts (PA-X stage ceasefire or renewal) signed in a window,
    numbered in order, with how long each held."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    truces = agreement_rows(agreements)
    truces = truces[(truces["process"] == process) & truces["stage"].isin(["ceasefire", "renewal"])
                    & (truces["date_signed"] >= first) & (truces["date_signed"] <= last)].copy()
    truces["start"] = truces["date_effective"].fillna(truces["date_signed"])
    truces["days"] = (truces["date_ended"] - truces["start"]).dt.days.astype("Int64")
    truces = truces.sort_values("start").reset_index(drop=True)
    truces["number"] = (truces.index + 1).astype(str)
    truces["held"] = [_truce_phrase(d, e, last) for d, e in zip(truces["days"], truces["date_ended"])]
    truces["held_for"] = [held_phrase(d, t, e) for d, t, e in
                          zip(truces["days"], truces["end_type"], truces["date_ended"])]
    return truces


def war_timeline(events: pd.DataFrame, agreements: pd.DataFrame, start: str = "2020-09-27",
                 end: str = "2020-11-10", title: str | None = None, description: str | None = None):
    """The war day by day: events by type, each drawn in the middle of its day (a
    line where an event lasted several days), and each ceasefire attempt as a
    numbered, shaded band from the start of the day it was to take effect to the end
    of the day it broke down. Everything is clipped to the window from ``start`` to
    the end of ``end``: an agreement that held beyond it is shaded to the edge and
    its label gives its end date.

    Events and ceasefire attempts share one data frame (the layers filter it), so
    that the chart's data table lists both."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    edge = last + DAY  # the end of the last day
    x_scale = alt.Scale(domain=[first.strftime("%Y-%m-%d"), edge.strftime("%Y-%m-%d")])
    ticks = [d.strftime("%Y-%m-%d") for d in pd.date_range(first, last, freq="7D")]
    axis = alt.Axis(values=ticks, format="%-d %b", grid=True, title="Date (2020), one column per day")

    ev = event_rows(events)
    ev = ev[(ev["date_start"] >= first) & (ev["date_start"] <= last)].copy()
    until = pd.to_datetime(events.set_index("id").loc[ev["id"], "date_end"].to_numpy())
    ev_frame = pd.DataFrame({
        "layer": "event", "row": ev["type"].to_numpy(), "what": ev["title"].to_numpy(),
        "kind": ev["type"].to_numpy(), "date": ev["date"].to_numpy(), "until": ev["ends"].to_numpy(),
        "held": "", "details": ev["description"].to_numpy(), "who": ev["actors_text"].to_numpy(),
        "disagreement": ev["disagreement"].to_numpy(), "sources": ev["sources"].to_numpy(),
        "x": (ev["date_start"] + HALF_DAY).to_numpy(), "x2": (pd.Series(until) + HALF_DAY).clip(upper=edge).to_numpy(),
        "level": "", "tag": "", "align": "", "number": ""})
    ev_frame["level"] = ev_frame.groupby(["row", "date"]).cumcount().astype(str)

    truces = truce_rows(agreements, start, end)
    late = truces["start"] > first + (edge - first) * 0.7
    tr_frame = pd.DataFrame({
        "layer": "truce", "row": "Ceasefire attempts", "what": truces["name"].to_numpy(),
        "kind": "Ceasefire attempt " + truces["number"], "date": truces["date"].to_numpy(),
        "until": truces["ended"].to_numpy(), "held": truces["held_for"].to_numpy(),
        "details": ("To take effect " + truces["effective"].where(truces["effective"] != "", truces["date"])
                    + "; " + truces["pax"].where(truces["pax"] != "", "not in PA-X")).to_numpy(),
        "who": ("Parties: " + truces["parties_text"] + ". Brokered by: "
                + truces["mediators_text"].where(truces["mediators_text"] != "", "none named")).to_numpy(),
        "disagreement": "", "sources": truces["source_ids_text"].to_numpy(),
        "x": truces["start"].to_numpy(),
        "x2": (truces["date_ended"] + DAY).fillna(edge).clip(upper=edge).to_numpy(),
        "level": (truces.index % 2).astype(str), "tag": (truces["number"] + " · " + truces["held"]).to_numpy(),
        "align": ["right" if is_late else "left" for is_late in late], "number": truces["number"].to_numpy()})
    frame = pd.concat([tr_frame, ev_frame], ignore_index=True)

    types = [label for label in EVENT_TYPE_LABELS.values() if label in set(ev["type"])]
    row_order = ["Ceasefire attempts"] + types
    y = alt.Y("row:N", title=None, sort=row_order, axis=alt.Axis(labelLimit=160))
    x = alt.X("x:T", scale=x_scale, axis=axis)
    description = description or (
        f"The war from {start} to {end}, day by day: {len(ev)} events as points in one row per event type "
        f"(a line where an event lasted several days), and {len(truces)} numbered ceasefire attempts as shaded "
        "bands from the day each was to take effect to the end of the day it broke down; hover a band for how "
        "long each held.")
    tip = [alt.Tooltip("what:N", title="What"), alt.Tooltip("kind:N", title="Kind"),
           alt.Tooltip("date:N", title="Date"), alt.Tooltip("until:N", title="Until"),
           alt.Tooltip("held:N", title="How long it held"), alt.Tooltip("details:N", title="Details"),
           alt.Tooltip("who:N", title="Who"), alt.Tooltip("disagreement:N", title="Where sources differ"),
           alt.Tooltip("sources:N", title="Sources")]
    base = alt.Chart(frame)
    truce = base.transform_filter("datum.layer == 'truce'")
    event = base.transform_filter("datum.layer == 'event'")
    bands = truce.mark_rect(opacity=0.2, color="#009E73", clip=True).encode(x=x, x2="x2:T", tooltip=tip)
    bars = truce.mark_rect(color="#009E73", opacity=0.9, clip=True, height=9).encode(
        x=x, x2="x2:T", y=y, yOffset=alt.YOffset("level:N"), tooltip=tip)
    text = dict(baseline="middle", fontSize=11, fontWeight="bold", color="#00573f")
    # Only the numbers fit without overlapping; tooltips and the table of truces give the rest.
    short = truce.transform_calculate(label="datum.number")
    left = short.transform_filter("datum.align == 'left'").mark_text(align="left", dx=4, **text).encode(
        x=alt.X("x2:T", scale=x_scale), y=y, yOffset=alt.YOffset("level:N"), text="label:N", tooltip=tip)
    right = short.transform_filter("datum.align == 'right'").mark_text(align="right", dx=-4, **text).encode(
        x=x, y=y, yOffset=alt.YOffset("level:N"), text="label:N", tooltip=tip)
    colour = alt.Color("kind:N", legend=None, sort=types,
                       scale=alt.Scale(domain=types, range=[WAR_TYPE_COLOURS.get(t, "#999999") for t in types]))
    lasting = event.transform_filter("isValid(datum.x2)").mark_rule(strokeWidth=3, opacity=0.55, clip=True).encode(
        x=x, x2="x2:T", y=y, yOffset=alt.YOffset("level:N"), color=colour, tooltip=tip)
    points = event.mark_circle(size=85, opacity=0.95, stroke="white", strokeWidth=0.8, clip=True).encode(
        x=x, y=y, yOffset=alt.YOffset("level:N"), color=colour, tooltip=tip)
    return (alt.layer(bands, bars, left, right, lasting, points, title=title or alt.Undefined,
                      description=description)
            .properties(width="container", height=42 * len(row_order)))


def statement_deadlines(provisions: pd.DataFrame, events: pd.DataFrame, agreement_id: str,
                        tracks: dict[str, str], start: str, end: str, title: str | None = None,
                        description: str | None = None) -> alt.LayerChart:
    """An agreement's dated provisions against what happened, one track per topic.

    ``tracks`` maps a track label to a regular expression; a provision with a
    deadline, or an event between ``start`` and ``end``, joins the first track whose
    expression matches its text (the provision, or the event's title). Within a
    track the deadlines come first and what happened below them, each labelled, so
    a slipped deadline shows as a gap between the two."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)

    def track_of(text: str):
        for label, pattern in tracks.items():
            if re.search(pattern, text, flags=re.I):
                return label
        return None

    prov = provisions[(provisions["agreement_id"] == agreement_id) & provisions["deadline"].notna()].copy()
    prov["track"] = prov["provision"].map(track_of)
    prov = prov.dropna(subset=["track"])
    marks = [{"track": p.track, "when": p.deadline, "what": f"Deadline, point {int(p.point)}",
              "detail": p.provision, "note": p.deadline_note if isinstance(p.deadline_note, str) else "",
              "sources": "; ".join(p.source_ids)} for p in prov.itertuples()]
    evs = events[(events["date_start"] >= first) & (events["date_start"] <= last)].copy()
    evs["track"] = evs["title"].map(track_of)
    for e in evs.dropna(subset=["track"]).itertuples():
        marks.append({"track": e.track, "when": e.date_start, "what": e.title, "detail": e.description,
                      "note": "", "sources": "; ".join(e.source_ids)})
    frame = pd.DataFrame(marks)
    frame["kind"] = ["Deadline in the statement" if w.startswith("Deadline") else "What happened (events table)"
                     for w in frame["what"]]
    frame["date"] = frame["when"].map(_iso)
    # Deadlines on the first line of a track, what happened on the lines below.
    frame = frame.sort_values(["track", "kind", "when"]).reset_index(drop=True)
    frame["nth"] = frame.groupby("track").cumcount().astype(str)
    frame["right"] = frame["when"] > first + (last - first) * 0.62
    order = [t for t in tracks if t in set(frame["track"])]
    x_scale = alt.Scale(domain=[first.strftime("%Y-%m-%d"), (last + DAY).strftime("%Y-%m-%d")])
    ticks = [d.strftime("%Y-%m-%d") for d in pd.date_range(first, last, freq="5D")]
    x = alt.X("when:T", title="Date (2020)", scale=x_scale, axis=alt.Axis(values=ticks, format="%-d %b", grid=True))
    y = alt.Y("track:N", title=None, sort=order, axis=alt.Axis(labelLimit=200))
    description = description or (
        f"The dated provisions of the statement against the events that followed, from {start} to {end}, one "
        "track per topic: diamonds are deadlines set in the statement, circles what happened.")
    kinds = ["Deadline in the statement", "What happened (events table)"]
    tip = [alt.Tooltip("what:N", title="What"), alt.Tooltip("date:N", title="Date"),
           alt.Tooltip("detail:N", title="Detail"), alt.Tooltip("note:N", title="Note"),
           alt.Tooltip("sources:N", title="Sources")]
    base = alt.Chart(frame[["track", "when", "what", "date", "detail", "note", "sources", "kind", "nth", "right"]])
    points = base.mark_point(filled=True, size=130, opacity=0.95).encode(
        x=x, y=y, yOffset=alt.YOffset("nth:N"),
        shape=alt.Shape("kind:N", title=None, sort=kinds, scale=alt.Scale(domain=kinds, range=["diamond", "circle"])),
        color=alt.Color("kind:N", title=None, sort=kinds, scale=alt.Scale(domain=kinds, range=[OKABE_ITO[5], OKABE_ITO[0]]),
                        legend=alt.Legend(labelLimit=260)),
        tooltip=tip)
    style = dict(baseline="middle", fontSize=10.5, color="#333")
    left = base.transform_filter("!datum.right").mark_text(align="left", dx=9, **style).encode(
        x=x, y=y, yOffset=alt.YOffset("nth:N"), text="what:N", tooltip=tip)
    right = base.transform_filter("datum.right").mark_text(align="right", dx=-9, **style).encode(
        x=x, y=y, yOffset=alt.YOffset("nth:N"), text="what:N", tooltip=tip)
    return (alt.layer(points, left, right, title=title or alt.Undefined, description=description)
            .properties(width="container", height=16 * int(frame.groupby("track").size().sum()) + 24 * len(order)))
