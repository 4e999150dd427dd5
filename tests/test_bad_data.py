"""Each kind of bad input fails validation with a message naming file, line, column and rule."""
import subprocess
import sys

import pytest

from booktables import DataError, load, validate
from conftest import ROOT, read_rows, set_cell, write_rows


def only_problem(data_dir, file, line, column, rule_words):
    problems = validate(data_dir)
    assert problems, "bad data passed validation"
    match = [p for p in problems if p.file.endswith(file) and p.line == line and p.column == column]
    assert match, "no problem at the expected place; got:\n" + "\n".join(map(str, problems))
    text = str(match[0])
    assert f"{file}, line {line}, column {column}" in text
    for word in rule_words:
        assert word in text, f"{word!r} not in {text!r}"
    return problems


def test_malformed_date(data_copy):
    set_cell(data_copy / "events.csv", 3, "date_start", "2020-02-30")
    only_problem(data_copy, "events.csv", 3, "date_start", ["ISO 8601", "'2020-02-30'"])


def test_end_date_before_start(data_copy):
    rows = read_rows(data_copy / "events.csv")
    start = rows[4][rows[0].index("date_start")]
    set_cell(data_copy / "events.csv", 5, "date_end", f"{int(start[:4]) - 1}{start[4:]}")
    only_problem(data_copy, "events.csv", 5, "date_end", ["date order", "is before date_start"])


def test_unknown_source_id_in_a_list(data_copy):
    set_cell(data_copy / "agreements.csv", 4, "source_ids", "pax_database;no_such_source")
    only_problem(data_copy, "agreements.csv", 4, "source_ids", ["unknown id", "no_such_source"])


def test_unknown_source_id_in_a_foreign_key(data_copy):
    set_cell(data_copy / "claims.csv", 6, "source_id", "no_such_source")
    only_problem(data_copy, "claims.csv", 6, "source_id", ["unknown id", "sources", "no_such_source"])


def test_duplicate_id(data_copy):
    rows = read_rows(data_copy / "events.csv")
    set_cell(data_copy / "events.csv", 7, "id", rows[1][0])
    only_problem(data_copy, "events.csv", 7, "id", ["duplicate id", "first used on line 2"])


def test_empty_required_field(data_copy):
    set_cell(data_copy / "claims.csv", 3, "locator", "")
    only_problem(data_copy, "claims.csv", 3, "locator", ["a value is required"])


def test_value_outside_its_vocabulary(data_copy):
    set_cell(data_copy / "events.csv", 2, "event_type", "skirmish")
    only_problem(data_copy, "events.csv", 2, "event_type", ["vocabulary", "event_types.csv", "armed_conflict", "'skirmish'"])


def test_value_outside_an_enum(data_copy):
    set_cell(data_copy / "sources.csv", 2, "date_precision", "week")
    only_problem(data_copy, "sources.csv", 2, "date_precision", ["one of the vocabulary", "month", "'week'"])


def test_a_coding_rule_that_is_not_a_regular_expression(data_copy):
    set_cell(data_copy / "third_party_rules.csv", 3, "pattern", "Russia|(Yeltsin")
    only_problem(data_copy, "third_party_rules.csv", 3, "pattern", ["not a valid regular expression", "(Yeltsin"])


def test_a_coding_rule_that_names_no_third_party(data_copy):
    set_cell(data_copy / "third_party_rules.csv", 2, "third_party_id", "atlantis")
    only_problem(data_copy, "third_party_rules.csv", 2, "third_party_id", ["third_parties.csv", "'atlantis'"])


def test_two_codes_with_one_label(data_copy):
    set_cell(data_copy / "end_types.csv", 3, "label", "Broke down")
    only_problem(data_copy, "end_types.csv", 3, "label", ["unique", "'Broke down'"])


def test_a_later_event_that_is_not_an_event(data_copy):
    set_cell(data_copy / "later_record.csv", 2, "event_id", "ev_2099_nothing")
    only_problem(data_copy, "later_record.csv", 2, "event_id", ["events.csv", "'ev_2099_nothing'"])


def test_an_event_at_a_place_the_gazetteer_lacks(data_copy):
    set_cell(data_copy / "events.csv", 3, "place_ids", "baku;atlantis")
    only_problem(data_copy, "events.csv", 3, "place_ids", ["unknown id", '"atlantis" is not an id in places.csv'])


def test_a_place_id_that_is_free_text(data_copy):
    set_cell(data_copy / "events.csv", 4, "place_ids", "Somewhere, near Baku")
    only_problem(data_copy, "events.csv", 4, "place_ids", ["must match the pattern"])


def test_a_latitude_off_the_globe(data_copy):
    set_cell(data_copy / "places.csv", 2, "lat", "139.8")
    only_problem(data_copy, "places.csv", 2, "lat", ["must not be more than 90", "'139.8'"])


def test_a_coordinate_that_is_not_a_number(data_copy):
    set_cell(data_copy / "places.csv", 3, "lon", "46°45′E")
    only_problem(data_copy, "places.csv", 3, "lon", ["must be of type number"])


def test_a_latitude_without_its_longitude(data_copy):
    set_cell(data_copy / "places.csv", 4, "lon", "")
    only_problem(data_copy, "places.csv", 4, "lon", ["lat, coordinate_source given, so lon is needed too"])


def test_coordinates_without_their_source(data_copy):
    set_cell(data_copy / "places.csv", 5, "coordinate_source", "")
    only_problem(data_copy, "places.csv", 5, "coordinate_source", ["go together"])


def test_a_place_kind_outside_its_vocabulary(data_copy):
    set_cell(data_copy / "places.csv", 2, "kind", "metropolis")
    only_problem(data_copy, "places.csv", 2, "kind", ["one of the vocabulary", "former_oblast", "'metropolis'"])


def test_a_duplicate_place_id(data_copy):
    rows = read_rows(data_copy / "places.csv")
    set_cell(data_copy / "places.csv", 6, "id", rows[1][0])
    only_problem(data_copy, "places.csv", 6, "id", ["duplicate id"])


def test_an_agreement_placed_in_a_place_the_gazetteer_lacks(data_copy):
    set_cell(data_copy / "agreement_places.csv", 3, "place_id", "minsk")
    only_problem(data_copy, "agreement_places.csv", 3, "place_id", ["unknown id", "places.csv", "minsk"])


def test_a_place_for_an_agreement_that_does_not_exist(data_copy):
    set_cell(data_copy / "agreement_places.csv", 2, "agreement_id", "ag_1999_nowhere")
    only_problem(data_copy, "agreement_places.csv", 2, "agreement_id", ["unknown id", "agreements.csv"])


def test_missing_column(data_copy):
    rows = read_rows(data_copy / "events.csv")
    drop = rows[0].index("place_ids")
    write_rows(data_copy / "events.csv", [r[:drop] + r[drop + 1:] for r in rows])
    only_problem(data_copy, "events.csv", 1, "place_ids", ["missing"])


def test_unknown_extra_column(data_copy):
    rows = read_rows(data_copy / "sources.csv")
    write_rows(data_copy / "sources.csv", [r + (["colour"] if i == 0 else ["red"]) for i, r in enumerate(rows)])
    only_problem(data_copy, "sources.csv", 1, "colour", ["unknown column"])


def test_non_utf8_bytes(data_copy):
    path = data_copy / "agreements.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b",", b",\xff\xfe", 1)  # Latin-1 junk in the second column of line 3
    path.write_bytes(b"\n".join(lines))
    header = read_rows(data_copy / "events.csv")  # unrelated file still readable
    assert header
    only_problem(data_copy, "agreements.csv", 3, "name", ["UTF-8", "'ff'"])


def test_truncated_row(data_copy):
    path = data_copy / "events.csv"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    last_line = text.count("\n") + 1
    cut = text.rsplit("\n", 1)
    path.write_text(cut[0] + "\n" + ",".join(cut[1].split(",")[:3]) + "\n", encoding="utf-8")
    only_problem(data_copy, "events.csv", last_line, "date_precision", ["truncated row"])


def test_loader_raises_a_clear_error(data_copy):
    set_cell(data_copy / "events.csv", 2, "date_start", "1999-02-31")
    with pytest.raises(DataError) as caught:
        load("events", data_dir=data_copy)
    assert "events.csv, line 2, column date_start" in str(caught.value)


def test_command_line_prints_one_line_per_problem_and_no_traceback(data_copy):
    set_cell(data_copy / "events.csv", 2, "event_type", "skirmish")
    set_cell(data_copy / "events.csv", 3, "date_start", "2020/01/01")
    result = subprocess.run([sys.executable, "-m", "booktables", str(data_copy)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert "events.csv, line 2, column event_type" in lines[0]
    assert "events.csv, line 3, column date_start" in lines[1]


def test_command_line_passes_on_the_real_data():
    result = subprocess.run([sys.executable, "-m", "booktables"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_verdict_outside_its_vocabulary(data_copy):
    set_cell(data_copy / "outcomes.csv", 2, "verdict", "vindicated")
    only_problem(data_copy, "outcomes.csv", 2, "verdict", ["vocabulary", "verdicts.csv", "borne_out", "'vindicated'"])


def test_a_verdict_resting_on_an_unknown_event(data_copy):
    set_cell(data_copy / "outcomes.csv", 2, "evidence_event_ids", "ev_2021_jmc_opening;ev_2031_nothing")
    only_problem(data_copy, "outcomes.csv", 2, "evidence_event_ids", ["unknown id", "ev_2031_nothing", "events.csv"])


def test_a_verdict_for_a_reading_that_does_not_exist(data_copy):
    set_cell(data_copy / "outcomes.csv", 2, "stance", "eternal")
    only_problem(data_copy, "outcomes.csv", 2, "topic_id,stance", ["stances.csv", "eternal"])


def test_a_misspelt_issuing_party(data_copy):
    rows = read_rows(data_copy / "sources.csv")
    line = next(i for i, r in enumerate(rows) if r[0] == "moscow_declaration_2008") + 1
    set_cell(data_copy / "sources.csv", line, "issuer_party", "armenia;azerbaijan;rusia")
    only_problem(data_copy, "sources.csv", line, "issuer_party", ["unknown id", '"rusia"', "parties.csv"])


def test_a_party_of_an_unknown_kind(data_copy):
    set_cell(data_copy / "parties.csv", 2, "kind", "nation")
    only_problem(data_copy, "parties.csv", 2, "kind", ["one of the vocabulary", "de facto authority", "'nation'"])


def test_a_seed_citation_with_no_support_row(data_copy):
    rows = read_rows(data_copy / "events.csv")
    line = next(i for i, r in enumerate(rows) if r[0] == "ev_2016_erdogan_letter") + 1
    set_cell(data_copy / "events.csv", line, "source_ids", "erdogan_letter_2016;edm_2020")
    only_problem(data_copy, "events.csv", line, "source_ids",
                 ["seed citation", '"edm_2020"', "no support row", "citations.csv"])


def test_a_support_row_for_a_citation_the_record_does_not_make(data_copy):
    rows = read_rows(data_copy / "citations.csv")
    write_rows(data_copy / "citations.csv",
               rows + [["ev_2015_su24_shootdown", "kuzio_2021", "Turkey and Russia", "Paragraph 3 of the column"]])
    problems = only_problem(data_copy, "citations.csv", len(rows) + 1, "source_id",
                            ["seed citation", "ev_2015_su24_shootdown does not cite", '"kuzio_2021"'])
    assert len(problems) == 1


def test_a_support_row_for_a_record_that_does_not_exist(data_copy):
    set_cell(data_copy / "citations.csv", 3, "record_id", "ev_2099_nothing")
    only_problem(data_copy, "citations.csv", 3, "record_id",
                 ["seed citation", '"ev_2099_nothing" is not an id in events.csv or agreements.csv'])


def test_a_support_row_that_cites_no_seed(data_copy):
    set_cell(data_copy / "citations.csv", 2, "source_id", "pax_database")
    only_problem(data_copy, "citations.csv", 2, "source_id", ["seed citation", '"pax_database" is not a seed'])


def test_a_judgement_outside_its_vocabulary(data_copy):
    set_cell(data_copy / "reported_recorded.csv", 2, "judgement", "accurate")
    only_problem(data_copy, "reported_recorded.csv", 2, "judgement",
                 ["vocabulary", "judgements.csv", "faithful", "'accurate'"])
