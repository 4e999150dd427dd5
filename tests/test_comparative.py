"""The comparative chapters' tables and helpers: theatres, claims matrix, cards."""
import re

import pytest

from booktables import load, load_all
from booktables.charts import claims as claim_charts
from booktables.myst import cards, tables
from booktables.rows.sources import seed_order, short_source_label


def test_every_claim_has_a_known_source_topic_and_stance():
    frames = load_all()
    claims, sources, stances = frames["claims"], frames["sources"], frames["stances"]
    assert set(claims["source_id"]) <= set(sources["id"])
    known = set(zip(stances["topic_id"], stances["stance"]))
    assert set(zip(claims["topic_id"], claims["stance"])) <= known


def test_every_question_has_at_least_two_sources_and_every_seed_several_claims():
    claims, sources = load("claims"), load("sources")
    assert (claims.groupby("topic_id")["source_id"].nunique() >= 2).all()
    seeds = seed_order(sources)
    counts = claims["source_id"].value_counts()
    assert all(counts.get(s, 0) >= 3 for s in seeds)


def test_the_three_theatres_are_in_the_table_with_their_deals():
    theatres = load("theatres")
    assert {"syria", "libya", "south_caucasus"} <= set(theatres["id"])
    assert all(len(ids) >= 1 for ids in theatres["agreement_ids"])


def test_every_turkish_russian_event_of_the_cooperation_chapter_is_coded():
    events = load("events")
    coded = events[events["turkey_russia"].notna()]
    assert len(coded) >= 20
    assert set(coded["turkey_russia"]) == {"cooperative", "mixed", "confrontational"}


def test_short_source_labels_name_authors_or_bodies():
    labels = short_source_label(load("sources"))
    assert labels["jafarov_aslanli_2021"] == "Jafarov & Aslanli 2021"
    assert labels["kuzio_2021"] == "Kuzio 2021"
    assert labels["edm_2020"] == "Eurasia Daily Monitor 2020"
    assert labels["daily_sabah_2020"] == "Daily Sabah 2020"
    assert labels["tsu_abstract"] == "Tbilisi State Univ. (n.d.)"


def test_claims_matrix_has_a_cell_per_source_and_reading_with_quotes():
    frames = load_all()
    spec = claim_charts.claims_matrix(frames["claims"], frames["sources"], frames["stances"], frames["topics"]).to_dict()
    rows = next(iter(spec["datasets"].values()))
    claims = frames["claims"]
    assert sum(r["n"] for r in rows) == len(claims)
    assert len({(r["source"], r["reading"]) for r in rows}) == len(rows)
    assert all(r["quotes"].startswith("\u201c") for r in rows)


@pytest.mark.parametrize("topic", ["cooperation_durability", "russia_motives", "turkey_role", "peacekeeping",
                                   "liberation_occupation", "relationship_pattern"])
def test_question_cards_give_every_seed_a_card(topic):
    frames = load_all()
    rows = cards.question_rows(frames["claims"], frames["sources"], frames["stances"], topic)
    assert [r["source_id"] for r in rows] and len(rows) == 5
    text = cards.question_cards(frames["claims"], frames["sources"], frames["stances"], topic).data
    assert text.count(":::{grid-item-card}") == 5


def test_payload_in_a_theatre_or_claim_is_escaped(data_copy):
    from conftest import set_cell
    set_cell(data_copy / "theatres.csv", 2, "mechanism", "<script>x</script> {cite:p}`X`")
    set_cell(data_copy / "claims.csv", 2, "quote", "<img src=x onerror=alert(1)>")
    frames = load_all(data_copy)
    table = tables.theatre_table(frames["theatres"], frames["agreements"], frames["claims"],
                                 frames["sources"], frames["stances"]).data
    cards_md = cards.question_cards(frames["claims"], frames["sources"], frames["stances"],
                                    frames["claims"].iloc[0]["topic_id"]).data
    # The cards' own links to the explorer are the only markup allowed through.
    cards_md = re.sub(r'<a class="claim-link" href="\.\./explorer\.html#claim-[\w-]+">|</a>', "", cards_md)
    for text in (table, cards_md):
        assert not re.search(r"(?<!\\)<", text) and "{cite:p}`X`" not in text
