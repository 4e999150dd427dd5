"""Every party in its own documents: the issuers of each source, and the count of
each state's unilateral documents that the introduction shows."""
import pandas as pd

from booktables import load
from booktables.myst.tables import party_balance_table
from booktables.rows.sources import unilateral_counts, unilateral_documents


def test_every_primary_document_names_its_issuers_and_no_free_text_country():
    sources = load("sources")
    primary = sources[sources["kind"] == "primary document"]
    assert all(primary["issuer_party"].map(len) > 0), list(primary.loc[primary["issuer_party"].map(len) == 0, "id"])
    assert primary["publisher_country"].isna().all(), "a primary document's issuers belong in issuer_party"
    assert not sources["publisher_country"].dropna().str.contains(r"signed|issued|\(joint\)").any()


def test_the_four_principal_parties_have_their_usual_names():
    parties = load("parties")
    four = parties[parties["principal"].astype(bool)].sort_values("order")
    assert list(four["label"]) == ["Armenia", "Azerbaijan", "Russia", "Türkiye"]
    de_facto = parties.set_index("id").loc["nk_de_facto"]
    assert de_facto["kind"] == "de facto authority" and "de facto" in de_facto["label"]


def test_a_joint_text_is_nobody_s_own_document():
    sources, parties = load("sources"), load("parties")
    own = set(unilateral_documents(sources, parties)["id"])
    assert "statement_2020_11_10" not in own and "moscow_declaration_2008" not in own
    assert "tr_mod_jmc_closure_2024" in own


def test_the_count_per_party_is_computed_from_the_data():
    sources, parties = load("sources"), load("parties")
    counts = unilateral_counts(sources, parties).set_index("party")
    assert list(counts.index) == ["armenia", "azerbaijan", "russia", "turkiye"]
    assert counts.loc["turkiye", "documents"] == len(counts.loc["turkiye", "ids"]) >= 3
    # One more Turkish document in the data is one more in the count.
    extra = sources[sources["id"] == "tr_mod_jmc_closure_2024"].copy()
    extra["id"] = "tr_mod_extra"
    bigger = unilateral_counts(pd.concat([sources, extra]), parties).set_index("party")
    assert bigger.loc["turkiye", "documents"] == counts.loc["turkiye", "documents"] + 1
    table = party_balance_table(sources, parties).data
    assert "| Türkiye |" in table and "{cite:p}`" in table


def test_every_party_has_at_least_six_documents_of_its_own_and_none_twice_another():
    counts = unilateral_counts(load("sources"), load("parties")).set_index("label")["documents"]
    assert counts.min() >= 6, counts.to_dict()
    assert counts.max() <= 2 * counts.min(), counts.to_dict()
