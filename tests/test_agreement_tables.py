"""The agreement charts and tables of the chapters on the 1991-94 ceasefires and
on the 2020 war: nothing drawn outside its window, no agreement shown as holding
when its end is unrecorded, the statement's provisions read from the data, and
text from the data inert in the tables."""
import re

import pandas as pd
import pytest
import vl_convert as vlc

from booktables import (
    chapter,  # noqa: F401  (the book theme and renderer, as in a chapter)
    load,
)
from booktables.charts import agreements as agreement_charts
from booktables.charts import render, war
from booktables.myst import tables
from booktables.rows import agreements as agreement_rows


def _svg_width(chart) -> float:
    svg = vlc.vegalite_to_svg(render._static_spec(chart.to_dict()), vl_version=render.VL_VERSION)
    return float(re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg).group(1))


def test_war_timeline_stays_inside_its_window():
    chart = war.war_timeline(load("events"), load("agreements"), start="2020-09-27", end="2020-11-10")
    assert _svg_width(chart) < 1000  # the broken draft rendered 15,000 px wide
    truces = agreement_rows.truce_rows(load("agreements"), "2020-09-27", "2020-11-10")
    assert list(truces["pax"]) == ["PA-X 2322", "", "PA-X 2321", "PA-X 2324"]
    assert list(truces["days"].iloc[:3]) == [1, 0, 0]


def test_spans_never_draw_an_unrecorded_end_as_holding():
    rows = agreement_rows.duration_rows(load("agreements"), chapter="ceasefires", end="1995-03-01")
    unrecorded = rows[rows["end_type"].isin(["broke_down", "lapsed", "superseded"]) & rows["date_ended"].isna()]
    assert len(unrecorded) >= 1 and (unrecorded["status"] == agreement_rows.NOT_RECORDED).all()
    assert unrecorded["days"].isna().all()
    chart = agreement_charts.agreement_spans(load("agreements"), chapter="ceasefires", start="1991-09-01", end="1995-03-01")
    assert _svg_width(chart) < 1000


def test_held_phrase_counts_whole_days():
    assert agreement_rows.held_phrase(0, "broke_down", pd.Timestamp("2020-10-18")) == "broke down the day it took effect"
    assert agreement_rows.held_phrase(9635, "broke_down", pd.Timestamp("2020-09-27")) == "9,635 days (over 26 years)"
    assert agreement_rows.held_phrase(pd.NA, "lapsed", pd.NaT) == "ended, but the day is not recorded"


def test_third_parties_are_grouped_by_state_or_body():
    assert agreement_rows.third_party_of("V. Kazimirov (on behalf of the co-chairs of the OSCE Minsk Conference)") == "csce_osce"
    assert agreement_rows.third_party_of("P. S. Grachev (Minister of Defence of Russia)") == "russia"
    assert agreement_rows.third_party_of("Iran (President A. Hashemi Rafsanjani)") == "iran"


def test_provisions_table_reads_every_point_from_the_data():
    provisions = load("provisions")
    mine = provisions[provisions["agreement_id"] == "ag_2020_trilateral_statement"]
    text = tables.provisions_table(provisions, "ag_2020_trilateral_statement", load("sources"),
                               caption="The statement", name="tbl-test").data
    assert text.startswith(":::{table}") and ":name: tbl-test" in text
    body = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| Point")]
    assert len(body) == len(mine)
    assert sorted({int(line.split("|")[1]) for line in body}) == list(range(1, 10))
    for deadline in mine["deadline"].dropna():
        assert deadline.strftime("%Y\\-%m\\-%d") in text
    assert "1\\,960" in text and "Statement_2020_11_10" in text


def test_tables_escape_text_from_the_data():
    agreements = load("agreements")
    agreements.loc[agreements.index[0], "short_name"] = "<script>alert(1)</script> {cite}`x`"
    text = tables.agreements_table(agreements, load("sources"), chapter="ceasefires").data
    assert "<script>" not in text and "{cite}`x`" not in text
    assert len([line for line in text.splitlines() if line.startswith("| ")]) - 1 == len(
        agreement_rows.duration_rows(agreements, chapter="ceasefires"))


def test_tables_carry_column_widths_and_may_break_across_pages():
    text = tables.provisions_table(load("provisions"), "ag_2020_trilateral_statement", load("sources")).data
    head = text.split("\n\n")[0].splitlines()
    assert head[0] == ":::{table}" and ":class: longtable" in head
    widths = next(line for line in head if line.startswith(":widths:")).split()[1:]
    assert len(widths) == 6 and all(w.isdigit() for w in widths)


def test_widths_must_match_the_columns():
    from booktables.myst.blocks import table_directive

    lines = ["| a \\| b | c |", "|---|---|", "| 1 | 2 |"]  # an escaped pipe is not a column
    assert ":widths: 30 70" in table_directive(lines, widths=[30, 70])
    with pytest.raises(ValueError, match="3 widths for 2 columns"):
        table_directive(lines, widths=[30, 30, 40])
    with pytest.raises(ValueError, match="table name"):
        table_directive(lines, name="Bad Name")
