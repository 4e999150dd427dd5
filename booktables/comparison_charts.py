"""Charts of the comparative chapters: Turkish–Russian relations coded over
time and by theatre, the claims × sources matrix, whose voices the claims
carry, and what the sources expected beside what happened later.

Each chart is built from one data frame (layers filter it), so the offline
renderer can print the chart's data as a table under it.
"""
from __future__ import annotations

import json
import re
import textwrap

import altair as alt
import pandas as pd

from .charts import OKABE_ITO, event_rows


RELATION_ORDER = ["cooperative", "mixed", "confrontational"]
RELATION_LABELS = {"cooperative": "Cooperative", "mixed": "Mixed", "confrontational": "Confrontational"}
THEATRE_LABELS = {"syria": "Syria", "libya": "Libya", "south_caucasus": "South Caucasus",
                  "black_sea_ukraine": "Black Sea and Ukraine", "bilateral": "Bilateral"}

# Short names of the questions, for chart axes and tabs (topics.csv holds the full questions).
TOPIC_SHORT = {
    "cooperation_durability": "Will the cooperation last?",
    "relationship_pattern": "How they dealt with each other",
    "precedents": "Lessons of Syria and Libya",
    "russia_motives": "What drove Russia",
    "turkey_role": "Turkey's role",
    "peacekeeping": "'Peacekeeping'",
    "liberation_occupation": "'Liberation', 'occupation'",
    "settlement_outlook": "Karabakh's future",
    "ceasefire_terms": "The final statement",
    "minsk_group": "The Minsk Group",
    "ceasefires_1990s": "The 1991–94 ceasefires",
}

VOICE_ORDER = ["author", "quoted_analyst", "reported_official"]
VOICE_SHORT = {"author": "The author's own words", "quoted_analyst": "An analyst quoted",
               "reported_official": "An official, as reported"}
SEVERAL_VOICES = "Several voices"

# Long corporate names shortened for axis labels.
CORPORATE_SHORT = {"Ivane Javakhishvili Tbilisi State University": "Tbilisi State Univ."}
# Outlet fields that describe the document rather than name a publication.
_DESCRIPTIVE_OUTLET = re.compile(r"^(Institutional|Text as held)", re.I)


def topic_short(topic_id: str, topics: pd.DataFrame | None = None) -> str:
    """The short name of a question, falling back to its full wording."""
    if topic_id in TOPIC_SHORT:
        return TOPIC_SHORT[topic_id]
    if topics is not None:
        match = topics.loc[topics["id"] == topic_id, "question"]
        if len(match):
            return str(match.iloc[0])
    return topic_id


def _names(value) -> list[str]:
    """An authors cell as a list, whether the loader split it or not."""
    if isinstance(value, list):
        return [v.strip() for v in value if isinstance(v, str) and v.strip()]
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    return []


def _corporate_name(row: dict) -> str:
    outlet, publisher = row.get("outlet"), row.get("publisher")
    if isinstance(outlet, str) and outlet and not _DESCRIPTIVE_OUTLET.match(outlet):
        name = outlet
    elif isinstance(publisher, str) and publisher:
        name = publisher
    else:
        name = row["id"]
    name = re.split(r",\s*(?:Volume|Vol\.|Faculty|as reproduced)| \(| republishing", name)[0].strip()
    return CORPORATE_SHORT.get(name, name)


def short_source_label(sources: pd.DataFrame) -> dict[str, str]:
    """'Jafarov & Aslanli 2021', 'Kuzio 2021', 'Eurasia Daily Monitor 2020',
    'Tbilisi State Univ. (n.d.)': short names for chart axes and card headers."""
    labels = {}
    for row in sources.to_dict("records"):
        date = row.get("date")
        year = "" if date is None or pd.isna(date) else f" {pd.Timestamp(date).year}"
        families = [name.split(",")[0].strip() for name in _names(row.get("authors"))]
        if families:
            who = " & ".join(families) if len(families) <= 2 else f"{families[0]} et al."
        else:
            who = _corporate_name(row)
        labels[row["id"]] = f"{who}{year}" if year else f"{who} (n.d.)"
    return labels


def seed_order(sources: pd.DataFrame) -> list[str]:
    """Ids of the five seed documents, in the order of their seed files."""
    return list(sources.dropna(subset=["seed_file"]).sort_values("seed_file")["id"])


def _wrapped_label_expr(labels: list[str], width: int = 14) -> str:
    """A Vega labelExpr that breaks each known label into lines of about `width` characters."""
    expr = "datum.label"
    for label in labels:
        lines = textwrap.wrap(label, width) or [label]
        if len(lines) > 1:
            expr = f"datum.label === {json.dumps(label)} ? {json.dumps(lines)} : ({expr})"
    return expr


# On a narrow screen (a phone) the container is under ~520 px wide: long axis labels
# are shortened and legends stacked, so the marks keep room. Static renderings
# (SVG, PDF) have no container (width 0) and keep the full labels.
NARROW = "(containerSize()[0] > 0 && containerSize()[0] < 520)"


def _short_labels(chars: int) -> str:
    return f"{NARROW} ? truncate(datum.label, {chars}) : datum.label"


def _legend(title: str | None = None, columns: int = 2, **kwargs) -> alt.Legend:
    return alt.Legend(title=title, orient="bottom", columns={"expr": f"{NARROW} ? 1 : {columns}"},
                      labelLimit=kwargs.pop("labelLimit", 220), **kwargs)


# --- Turkish–Russian relations, coded -------------------------------------------------------

def _coded_events(events: pd.DataFrame, chapter: str | None, start: str | None, end: str | None) -> pd.DataFrame:
    rows = events[events["turkey_russia"].notna()]
    if chapter is not None:
        rows = rows[rows["chapters"].map(lambda chapters: chapter in chapters)]
    if start is not None:
        rows = rows[rows["date_start"] >= pd.Timestamp(start)]
    if end is not None:
        rows = rows[rows["date_start"] <= pd.Timestamp(end)]
    flat = event_rows(rows)
    info = rows.set_index("id")
    flat["relation"] = flat["id"].map(info["turkey_russia"]).map(RELATION_LABELS)
    flat["theatre"] = flat["id"].map(info["theatre"]).map(THEATRE_LABELS)
    return flat


def cooperation_over_time(events: pd.DataFrame, chapter: str | None = None, start: str | None = None,
                          end: str | None = None, title: str | None = None, description: str | None = None):
    """Turkish–Russian events coded cooperative, mixed or confrontational, over time.

    One band per code; inside a band, one lane per theatre (colour and shape
    repeat the theatre), so events of the same week do not hide one another.
    The 2020 war is shaded for orientation."""
    flat = _coded_events(events, chapter, start, end)
    theatres = [label for label in THEATRE_LABELS.values() if label in set(flat["theatre"])]
    relations = [RELATION_LABELS[r] for r in RELATION_ORDER]
    description = description or (
        f"{len(flat)} events in Turkish–Russian relations from {flat['date'].min()} to {flat['date'].max()}, "
        "each coded cooperative, mixed or confrontational (one band each) and placed in a lane for its theatre; "
        "the 2020 Karabakh war is shaded. Hover a point for the event, its date, the code and the sources.")
    margin = pd.Timedelta(days=75)
    domain = [(flat["date_start"].min() - margin).strftime("%Y-%m-%d"),
              (flat["date_start"].max() + margin).strftime("%Y-%m-%d")]
    base = alt.Chart(flat)
    war_start, war_end = alt.DateTime(year=2020, month=9, date=27), alt.DateTime(year=2020, month=11, date=10)
    one_row = base.transform_aggregate(events="count()")
    war = one_row.mark_rect(color="#999999", opacity=0.18, aria=False).encode(x=alt.datum(war_start), x2=alt.datum(war_end))
    war_label = one_row.mark_text(align="right", baseline="top", dx=-3, dy=2, fontSize=11, color="#555555").encode(
        x=alt.datum(war_start), y=alt.value(0), text=alt.value("2020 war"))
    points = base.mark_point(filled=True, size=95, opacity=0.9, stroke="white", strokeWidth=0.5).encode(
        x=alt.X("date_start:T", title=None, scale=alt.Scale(domain=domain),
                axis=alt.Axis(format="%Y", tickCount="year", labelOverlap=True)),
        y=alt.Y("relation:N", title=None, sort=relations, scale=alt.Scale(domain=relations),
                axis=alt.Axis(labelFontWeight="bold", labelPadding=6, tickBand="extent", grid=True,
                              gridColor="#bbbbbb", ticks=False, domain=False)),
        yOffset=alt.YOffset("theatre:N", sort=theatres, scale=alt.Scale(domain=theatres, paddingOuter=0.6)),
        color=alt.Color("theatre:N", title="Theatre", sort=theatres, legend=_legend("Theatre", 3),
                        scale=alt.Scale(domain=theatres, range=OKABE_ITO[:len(theatres)])),
        shape=alt.Shape("theatre:N", title="Theatre", sort=theatres, legend=_legend("Theatre", 3),
                        scale=alt.Scale(domain=theatres)),
        tooltip=[alt.Tooltip("title:N", title="Event"), alt.Tooltip("date:N", title="Date"),
                 alt.Tooltip("ends:N", title="Until"), alt.Tooltip("relation:N", title="Coded as"),
                 alt.Tooltip("theatre:N", title="Theatre"), alt.Tooltip("description:N", title="What happened"),
                 alt.Tooltip("sources:N", title="Sources")],
    )
    return (alt.layer(points, war, war_label, title=title or alt.Undefined, description=description)
            .properties(width="container", height=72 * len(relations)))


def relations_by_theatre(events: pd.DataFrame, chapter: str | None = None, start: str | None = None,
                         end: str | None = None, title: str | None = None, description: str | None = None):
    """How many coded events fall in each theatre under each code: the 'compartments' at a glance."""
    flat = _coded_events(events, chapter, start, end)
    theatres = [label for label in THEATRE_LABELS.values() if label in set(flat["theatre"])]
    relations = [RELATION_LABELS[r] for r in RELATION_ORDER]
    grid = pd.MultiIndex.from_product([theatres, relations], names=["theatre", "relation"]).to_frame(index=False)
    counts = (flat.sort_values("date_start").groupby(["theatre", "relation"])
              .agg(n=("id", "size"), events=("title", lambda s: "; ".join(s)))
              .reset_index())
    cells = grid.merge(counts, how="left", on=["theatre", "relation"])
    cells["n"] = cells["n"].fillna(0).astype(int)
    cells["events"] = cells["events"].fillna("(none)")
    description = description or (
        f"{int(cells['n'].sum())} coded events counted by theatre (rows) and code (columns); "
        "darker cells hold more events. Hover a cell for the events it counts.")
    base = alt.Chart(cells)
    x = alt.X("relation:N", title=None, sort=relations, axis=alt.Axis(orient="top", labelAngle=0, labelFontWeight="bold"))
    y = alt.Y("theatre:N", title=None, sort=theatres)
    tooltip = [alt.Tooltip("theatre:N", title="Theatre"), alt.Tooltip("relation:N", title="Coded as"),
               alt.Tooltip("n:Q", title="Events"), alt.Tooltip("events:N", title="Which")]
    rects = base.mark_rect(stroke="white", strokeWidth=2).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("n:Q", title="Events", scale=alt.Scale(scheme="blues", domainMin=0), legend=None))
    threshold = max(int(cells["n"].max()) // 2, 1)
    text = base.mark_text(fontSize=14, fontWeight="bold").encode(
        x=x, y=y, text=alt.Text("n:Q"), tooltip=tooltip,
        color=alt.condition(f"datum.n > {threshold}", alt.value("white"), alt.value("#222222")))
    return (alt.layer(rects, text, title=title or alt.Undefined, description=description)
            .properties(width="container", height=46 * len(theatres)))


# --- The claims × sources matrix ------------------------------------------------------------

def _stance_table(stances: pd.DataFrame) -> pd.DataFrame:
    table = stances.copy()
    table["order"] = table["order"].astype(int)
    return table.sort_values(["order"]).set_index(["topic_id", "stance"])


def _row_labels(topic_ids: list[str], stances: pd.DataFrame, topics: pd.DataFrame) -> tuple[dict, list[str], list[str]]:
    """{(topic, stance): axis label}, the y domain (question headers, then their stances) and the headers."""
    labels, domain, headers = {}, [], []
    used: set[str] = set()
    for topic in topic_ids:
        header = topic_short(topic, topics).upper()
        headers.append(header)
        domain.append(header)
        for row in stances[stances["topic_id"] == topic].sort_values("order").itertuples():
            label = str(row.label)
            if label in used or label in headers:  # the same label under two questions
                label = f"{label} ({topic_short(topic, topics)})"
            used.add(label)
            labels[(topic, row.stance)] = label
            domain.append(label)
    return labels, domain, headers


def _voice_of(voices: pd.Series) -> str:
    unique = list(dict.fromkeys(voices))
    return VOICE_SHORT[unique[0]] if len(unique) == 1 else SEVERAL_VOICES


def _quotes_text(quotes: pd.Series, locators: pd.Series, limit: int = 240) -> str:
    out = []
    for quote, locator in zip(quotes, locators):
        quote = str(quote)
        quote = quote if len(quote) <= limit else quote[:limit].rsplit(" ", 1)[0] + " …"
        out.append(f"“{quote}” ({locator})")
    return " / ".join(out)


def claims_matrix(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame, topics: pd.DataFrame,
                  topic_ids: list[str] | None = None, title: str | None = None, description: str | None = None):
    """Sources (columns) × questions and their readings (rows): a circle where a source
    takes a reading, sized by its number of claims and coloured by whose voice they carry;
    the quotes are in the tooltip. Each question is a bold header row above its readings."""
    labels = short_source_label(sources)
    seeds = seed_order(sources)
    present = set(claims["topic_id"])
    topic_ids = [t for t in (topic_ids or list(topics["id"])) if t in present]
    row_label, domain, headers = _row_labels(topic_ids, stances, topics)
    order = _stance_table(stances)["order"]
    rows = claims[claims["topic_id"].isin(topic_ids) & claims["source_id"].isin(seeds)].copy()
    rows["source"] = rows["source_id"].map(labels)
    rows["reading"] = [row_label[(t, s)] for t, s in zip(rows["topic_id"], rows["stance"])]
    rows["stance_order"] = [int(order.loc[(t, s)]) for t, s in zip(rows["topic_id"], rows["stance"])]
    rows["speaker"] = rows["speaker"].fillna("")
    cell = (rows.groupby(["source_id", "topic_id", "stance"], sort=False)
            .agg(source=("source", "first"), reading=("reading", "first"), n=("id", "size"),
                 voice=("voice", _voice_of),
                 speakers=("speaker", lambda s: "; ".join(dict.fromkeys(x for x in s if x))),
                 quotes=("quote", lambda q: _quotes_text(q, rows.loc[q.index, "locator"])))
            .reset_index())
    cell["question"] = cell["topic_id"].map(topics.set_index("id")["question"])
    cell = cell[["source", "question", "reading", "n", "voice", "speakers", "quotes"]]
    source_order = [labels[s] for s in seeds]
    voices = [VOICE_SHORT[v] for v in VOICE_ORDER] + [SEVERAL_VOICES]
    header_test = f"indexof({json.dumps(headers)}, datum.value) >= 0"
    description = description or (
        f"{len(rows)} coded claims from {rows['source_id'].nunique()} sources on {len(topic_ids)} questions. "
        "Columns are sources; rows are the readings of each question, under a header naming the question. "
        "A circle means the source takes that reading; its size counts the claims and its colour says whose "
        "voice they carry. Hover a circle for the quotes.")
    return (
        alt.Chart(cell, title=title or alt.Undefined, description=description)
        .mark_circle(opacity=0.9, stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("source:N", title=None, sort=source_order, scale=alt.Scale(domain=source_order),
                    axis=alt.Axis(orient="top", labelFontWeight="bold", labelLimit=200, labelPadding=8,
                                  domain=False, ticks=False,
                                  labelExpr=f"{NARROW} ? datum.label : ({_wrapped_label_expr(source_order)})",
                                  labelAngle={"expr": f"{NARROW} ? -90 : 0"},
                                  labelAlign={"expr": f"{NARROW} ? 'left' : 'center'"},
                                  labelBaseline={"expr": f"{NARROW} ? 'middle' : 'bottom'"})),
            y=alt.Y("reading:N", title=None, sort=domain, scale=alt.Scale(domain=domain),
                    axis=alt.Axis(labelLimit=300, ticks=False, domain=False, grid=True, gridColor="#f0f0f0",
                                  labelExpr=_short_labels(24),
                                  labelFontWeight={"condition": {"test": header_test, "value": "bold"}, "value": "normal"},
                                  labelColor={"condition": {"test": header_test, "value": "#000000"}, "value": "#444444"})),
            size=alt.Size("n:Q", title="Claims", scale=alt.Scale(range=[70, 380], domainMin=1),
                          legend=_legend("Claims", 1, values=[1, 2, 3], format="d", symbolFillColor="#777777")),
            color=alt.Color("voice:N", title="Whose words", sort=voices,
                            scale=alt.Scale(domain=voices, range=[OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[5], "#777777"]),
                            legend=_legend("Whose words", 2)),
            tooltip=[alt.Tooltip("source:N", title="Source"), alt.Tooltip("question:N", title="Question"),
                     alt.Tooltip("reading:N", title="Reading"), alt.Tooltip("n:Q", title="Claims"),
                     alt.Tooltip("voice:N", title="Whose words"), alt.Tooltip("speakers:N", title="Speakers"),
                     alt.Tooltip("quotes:N", title="Quotes (where)")],
        )
        .properties(width="container", height=17 * len(domain))
    )


def voices_by_source(claims: pd.DataFrame, sources: pd.DataFrame, title: str | None = None,
                     description: str | None = None):
    """For each seed document, how many of its coded claims are in the author's own words,
    an analyst's it quotes, or an official's it reports."""
    labels = short_source_label(sources)
    seeds = seed_order(sources)
    rows = claims[claims["source_id"].isin(seeds)].copy()
    rows["speaker"] = rows["speaker"].fillna("")
    counts = (rows.groupby(["source_id", "voice"])
              .agg(n=("id", "size"), speakers=("speaker", lambda s: "; ".join(dict.fromkeys(x for x in s if x))))
              .reset_index())
    counts["source"] = counts["source_id"].map(labels)
    counts["whose"] = counts["voice"].map(VOICE_SHORT)
    counts["voice_rank"] = counts["voice"].map(VOICE_ORDER.index)
    counts = counts[["source", "whose", "voice_rank", "n", "speakers"]]
    voices = [VOICE_SHORT[v] for v in VOICE_ORDER]
    description = description or (
        f"{len(rows)} coded claims of the five sources, one bar per source, split by whose words the quote "
        "carries: the author's, an analyst the source quotes, or an official whose position it reports.")
    return (
        alt.Chart(counts, title=title or alt.Undefined, description=description)
        .mark_bar(stroke="white", strokeWidth=1)
        .encode(
            y=alt.Y("source:N", title=None, sort=[labels[s] for s in seeds], axis=alt.Axis(labelLimit=200)),
            x=alt.X("n:Q", title="Coded claims", stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("whose:N", title="Whose words", sort=voices, legend=_legend("Whose words", 3),
                            scale=alt.Scale(domain=voices, range=[OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[5]])),
            order=alt.Order("voice_rank:Q"),
            tooltip=[alt.Tooltip("source:N", title="Source"), alt.Tooltip("whose:N", title="Whose words"),
                     alt.Tooltip("n:Q", title="Claims"), alt.Tooltip("speakers:N", title="Speakers")],
        )
        .properties(width="container", height=40 * len(seeds))
    )


# --- What the sources expected, and what came later -----------------------------------------

LATER_EVENTS = {
    "ev_2023_azerbaijani_operation": "Azerbaijan's military operation",
    "ev_2023_exodus": "Most Karabakh Armenians leave",
    "ev_2023_dissolution_decree": "Dissolution decree",
    "ev_2024_jmc_closure": "Joint centre closes",
    "ev_2024_peacekeepers_withdrawal": "Russian contingent leaves",
    "ev_2025_washington_declaration": "Washington declaration",
}
RECORD = "Later record"


def expectations_and_aftermath(claims: pd.DataFrame, sources: pd.DataFrame, stances: pd.DataFrame,
                               topics: pd.DataFrame, events: pd.DataFrame,
                               topic_ids: tuple[str, ...] = ("cooperation_durability", "settlement_outlook"),
                               later_events: dict[str, str] | None = None, end: str = "2025-12-31",
                               title: str | None = None, description: str | None = None):
    """What each dated source expected, at the date it was published, above the events of
    2023–2025 that bear on those expectations. Undated sources cannot be placed."""
    later_events = later_events or LATER_EVENTS
    labels = short_source_label(sources)
    seeds = seed_order(sources)
    info = sources.set_index("id")
    row_label, domain, headers = _row_labels(list(topic_ids), stances, topics)
    chosen = claims[claims["topic_id"].isin(topic_ids) & claims["source_id"].isin(seeds)]
    dated = chosen[chosen["source_id"].map(lambda s: not pd.isna(info.loc[s, "date"]))]
    undated = sorted({labels[s] for s in chosen["source_id"]} - {labels[s] for s in dated["source_id"]})
    precision = {"day": "%d %B %Y", "month": "%B %Y", "year": "%Y"}
    expectations = pd.DataFrame({
        "kind": "expectation",
        "date": dated["source_id"].map(lambda s: info.loc[s, "date"]),
        "when": dated["source_id"].map(
            lambda s: info.loc[s, "date"].strftime(precision.get(info.loc[s, "date_precision"], "%d %B %Y"))
            + ("" if info.loc[s, "date_precision"] == "day" else f" ({info.loc[s, 'date_precision']} only)")),
        "who": dated["source_id"].map(labels),
        "row": [row_label[(t, s)] for t, s in zip(dated["topic_id"], dated["stance"])],
        "words": [f"“{q}”" for q in dated["quote"]],
        "where": dated["locator"],
    })
    ev = events.set_index("id").loc[[e for e in later_events if e in set(events["id"])]]
    record = pd.DataFrame({
        "kind": "record",
        "date": ev["date_start"],
        "when": ev["date_start"].dt.strftime("%d %B %Y").where(ev["date_precision"] == "day",
                                                               ev["date_start"].dt.strftime("%B %Y")),
        "who": "Primary record",
        "row": [later_events[e] for e in ev.index],
        "words": ev["description"],
        "where": ev["source_ids"].map(lambda ids: "; ".join(ids)),
    })
    frame = pd.concat([expectations, record], ignore_index=True)
    record_header = RECORD.upper()
    y_domain = domain + [record_header] + list(later_events.values())
    headers = headers + [record_header]
    who_domain = [labels[s] for s in seeds if labels[s] in set(frame["who"])] + ["Primary record"]
    palette = [OKABE_ITO[i] for i in (0, 1, 2, 3, 5)][:len(who_domain) - 1] + ["#555555"]
    header_test = f"indexof({json.dumps(headers)}, datum.value) >= 0"
    first, last = pd.Timestamp("2020-09-01"), pd.Timestamp(end)
    description = description or (
        f"What {dated['source_id'].nunique()} dated sources expected on {len(topic_ids)} questions, placed at their "
        "publication dates (late 2020 to mid-2021), above the events of 2023–2025 that bear on those expectations, "
        "with dashed lines at the later events' dates. "
        + (f"Not shown, for want of a date: {', '.join(undated)}. " if undated else "")
        + "Hover a mark for the quote or the event.")
    base = alt.Chart(frame)
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=[first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d")]),
              axis=alt.Axis(format="%Y", tickCount="year"))
    tooltip = [alt.Tooltip("who:N", title="Source"), alt.Tooltip("when:N", title="Date"),
               alt.Tooltip("row:N", title="Reading or event"), alt.Tooltip("words:N", title="In its words"),
               alt.Tooltip("where:N", title="Where")]
    marks = base.mark_point(filled=True, size=110, opacity=0.9, stroke="white", strokeWidth=0.5).encode(
        x=x,
        y=alt.Y("row:N", title=None, sort=y_domain, scale=alt.Scale(domain=y_domain),
                axis=alt.Axis(labelLimit=300, ticks=False, domain=False, grid=True, gridColor="#f0f0f0",
                              labelExpr=_short_labels(22),
                              labelFontWeight={"condition": {"test": header_test, "value": "bold"}, "value": "normal"},
                              labelColor={"condition": {"test": header_test, "value": "#000000"}, "value": "#444444"})),
        color=alt.Color("who:N", title="Source", sort=who_domain, scale=alt.Scale(domain=who_domain, range=palette),
                        legend=_legend("Source", 2)),
        shape=alt.Shape("kind:N", legend=None, scale=alt.Scale(domain=["expectation", "record"], range=["circle", "diamond"])),
        tooltip=tooltip,
    )
    rules = base.transform_filter("datum.kind === 'record'").mark_rule(
        strokeDash=[3, 3], color="#999999", opacity=0.8).encode(x=x, tooltip=tooltip)
    return (alt.layer(rules, marks, title=title or alt.Undefined, description=description)
            .properties(width="container", height=22 * len(y_domain)))


# --- How long the Turkish–Russian arrangements lasted ---------------------------------------

PROCESS_LABELS = {"syria": "Syria", "libya": "Libya", "turkey_russia": "Turkey–Russia (Karabakh)",
                  "karabakh": "Karabakh"}
END_LABELS = {"broke_down": "broke down", "lapsed": "lapsed", "superseded": "superseded", "held": "held",
              "in_force": "in force", "not_applicable": "no end date applies"}


def arrangement_spans(agreements: pd.DataFrame, processes: tuple[str, ...] = ("syria", "libya", "turkey_russia"),
                      extra_ids: tuple[str, ...] = ("ag_2020_trilateral_statement",), until: str = "2025-12-31",
                      title: str | None = None, description: str | None = None):
    """The arrangements Turkey and Russia made or joined, each as a line from the day it took
    effect to the day it broke down, lapsed or was superseded. Documents that set up no
    lasting regime (joint statements, conference conclusions) and those whose end the
    table does not date are a single diamond at the day of signature."""
    rows = agreements[agreements["process"].isin(processes) | agreements["id"].isin(extra_ids)].copy()
    rows["start"] = rows["date_effective"].fillna(rows["date_signed"])
    rows = rows.sort_values("start").reset_index(drop=True)
    rows["label"] = rows["short_name"].astype(str)
    rows["theatre"] = rows["process"].map(PROCESS_LABELS)
    rows["span"] = rows["date_ended"].notna()
    rows["end"] = rows["date_ended"]
    fmt = lambda d: "" if pd.isna(d) else pd.Timestamp(d).strftime("%Y-%m-%d")
    rows["signed"] = rows["date_signed"].map(fmt)
    rows["effective"] = rows["start"].map(fmt)
    rows["ended"] = [fmt(e) if s else "" for e, s in zip(rows["end"], rows["span"])]
    rows["how_ended"] = rows["end_type"].map(END_LABELS)
    rows["lasted"] = [
        f"{(e - s).days:,} days ({(e - s).days / 365.25:.1f} years)" if sp else
        ("not dated in the table" if t in ("lapsed", "broke_down", "superseded") else "no span: a one-off document")
        for s, e, sp, t in zip(rows["start"], rows["end"], rows["span"], rows["end_type"])]
    rows["terms"] = rows["peacekeeping_terms"].fillna("").astype(str)
    rows["outcome_text"] = rows["outcome"].astype(str)
    keep = ["label", "theatre", "signed", "effective", "ended", "how_ended", "lasted", "terms", "outcome_text",
            "start", "end", "span"]
    frame = rows[keep]
    order = list(frame["label"])
    theatres = [label for key, label in PROCESS_LABELS.items() if label in set(frame["theatre"])]
    description = description or (
        f"{len(frame)} agreements that Turkey and Russia made or joined in Syria, Libya and over Karabakh, one row "
        "each in order of the day they took effect: a line to the day each broke down, lapsed or was superseded, "
        "or a diamond for documents with no span. Hover for the terms and the outcome.")
    base = alt.Chart(frame)
    x = alt.X("start:T", title=None, scale=alt.Scale(domain=["2016-10-01", until]),
              axis=alt.Axis(format="%Y", tickCount="year"))
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=240, labelExpr=_short_labels(22)))
    color = alt.Color("theatre:N", title="Theatre", sort=theatres, legend=_legend("Theatre", 2),
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
