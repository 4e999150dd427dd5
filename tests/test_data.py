"""The real data: valid against the schema, foreign keys resolved, bibliography in step."""
import re

import pandas as pd

from booktables import load, load_all, validate
from booktables.data.paths import SEEDS_DIR
from conftest import ROOT


def test_every_table_is_valid_and_its_foreign_keys_resolve():
    problems = validate()
    assert problems == [], "\n".join(map(str, problems))


def test_tables_load_typed():
    events = load("events")
    assert pd.api.types.is_datetime64_any_dtype(events["date_start"])
    assert all(isinstance(ids, list) and ids for ids in events["source_ids"])
    agreements = load("agreements")
    assert str(agreements["pax_id"].dtype) == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(agreements["date_signed"])


def test_every_row_cites_a_known_source():
    frames = load_all()
    known = set(frames["sources"]["id"])
    for name, frame in frames.items():
        if "source_ids" in frame.columns:
            for row in frame.itertuples():
                assert row.source_ids and set(row.source_ids) <= known, (name, row)
        if "source_id" in frame.columns:
            assert set(frame["source_id"]) <= known, name


def test_sources_and_references_bib_agree():
    bib_keys = set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text(encoding="utf-8"), re.M))
    table_keys = set(load("sources")["bibtex_key"])
    assert table_keys == bib_keys, (f"only in sources.csv: {table_keys - bib_keys}; "
                                    f"only in references.bib: {bib_keys - table_keys}")


def test_all_five_seed_documents_are_sources():
    seeds = load("sources").dropna(subset=["seed_file"])
    assert len(seeds) == 5
    if SEEDS_DIR.is_dir():
        assert set(seeds["seed_file"]) == {p.name for p in SEEDS_DIR.glob("*.txt")}


def test_events_span_1988_to_2025_and_agreements_1991_onwards():
    events, agreements = load("events"), load("agreements")
    assert events["date_start"].min().year == 1988
    assert events["date_start"].max().year >= 2024
    assert agreements["date_signed"].min().year == 1991


def test_each_topic_has_readings_from_at_least_two_sources():
    claims = load("claims")
    per_topic = claims.groupby("topic_id")["source_id"].nunique()
    assert (per_topic >= 2).all(), per_topic[per_topic < 2]
    assert set(claims["source_id"]) >= {"tsu_abstract", "edm_2020", "jafarov_aslanli_2021", "daily_sabah_2020", "kuzio_2021"}
