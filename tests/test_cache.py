"""The execution cache never serves stale outputs: editing a CSV re-executes
exactly the pages that read it, and a no-op rebuild executes nothing."""
import csv
import json
import re

import pytest

from booktables.sphinx.datadeps import tables_read
from conftest import DATA, ROOT, build_book

EXECUTED = re.compile(r"(\S+)\.(?:md|ipynb): Executing notebook")


def executed(result) -> set[str]:
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return {str(p.relative_to(ROOT)) if p.is_absolute() else str(p)
            for p in map(lambda s: __import__("pathlib").Path(s), EXECUTED.findall(result.stdout + result.stderr))}


def pages_reading(file_name: str) -> set[str]:
    descriptor = json.loads((DATA / "datapackage.json").read_text())
    pages = [ROOT / "intro.md", ROOT / "data.md", *(ROOT / "chapters").glob("*.md")]
    return {str(p.relative_to(ROOT).with_suffix("")) for p in pages
            if file_name in tables_read(p.read_text(encoding="utf-8"), descriptor)}


def test_tables_read_finds_the_loads():
    descriptor = json.loads((DATA / "datapackage.json").read_text())
    coding = {r["path"] for r in descriptor["resources"] if r.get("x-coding")}
    assert {"event_types.csv", "end_types.csv", "third_party_rules.csv"} <= coding
    # A page depends on the tables it loads, the schema, and the coding tables
    # that the package reads for labels and rules; not on the other tables.
    assert set(tables_read('x = bk.load("events")\ny = bk.load("claims")', descriptor)) == {
        "claims.csv", "datapackage.json", "events.csv"} | coding
    assert len(tables_read("bk.load_all()", descriptor)) == len(descriptor["resources"]) + 1
    assert tables_read("no data here", descriptor) == []


@pytest.mark.build
def test_a_data_edit_reexecutes_exactly_the_pages_that_read_it(tmp_path, data_copy):
    out = tmp_path / "out"
    first = executed(build_book(out, data_dir=data_copy))
    assert {"intro", "chapters/background"} <= first
    assert executed(build_book(out, data_dir=data_copy)) == set()  # no-op rebuild: all from cache

    path = data_copy / "agreements.csv"
    rows = list(csv.reader(open(path, newline="", encoding="utf-8")))
    rows[1][rows[0].index("outcome")] += " (edited)"
    csv.writer(open(path, "w", newline="", encoding="utf-8"), lineterminator="\n").writerows(rows)

    again = executed(build_book(out, data_dir=data_copy))
    expected = pages_reading("agreements.csv") & first
    assert again == expected
    assert "chapters/background" in again and "intro" not in again
