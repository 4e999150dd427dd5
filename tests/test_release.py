"""The version is written once (CITATION.cff) and every other record of the
release agrees with it: pyproject.toml, .zenodo.json and the CHANGELOG."""
from __future__ import annotations

import json
import re
import tomllib

import yaml

from conftest import ROOT

CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
ZENODO = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))


def test_pyproject_carries_the_books_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == str(CFF["version"])


def test_the_changelogs_latest_entry_is_this_release():
    entries = re.findall(r"^## (\S+) — (\d{4}-\d{2}-\d{2})$", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.M)
    assert entries, "CHANGELOG.md has no '## <version> — <date>' entry"
    assert entries[0] == (str(CFF["version"]), str(CFF["date-released"]))
    assert len({version for version, _ in entries}) == len(entries)  # one entry per release


def test_zenodo_describes_the_book_as_a_publication_consistent_with_citation_cff():
    assert ZENODO["upload_type"] == "publication" and ZENODO["publication_type"] == "book"
    assert ZENODO["title"] == CFF["title"]
    assert ZENODO["description"] == " ".join(CFF["abstract"].split())
    assert ZENODO["version"] == str(CFF["version"])
    assert ZENODO["publication_date"] == str(CFF["date-released"])
    assert ZENODO["license"] == CFF["license"].lower()
    assert ZENODO["keywords"] == CFF["keywords"]
    assert [c["name"] for c in ZENODO["creators"]] == [a["name"] for a in CFF["authors"]]
