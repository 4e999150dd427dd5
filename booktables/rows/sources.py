"""Sources as readers meet them: short names ("Kuzio 2021") and the seed order."""
from __future__ import annotations

import re

import pandas as pd

# Long corporate names shortened for axis labels.
CORPORATE_SHORT = {"Ivane Javakhishvili Tbilisi State University": "Tbilisi State Univ."}
# Outlet fields that describe the document rather than name a publication.
_DESCRIPTIVE_OUTLET = re.compile(r"^(Institutional|Text as held)", re.I)


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


def person_names(value) -> str:
    """'Nazim Jafarov and Araz Aslanli' from 'Jafarov, Nazim; Aslanli, Araz'; "" if none."""
    people = [" ".join(reversed([p.strip() for p in n.split(",", 1)])) for n in _names(value)]
    return " and ".join(people)


# --- Every party in its own documents -------------------------------------------------------

PRIMARY = "primary document"


def unilateral_documents(sources: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    """The primary documents issued by exactly one party, and that party one of the
    four the book balances (``principal`` in parties.csv): one row per document,
    with its ``party``."""
    principal = set(parties.loc[parties["principal"].fillna(False).astype(bool), "id"])
    issuers = sources["issuer_party"].map(_names)
    one = (sources["kind"] == PRIMARY) & issuers.map(len).eq(1)
    chosen = sources[one].copy()
    chosen["party"] = issuers[one].map(lambda items: items[0])
    return chosen[chosen["party"].isin(principal)].reset_index(drop=True)


def unilateral_counts(sources: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    """How many unilateral documents the book cites for each of the four parties, in
    the parties' display order, zeros included: columns ``party``, ``label``,
    ``documents``, ``ids``."""
    own = unilateral_documents(sources, parties)
    four = parties[parties["principal"].fillna(False).astype(bool)].sort_values("order")
    return pd.DataFrame({
        "party": list(four["id"]),
        "label": list(four["label"]),
        "documents": [int((own["party"] == p).sum()) for p in four["id"]],
        "ids": [list(own.loc[own["party"] == p, "id"]) for p in four["id"]],
    })
