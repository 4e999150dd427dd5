"""Charts of the claims: the claims × sources matrix, whose voices the claims
carry, and what the sources expected beside what happened later.

Each chart is built from one data frame (layers filter it), so the renderer
can print the chart's data as a table under it.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from ..data import labels
from ..rows.claims import CAMP_KINDS, camps, expectations_frame, matrix_cells, scorecard_rows, voice_counts, voice_order
from ..rows.common import iso
from .theme import NARROW, OKABE_ITO, header_test, legend, phone_wrapped, short_labels, wrapped_label_expr


def claims_matrix(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame, topics: pd.DataFrame,
                  topic_ids: list[str] | None = None, title: str | None = None, description: str | None = None,
                  quotes_at: str | None = None, table_at: str | None = None):
    """Sources (columns) × questions and their readings (rows): a circle where a source
    takes a reading, sized by its number of claims and coloured by whose voice they carry;
    the quotes are in the tooltip. Each question is a bold header row above its readings.

    ``quotes_at`` (a link, such as ``../data.html#claims-quotes``) leaves the quotes out
    of the chart and its data table to that page, which gives the table with every quote:
    the book's largest chart then carries its quotes once, on the data page. ``table_at``
    keeps the quotes in the tooltip and leaves only the data table to that page."""
    cell, axes = matrix_cells(claims, sources, stances, topics, topic_ids)
    source_order, domain = axes["sources"], axes["domain"]
    voices = voice_order()
    headers = header_test(axes["headers"])
    description = description or (
        f"{axes['claims']} coded claims from {axes['n_sources']} sources on {len(axes['topics'])} questions. "
        "Columns are sources; rows are the readings of each question, under a header naming the question. "
        "A circle means the source takes that reading; its size counts the claims and its colour says whose "
        "voice they carry. " + ("The quotes are in the claims table of the data page." if quotes_at
                                else "Hover a circle for the quotes."))
    return (
        alt.Chart(cell, title=title or alt.Undefined, description=description)
        .mark_circle(opacity=0.9, stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("source:N", title=None, sort=source_order, scale=alt.Scale(domain=source_order),
                    axis=alt.Axis(orient="top", labelFontWeight="bold", labelLimit=200, labelPadding=8,
                                  domain=False, ticks=False,
                                  labelExpr=f"{NARROW} ? datum.label : ({wrapped_label_expr(source_order)})",
                                  labelAngle={"expr": f"{NARROW} ? -90 : 0"},
                                  labelAlign={"expr": f"{NARROW} ? 'left' : 'center'"},
                                  labelBaseline={"expr": f"{NARROW} ? 'middle' : 'bottom'"})),
            # The scale's domain orders the rows; a sort list as well would repeat it.
            y=alt.Y("reading:N", title=None, scale=alt.Scale(domain=domain),
                    axis=alt.Axis(labelLimit=300, ticks=False, domain=False, grid=True, gridColor="#f0f0f0",
                                  labelExpr=short_labels(30),
                                  labelFontWeight={"condition": {"test": headers, "value": "bold"}, "value": "normal"},
                                  labelColor={"condition": {"test": headers, "value": "#000000"}, "value": "#444444"})),
            size=alt.Size("n:Q", title="Claims", scale=alt.Scale(range=[70, 380], domainMin=1),
                          legend=legend("Claims", 1, values=[1, 2, 3], format="d", symbolFillColor="#777777")),
            color=alt.Color("voice:N", title="Whose words", sort=voices,
                            scale=alt.Scale(domain=voices, range=[OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[5], "#777777"]),
                            legend=legend("Whose words", 2)),
            tooltip=[alt.Tooltip("source:N", title="Source"), alt.Tooltip("question:N", title="Question"),
                     alt.Tooltip("reading:N", title="Reading"), alt.Tooltip("n:Q", title="Claims"),
                     alt.Tooltip("voice:N", title="Whose words"), alt.Tooltip("speakers:N", title="Speakers")]
            + ([] if quotes_at else [alt.Tooltip("quotes:N", title="Quotes (where)")])
            + [alt.Tooltip("ids:N", title="Claims (click for the first in the explorer)")],
            href="href:N",
        )
        .properties(width="container", height=17 * len(domain), **_quotes_elsewhere(quotes_at or table_at))
    )


def _quotes_elsewhere(href: str | None) -> dict:
    if not href:
        return {}
    return {"usermeta": {"book_table": {"elsewhere": True, "href": href, "where": "the claims table of the data page",
                                        "note": "This chart's data table, with every quote and its locator, is"}}}


def claims_quotes_table(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame,
                        topics: pd.DataFrame):
    """The claims matrix as one table, every cell with its quotes and locators: the full
    text alternative of the matrix, for the data page."""
    from .render import HtmlBlock, data_table
    spec = claims_matrix(claims, sources, stances, topics).to_dict()  # the quotes in the table
    return HtmlBlock(data_table(spec, full=True).replace('<details class="chart-data">',
                                                         '<details class="chart-data" open>', 1),
                     elsewhere="Every coded claim, with its quote and locator, is printed in "
                               "{ref}`the explorer <explorer>`, one row each.")


def voices_by_source(claims: pd.DataFrame, sources: pd.DataFrame, title: str | None = None,
                     description: str | None = None):
    """For each seed document, how many of its coded claims are in the author's own words,
    an analyst's it quotes, or an official's it reports."""
    counts, source_order, n_claims = voice_counts(claims, sources)
    voices = labels.label_order("voices")
    description = description or (
        f"{n_claims} coded claims of the five sources, one bar per source, split by whose words the quote "
        "carries: the author's, an analyst the source quotes, or an official whose position it reports.")
    return (
        alt.Chart(counts, title=title or alt.Undefined, description=description)
        .mark_bar(stroke="white", strokeWidth=1)
        .encode(
            y=alt.Y("source:N", title=None, sort=source_order, axis=alt.Axis(labelLimit=200)),
            x=alt.X("n:Q", title="Coded claims", stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("whose:N", title="Whose words", sort=voices, legend=legend("Whose words", 3),
                            scale=alt.Scale(domain=voices, range=[OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[5]])),
            order=alt.Order("voice_rank:Q"),
            tooltip=[alt.Tooltip("source:N", title="Source"), alt.Tooltip("whose:N", title="Whose words"),
                     alt.Tooltip("n:Q", title="Claims"), alt.Tooltip("speakers:N", title="Speakers")],
        )
        .properties(width="container", height=40 * len(source_order))
    )


def expectations_and_aftermath(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame,
                               topics: pd.DataFrame, events: pd.DataFrame,
                               topic_ids: tuple[str, ...] = ("cooperation_durability", "settlement_outlook"),
                               end: str = "2025-12-31",
                               title: str | None = None, description: str | None = None):
    """What each dated source expected, at the date it was published, above the events of
    2023–2025 that bear on those expectations (later_record.csv). Undated sources cannot be placed."""
    frame, axes = expectations_frame(claims, sources, stances, topics, events, topic_ids)
    y_domain, who_domain, undated = axes["domain"], axes["who"], axes["undated"]
    palette = [OKABE_ITO[i] for i in (0, 1, 2, 3, 5)][:len(who_domain) - 1] + ["#555555"]
    headers = header_test(axes["headers"])
    first, last = pd.Timestamp("2020-09-01"), pd.Timestamp(end)
    description = description or (
        f"What {axes['n_dated']} dated sources expected on {len(topic_ids)} questions, placed at their "
        "publication dates (late 2020 to mid-2021), above the events of 2023–2025 that bear on those expectations, "
        "with dashed lines at the later events' dates. "
        + (f"Not shown, for want of a date: {', '.join(undated)}. " if undated else "")
        + "Hover a mark for the quote or the event.")
    base = alt.Chart(frame)
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=[iso(first), iso(last)]),
              axis=alt.Axis(format="%Y", tickCount="year"))
    tooltip = [alt.Tooltip("who:N", title="Source"), alt.Tooltip("when:N", title="Date"),
               alt.Tooltip("row:N", title="Reading or event"), alt.Tooltip("words:N", title="In its words"),
               alt.Tooltip("where:N", title="Where")]
    marks = base.mark_point(filled=True, size=110, opacity=0.9, stroke="white", strokeWidth=0.5).encode(
        x=x,
        y=alt.Y("row:N", title=None, sort=y_domain, scale=alt.Scale(domain=y_domain),
                axis=alt.Axis(labelLimit=300, ticks=False, domain=False, grid=True, gridColor="#f0f0f0",
                              labelExpr=short_labels(30),
                              labelFontWeight={"condition": {"test": headers, "value": "bold"}, "value": "normal"},
                              labelColor={"condition": {"test": headers, "value": "#000000"}, "value": "#444444"})),
        color=alt.Color("who:N", title="Source", sort=who_domain, scale=alt.Scale(domain=who_domain, range=palette),
                        legend=legend("Source", 2)),
        shape=alt.Shape("kind:N", legend=None, scale=alt.Scale(domain=["expectation", "record"], range=["circle", "diamond"])),
        tooltip=tooltip,
    )
    rules = base.transform_filter("datum.kind === 'record'").mark_rule(
        strokeDash=[3, 3], color="#999999", opacity=0.8).encode(x=x, tooltip=tooltip)
    return (alt.layer(rules, marks, title=title or alt.Undefined, description=description)
            .properties(width="container", height=22 * len(y_domain)))


def agreement_view(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame, topics: pd.DataFrame,
                   title: str | None = None, description: str | None = None):
    """Where the five sources agree and where they part, question by question: one
    segment per source, coloured by whether it shares a reading most sources give
    (any of them, where several tie), gives only other readings, or has no claim
    coded. Questions are sorted from the most to the least agreement."""
    frame = camps(claims, sources, stances, topics)
    kinds = list(CAMP_KINDS)
    frame["kind_rank"] = frame["kind"].map(kinds.index)
    share = frame[frame["kind"] == kinds[0]].groupby("question").size() / frame[frame["kind"] != kinds[2]].groupby(
        "question").size()
    order = list(share.fillna(0).sort_values(ascending=False, kind="stable").index)
    description = description or (
        f"For each of {len(order)} questions, the five sources as five segments: those that share the most common "
        "reading, those that give only other readings, and those with no claim coded on the question. Questions "
        "run from the most to the least agreement; hover a segment for the source and its readings.")
    return (
        alt.Chart(frame, title=title or alt.Undefined, description=description)
        .mark_bar(stroke="white", strokeWidth=1.5)
        .encode(
            y=alt.Y("question:N", title=None, sort=order, axis=alt.Axis(labelLimit=240, labelExpr=phone_wrapped(order))),
            x=alt.X("count():Q", title="Sources", axis=alt.Axis(values=[0, 1, 2, 3, 4, 5], format="d")),
            color=alt.Color("kind:N", title=None, sort=kinds, legend=legend(None, 2),
                            scale=alt.Scale(domain=kinds, range=[OKABE_ITO[0], OKABE_ITO[1], "#dddddd"])),
            order=alt.Order("kind_rank:Q"),
            tooltip=[alt.Tooltip("question:N", title="Question"), alt.Tooltip("source:N", title="Source"),
                     alt.Tooltip("kind:N", title="Where it stands"), alt.Tooltip("readings:N", title="Its readings"),
                     alt.Tooltip("largest:N", title="Most common reading(s)"),
                     alt.Tooltip("camp_size:Q", title="Sources giving each")],
        )
        .properties(width="container", height=30 * len(order))
    )


def verdicts_by_source(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame, outcomes: pd.DataFrame,
                       title: str | None = None, description: str | None = None):
    """The scorecard at a glance: for each seed source, its readings of the five
    scored questions, one segment each, coloured by the verdict outcomes.csv gives
    the reading against the record up to 2025."""
    rows = scorecard_rows(claims, sources, stances, outcomes)
    verdicts = labels.label_order("verdicts")
    order = list(dict.fromkeys(rows["source"]))
    frame = rows[["source", "question", "reading", "whose", "verdict", "verdict_order", "reasoning"]]
    description = description or (
        f"{len(frame)} readings that the five sources give on five questions whose outcome can be checked, one "
        "segment each per source, coloured by the book's verdict against the record up to 2025: borne out, partly "
        "borne out, not borne out, or not testable. Hover a segment for the reading and the reason.")
    return (
        alt.Chart(frame, title=title or alt.Undefined, description=description)
        .mark_bar(stroke="white", strokeWidth=1.5)
        .encode(
            y=alt.Y("source:N", title=None, sort=order, axis=alt.Axis(labelLimit=220)),
            x=alt.X("count():Q", title="Readings on the five scored questions", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("verdict:N", title="Verdict (to 2025)", sort=verdicts, legend=legend("Verdict (to 2025)", 4),
                            scale=alt.Scale(domain=verdicts, range=[OKABE_ITO[2], OKABE_ITO[4], OKABE_ITO[5], "#bbbbbb"])),
            order=alt.Order("verdict_order:Q"),
            tooltip=[alt.Tooltip("source:N", title="Source"), alt.Tooltip("question:N", title="Question"),
                     alt.Tooltip("reading:N", title="Reading"), alt.Tooltip("whose:N", title="Whose words"),
                     alt.Tooltip("verdict:N", title="Verdict"), alt.Tooltip("reasoning:N", title="Why")],
        )
        .properties(width="container", height=40 * len(order))
    )
