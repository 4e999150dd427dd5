"""The conclusion's scorecard and agreement view are drawn from the data: every
scored reading has one verdict, each testable verdict rests on later events in
the record, and the chapter shows what the tables compute."""
import re

import pandas as pd

from booktables import chapter as bk
from booktables import load
from booktables.rows.claims import CAMP_KINDS, SCORED_TOPICS, camps, scorecard_rows
from conftest import ROOT, set_cell

STATEMENT = pd.Timestamp("2020-11-10")


def test_every_reading_of_the_scored_questions_has_one_verdict():
    stances, outcomes = load("stances"), load("outcomes")
    scored = stances[stances["topic_id"].isin(SCORED_TOPICS)]
    assert set(zip(scored["topic_id"], scored["stance"])) == set(zip(outcomes["topic_id"], outcomes["stance"]))


def test_each_testable_verdict_rests_on_events_after_the_war():
    outcomes, events = load("outcomes"), load("events").set_index("id")
    for row in outcomes.itertuples():
        if row.verdict == "not_testable":
            assert row.evidence_event_ids == [], (row.topic_id, row.stance)
            continue
        assert row.evidence_event_ids, f"{row.topic_id}/{row.stance}: a verdict needs the events it rests on"
        assert all(events.loc[e, "date_start"] > STATEMENT for e in row.evidence_event_ids), (row.topic_id, row.stance)


def test_the_scorecard_gives_each_source_the_verdict_of_each_reading_it_takes():
    claims, sources, stances, outcomes = load("claims"), load("sources"), load("stances"), load("outcomes")
    rows = scorecard_rows(claims, sources, stances, outcomes)
    verdict_of = {(t, s): v for t, s, v in zip(outcomes["topic_id"], outcomes["stance"], outcomes["verdict"])}
    taken = claims[claims["topic_id"].isin(SCORED_TOPICS) & claims["source_id"].isin(set(rows["source_id"]))]
    assert len(rows) == len(taken.drop_duplicates(["source_id", "topic_id", "stance"]))
    labels = dict(zip(load("verdicts")["id"], load("verdicts")["label"]))
    stance_labels = {(t, s): label for t, s, label in zip(stances["topic_id"], stances["stance"], stances["label"])}
    for claim in taken.itertuples():
        row = rows[(rows["source_id"] == claim.source_id) & (rows["reading"] == stance_labels[(claim.topic_id, claim.stance)])]
        assert list(row["verdict"]) == [labels[verdict_of[(claim.topic_id, claim.stance)]]]


def test_a_changed_verdict_changes_the_scorecard(data_copy):
    path = data_copy / "outcomes.csv"
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if text.startswith("cooperation_durability,unlikely_to_hold,"))
    set_cell(path, line, "verdict", "borne_out")
    frames = bk.load_all(data_copy)
    table = bk.tables.scorecard_table(frames["claims"], frames["sources"], frames["stances"], frames["outcomes"]).data
    kuzio = next(text for text in table.splitlines() if text.startswith("| **Kuzio"))
    assert "Unlikely to hold: **Borne out**" in kuzio


def test_the_agreement_view_counts_each_source_once_per_question():
    frame = camps(load("claims"), load("sources"), load("stances"), load("topics"))
    assert (frame.groupby("question").size() == 5).all()
    assert set(frame["kind"]) <= set(CAMP_KINDS)
    per_question = frame.drop_duplicates("question").set_index("question")
    shared = frame[frame["kind"] == CAMP_KINDS[0]].groupby("question").size().reindex(per_question.index, fill_value=0)
    # Where one reading is the most common, as many sources share it as give it.
    single = per_question["tied"] == 1
    assert (per_question.loc[single, "camp_size"] == shared[single]).all()
    # Where no reading is given by two sources, no source shares one.
    assert (shared[per_question["camp_size"] < 2] == 0).all()
    # Tied readings are all named, so the chart never hides a tie behind one label.
    assert (per_question["largest"].str.count(" / ") + 1 == per_question["tied"].clip(lower=1)).all()


def test_the_conclusion_shows_the_computed_scorecard_and_agreement_view():
    page = ROOT / "chapters" / "conclusion.md"
    source = page.read_text(encoding="utf-8")
    assert "bk.tables.scorecard_table(" in source and "bk.tables.verdicts_table(" in source
    assert "bk.charts.agreement_view(" in source
    prose = re.sub(r"```.*?```", "", re.sub(r"^---\n.*?\n---\n", "", source, flags=re.S), flags=re.S)
    prose = re.sub(r"^:::.*$|^:[a-z-]+:.*$|\{[a-z:]+\}`[^`]*`", "", prose, flags=re.M)
    assert len(re.findall(r"[A-Za-z’'-]+", prose)) >= 1500
