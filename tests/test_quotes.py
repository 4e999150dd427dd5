"""Every quote in the data stands verbatim in its own seed text."""
import pytest

from booktables import load_all
from booktables.data.paths import SEEDS_DIR
from booktables.data.quotes import check_quotes, is_verbatim, normalise

needs_seeds = pytest.mark.skipif(not SEEDS_DIR.is_dir(),
                                 reason=f"the seed texts are not here ({SEEDS_DIR}); a reader's clone lacks them")


@needs_seeds
def test_every_quote_is_verbatim_in_its_seed():
    checks = check_quotes(load_all())
    assert len(checks) >= 40
    missing = [c for c in checks if not c.found]
    assert not missing, "\n".join(f"{c.table} {c.row_id} ({c.source_id}): {c.quote[:90]!r}" for c in missing)


@needs_seeds
def test_a_reworded_quote_is_caught():
    claim = load_all()["claims"].iloc[0]
    text = normalise((SEEDS_DIR / load_all()["sources"].set_index("id").loc[claim.source_id, "seed_file"]).read_text())
    assert is_verbatim(claim.quote, [text])
    assert not is_verbatim(claim.quote.replace(" ", " very ", 1), [text])


def test_normalisation_reads_typography_alike():
    assert normalise("Russia\u2019s \u201cpeacekeeping\u201d \u2013 forces") == "russia's \"peacekeeping\" - forces"
    assert is_verbatim("the 2nd Karabakh War ... Armenia", [normalise("The 2<sup>nd</sup> Karabakh War between Armenia", True)])


@needs_seeds
def test_every_seed_citation_is_supported_by_the_seed_s_own_words():
    checks = [c for c in check_quotes(load_all()) if c.table == "citations"]
    assert len(checks) >= 90
    assert all(c.found for c in checks), [(c.row_id, c.source_id) for c in checks if not c.found]


@needs_seeds
def test_a_support_quote_the_seed_does_not_contain_is_caught(data_copy):
    from booktables.data.loading import load_all as load_from
    from conftest import read_rows, set_cell
    rows = read_rows(data_copy / "citations.csv")
    set_cell(data_copy / "citations.csv", 2, "quote", rows[1][2] + " and Khojaly")
    wrong = [c for c in check_quotes(load_from(data_copy)) if not c.found]
    assert [(c.table, c.row_id) for c in wrong] == [("citations", rows[1][0])]


@needs_seeds
def test_every_reported_statement_is_quoted_from_a_seed():
    frames = load_all()
    checks = [c for c in check_quotes(frames) if c.table == "reported_recorded"]
    assert len(checks) == len(frames["reported_recorded"]) >= 10
    assert all(c.found for c in checks), [c.row_id for c in checks if not c.found]
    seeds = set(frames["sources"].dropna(subset=["seed_file"])["id"])
    assert set(frames["reported_recorded"]["source_id"]) <= seeds
