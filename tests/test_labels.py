"""Each code has one label and each rule one home: the coding tables in data/
decide what every chart and table shows, and the shared rules give one answer."""
import re

import pandas as pd
import pytest

from booktables import load
from booktables.charts import agreements as agreement_charts
from booktables.charts import claims as claim_charts
from booktables.charts import timelines
from booktables.data import labels, paths
from booktables.myst import cards, tables
from booktables.myst.text import escape
from booktables.rows import agreements as agreement_rows
from booktables.rows.common import date_text, select
from conftest import set_cell


def chart_rows(chart) -> list[dict]:
    return next(iter(chart.to_dict()["datasets"].values()))


def test_one_label_for_the_turkish_russian_process_everywhere():
    # Two maps used to disagree: the background chart said "Turkey–Russia", the
    # arrangements chart "Turkey–Russia (Karabakh)". The only agreement of that
    # process is the memorandum on the joint monitoring centre for Karabakh, so
    # the longer label is the right one, and both charts now show it.
    agreements = load("agreements")
    assert set(agreements.loc[agreements["process"] == "turkey_russia", "id"]) == {"ag_2020_tr_ru_memorandum"}
    background = {r["process_label"] for r in chart_rows(timelines.agreements_over_time(agreements))}
    arrangements = {r["theatre"] for r in chart_rows(agreement_charts.arrangement_spans(agreements))}
    assert "Turkey–Russia (Karabakh)" in background & arrangements
    assert "Turkey–Russia" not in background | arrangements


def test_how_an_agreement_ended_reads_the_same_in_charts_and_tables():
    agreements = load("agreements")
    end_labels = labels.labels("end_types")
    spans = chart_rows(agreement_charts.agreement_spans(agreements, chapter="ceasefires"))
    assert {r["end_label"] for r in spans} <= set(end_labels.values())
    arrangements = chart_rows(agreement_charts.arrangement_spans(agreements))
    assert {r["how_ended"] for r in arrangements} <= {label.lower() for label in end_labels.values()}
    table = tables.agreements_table(agreements, load("sources"), chapter="ceasefires").data
    assert "no end applies" in table and "not a ceasefire" not in table.lower()


def test_the_voice_labels_come_from_voices_csv_in_every_view():
    claims, sources, stances, topics = load("claims"), load("sources"), load("stances"), load("topics")
    voice_labels = set(labels.labels("voices").values())
    matrix = {r["voice"] for r in chart_rows(claim_charts.claims_matrix(claims, sources, stances, topics))}
    assert matrix <= voice_labels | {"Several voices"}
    bars = {r["whose"] for r in chart_rows(claim_charts.voices_by_source(claims, sources))}
    assert bars == voice_labels
    text = cards.question_cards(claims, sources, stances, "russia_motives").data
    assert escape("An official, as reported") in text
    assert not re.search(r"(?<!An )Official\\, as reported", text)  # the old tag, without its article


def test_a_label_changed_in_its_coding_table_changes_every_view(data_copy, monkeypatch):
    set_cell(data_copy / "end_types.csv", 2, "label", "Collapsed")  # broke_down
    monkeypatch.setattr(paths, "DATA_DIR", data_copy)
    agreements = load("agreements", data_copy)
    rows = agreement_rows.duration_rows(agreements, chapter="ceasefires")
    assert "Collapsed" in set(rows["status"]) and "Broke down" not in set(rows["status"])
    assert agreement_rows.status_order()[0] == "Collapsed"
    assert "collapsed" in tables.agreements_table(agreements, load("sources", data_copy), chapter="ceasefires").data


def test_a_third_party_rule_added_in_its_table_is_applied(data_copy, monkeypatch):
    path = data_copy / "third_party_rules.csv"
    with path.open("a", encoding="utf-8") as f:
        f.write("11,Ruritania,other_csce,A test rule\n")
    monkeypatch.setattr(paths, "DATA_DIR", data_copy)
    assert agreement_rows.third_party_of("The envoy of Ruritania") == "other_csce"
    assert agreement_rows.third_party_of("Someone unknown") == "other"


def test_one_start_rule_for_every_view_of_an_agreement():
    agreements = load("agreements")
    expected = agreements.set_index("id")["date_effective"].fillna(agreements.set_index("id")["date_signed"])
    durations = agreement_rows.duration_rows(agreements, process=None).set_index("id")["start"]
    arrangements = agreement_rows.arrangement_rows(agreements, ("syria", "libya", "turkey_russia"), ()).set_index("id")
    truces = agreement_rows.truce_rows(agreements, "2020-09-27", "2020-11-10").set_index("id")["start"]
    assert (durations == expected.loc[durations.index]).all()
    assert (arrangements["start"] == expected.loc[arrangements.index]).all()
    assert (truces == expected.loc[truces.index]).all()
    # The humanitarian ceasefire of 10 October was signed that day and took effect at noon the same day.
    assert truces.loc["ag_2020_moscow_humanitarian_ceasefire"] == pd.Timestamp("2020-10-10")


def test_one_date_writer_for_every_precision():
    day = pd.Timestamp("2020-11-09")
    assert date_text(day) == "2020-11-09"
    assert date_text(day, "month") == "2020-11" and date_text(day, "year") == "2020"
    assert date_text(day, "day", "long") == "9 November 2020"  # no leading zero
    assert date_text(day, "month", "long") == "November 2020"
    assert date_text(day, style="short") == "9 Nov 2020"
    assert date_text(pd.NaT) == "" and date_text(None, "year", "long") == ""


def test_one_window_filter_includes_both_ends():
    events = load("events")
    war = labels.period("war_2020")
    inside = select(events, start=war.start, end=war.end)
    assert inside["date_start"].min() == war.start and inside["date_start"].max() <= war.end
    assert set(select(events, chapter="war")["id"]) == {i for i, c in zip(events["id"], events["chapters"]) if "war" in c}


def test_the_war_dates_come_from_periods_csv():
    war = labels.period("war_2020")
    assert (war.start, war.end) == (pd.Timestamp("2020-09-27"), pd.Timestamp("2020-11-10"))
    band = [layer for layer in timelines.cooperation_over_time(load("events")).to_dict()["layer"]
            if layer.get("mark", {}).get("type") == "rect"][0]
    assert band["encoding"]["x"]["datum"] == {"year": 2020, "month": 9, "date": 27}
    assert band["encoding"]["x2"]["datum"] == {"year": 2020, "month": 11, "date": 10}


def test_topic_short_names_live_in_topics_csv():
    from booktables.rows.claims import topic_short
    topics = load("topics")
    assert topics["short"].notna().all() and topics["short"].is_unique
    assert topic_short("russia_motives") == "What drove Russia"


@pytest.mark.parametrize("table", ["event_types", "pax_stages", "processes", "end_types", "voices", "relations",
                                   "theatre_codes", "provision_topics", "third_parties"])
def test_every_code_has_a_label_an_order_and_a_meaning(table):
    vocabulary = labels.vocabulary(table)
    assert vocabulary["label"].is_unique and vocabulary["order"].is_unique
    assert vocabulary["description"].str.len().min() > 10

