"""Validate data/ against data/datapackage.json and report problems plainly.

Run as `python -m booktables` (the Makefile's `make validate`). Each
problem is one line naming the file, the line as a reader counts it (header =
line 1), the column, the rule broken and the offending value. Exit status 1 if
there is any problem; never a traceback for bad data.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from frictionless import Checklist, Package

from ..contracts import CODING_FLAG
from . import paths, rules
from .cells import split_list


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    rule: str
    value: str | None = None

    def __str__(self) -> str:
        where = self.file + (f", line {self.line}" if self.line else "")
        where += f", column {self.column}" if self.column else ""
        value = "" if self.value is None else f" (value: {self.value!r})"
        return f"{where}: {self.rule}{value}"


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path)


def _record_start_lines(text: str) -> list[int]:
    """Physical line on which each CSV record starts (index 0 = header)."""
    starts, reader, previous_end = [], csv.reader(io.StringIO(text)), 0
    for _ in reader:
        starts.append(previous_end + 1)
        previous_end = reader.line_num
    return starts


def _encoding_problem(path: Path, raw: bytes) -> Problem | None:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        header = raw.split(b"\n", 1)[0].decode("utf-8", "replace").strip().split(",")
        column_index = raw.count(b",", line_start, exc.start)
        column = header[column_index] if column_index < len(header) else None
        bad = raw[exc.start:exc.end]
        return Problem(_rel(path), line, column,
                       "the file must be UTF-8 encoded; these bytes are not", bad.hex(" "))
    return None


def _header_problems(path: Path, text: str, fields: list[str]) -> list[Problem]:
    header = next(csv.reader(io.StringIO(text)), [])
    out = [Problem(_rel(path), 1, name, "required column is missing from the header")
           for name in fields if name not in header]
    out += [Problem(_rel(path), 1, name, "unknown column: not a field of the schema in datapackage.json")
            for name in header if name not in fields]
    if not out and header != fields:
        out.append(Problem(_rel(path), 1, None,
                           "columns must be in the schema's order: " + ",".join(fields)))
    return out


def _rule_text(error, field: dict | None, codes: dict[str, list[str]]) -> str:
    """Say in words which rule a frictionless error broke. ``codes`` holds the
    ids of each coding table, so an unknown code is answered with the vocabulary."""
    constraints = (field or {}).get("constraints", {})
    kind = error.type
    if kind == "type-error":
        ftype = (field or {}).get("type", "?")
        extra = " in ISO 8601 form YYYY-MM-DD, a real calendar date" if ftype == "date" else ""
        return f"must be of type {ftype}{extra}"
    if kind == "constraint-error":
        name = (re.search(r'constraint "(\w+)"', error.note) or [None, "?"])[1]
        return {
            "required": "a value is required",
            "enum": "must be one of the vocabulary: " + ", ".join(map(str, constraints.get("enum", []))),
            "pattern": f"must match the pattern {constraints.get('pattern')}",
            "unique": "must be unique in the column",
            "maxLength": f"must be at most {constraints.get('maxLength')} characters",
            "minLength": f"must be at least {constraints.get('minLength')} characters",
            "minimum": f"must not be less than {constraints.get('minimum')}",
            "maximum": f"must not be more than {constraints.get('maximum')}",
        }.get(name, f"breaks the constraint {name}")
    if kind == "unique-error":
        return "must be unique in the column (duplicate id)"
    if kind == "primary-key":
        return "duplicate id: the primary key must be unique"
    if kind == "foreign-key":
        if error.reference_name in codes:
            return (f"unknown code: not in the vocabulary of {error.reference_name}.csv "
                    f"({', '.join(codes[error.reference_name])})")
        return f"unknown id: not found in {error.reference_name}.csv"
    if kind == "missing-cell":
        return "truncated row: fewer cells than the header has columns"
    if kind == "extra-cell":
        return "extra cell: the row has more cells than the header has columns"
    if kind == "blank-row":
        return "blank row"
    if kind in ("list-foreign-key", "date-order", "regex", "seed-support", "together"):
        prefix = {"list-foreign-key": "unknown id: ", "date-order": "date order: ", "seed-support": "seed citation: "}
        return prefix.get(kind, "") + error.note
    return error.message


def _rows(name: str, data_dir: Path, descriptor: dict) -> tuple[str, list[dict]]:
    """The path and the rows (as read, unvalidated) of another table of the package."""
    target = next(r for r in descriptor["resources"] if r["name"] == name)
    with open(data_dir / target["path"], newline="", encoding="utf-8") as f:
        return target["path"], list(csv.DictReader(f))


def _seed_checks(spec_rules: dict, data_dir: Path, descriptor: dict) -> list:
    """The two halves of the seed-support rule: each record's seed citations have a
    support row (``seedSupport``), each support row a citation (``citedBy``)."""
    out = []
    support, cited = spec_rules.get("seedSupport"), spec_rules.get("citedBy")
    if not (support or cited):
        return out
    _, sources = _rows(support["sources"] if support else cited["sources"], data_dir, descriptor)
    seeds = frozenset(row["id"] for row in sources if row.get("seed_file"))
    if support:
        path, rows = _rows(support["resource"], data_dir, descriptor)
        pairs = frozenset((row.get(support["record"]), row.get(support["source"])) for row in rows)
        out.append(rules.supported_citation(field=support["field"], id_field=support["id"], seeds=seeds,
                                            supported=pairs, citations=path))
    if cited:
        records, paths = {}, []
        for name in cited["resources"]:
            path, rows = _rows(name, data_dir, descriptor)
            paths.append(path)
            for row in rows:
                records[row.get(cited["key"], "")] = set(split_list(row.get(cited["field"])))
        out.append(rules.cited_pair(record_field=cited["record"], source_field=cited["source"], cited=records,
                                    seeds=seeds, where=" or ".join(paths)))
    return out


def _checks_for(resource_descriptor: dict, data_dir: Path, descriptor: dict) -> list:
    spec_rules = resource_descriptor.get("x-rules", {})
    out = []
    for spec in spec_rules.get("listForeignKeys", []):
        path, rows = _rows(spec["resource"], data_dir, descriptor)
        keys = frozenset(row.get(spec["key"], "") for row in rows)
        out.append(rules.list_foreign_key(field=spec["field"], resource=path, keys=keys))
    out += _seed_checks(spec_rules, data_dir, descriptor)
    for start, end in spec_rules.get("dateOrder", []):
        out.append(rules.date_order(start=start, end=end))
    for name in spec_rules.get("patterns", []):
        out.append(rules.valid_pattern(field=name))
    for names in spec_rules.get("together", []):
        out.append(rules.given_together(fields=tuple(names)))
    return out


def validate(data_dir: Path | str | None = None) -> list[Problem]:
    """Every problem in data_dir, structural ones (encoding, header) first."""
    data_dir = Path(data_dir or paths.DATA_DIR)
    descriptor_path = data_dir / paths.DESCRIPTOR
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [Problem(_rel(descriptor_path), None, None, f"cannot read the data package descriptor: {exc}")]

    problems: list[Problem] = []
    texts: dict[str, str] = {}
    for res in descriptor["resources"]:
        path = data_dir / res["path"]
        if not path.exists():
            problems.append(Problem(_rel(path), None, None, "file listed in datapackage.json does not exist"))
            continue
        raw = path.read_bytes()
        bad = _encoding_problem(path, raw)
        if bad:
            problems.append(bad)
            continue
        text = raw.decode("utf-8")
        header_problems = _header_problems(path, text, [f["name"] for f in res["schema"]["fields"]])
        problems += header_problems
        if not header_problems:
            texts[res["name"]] = text
    if problems:  # rows cannot be read reliably until every file is readable
        return problems

    package = Package(descriptor, basepath=str(data_dir))
    codes = {res["name"]: [row[0] for row in list(csv.reader(io.StringIO(texts[res["name"]])))[1:] if row]
             for res in descriptor["resources"] if res.get(CODING_FLAG)}
    for res in descriptor["resources"]:
        path = data_dir / res["path"]
        fields = {f["name"]: f for f in res["schema"]["fields"]}
        starts = _record_start_lines(texts[res["name"]])
        resource = package.get_resource(res["name"])
        report = resource.validate(checklist=Checklist(checks=_checks_for(res, data_dir, descriptor)))
        seen_missing: set[int] = set()
        truncated: set[int] = set()
        found: list[Problem] = []
        for task in report.tasks:
            for error in task.errors:
                row_number = getattr(error, "row_number", None)
                line = starts[row_number - 1] if row_number and row_number - 1 < len(starts) else row_number
                column = getattr(error, "field_name", None) or None
                if error.type == "primary-key":
                    column = ",".join(res["schema"]["primaryKey"])
                if error.type == "foreign-key":
                    column = ",".join(error.field_names)
                value = getattr(error, "cell", None)
                if error.type == "primary-key":
                    cells = dict(zip(fields, error.cells))
                    value = ",".join(cells.get(name, "") for name in column.split(","))
                if error.type == "foreign-key":
                    value = ",".join(error.field_cells)
                if error.type == "primary-key":
                    first = re.search(r"position (\d+)", error.note)
                    if first and int(first[1]) - 1 < len(starts):
                        value += f"; first used on line {starts[int(first[1]) - 1]}"
                if error.type == "missing-cell":
                    # One truncated row is one problem, named by its first missing column.
                    if line in truncated:
                        continue
                    truncated.add(line)
                    missing = sum(1 for e in task.errors
                                  if e.type == "missing-cell" and getattr(e, "row_number", None) == row_number)
                    seen_missing.add(line)
                    found.append(Problem(_rel(path), line, column,
                                         f"truncated row: the last {missing} of {len(fields)} cells are missing"))
                    continue
                found.append(Problem(_rel(path), line, column, _rule_text(error, fields.get(column), codes), value))
        # A truncated row also fails 'required' on the missing cells: say it once.
        problems += [p for p in found if not (
            p.rule == "a value is required" and p.line in seen_missing)]
    return problems


def main(argv: list[str] | None = None) -> int:
    data_dir = Path(argv[0]) if argv else (Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    problems = validate(data_dir)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {_rel(Path(data_dir or paths.DATA_DIR))}", file=sys.stderr)
        return 1
    print(f"data/ is valid against {paths.DESCRIPTOR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
